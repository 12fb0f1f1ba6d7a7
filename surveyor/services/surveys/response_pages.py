"""Reading stored responses page by page, for integrations that pull them into BI tools.

Keyset paging (``WHERE id > cursor ORDER BY id LIMIT n``) instead of offsets: rows inserted while
a client pages through never shift later pages, so nothing is skipped or repeated, and each page
costs the same however deep it is. Answers of a page come in two queries, not one per response.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Select, select

from surveyor.extensions import db
from surveyor.models import (
    Answer,
    InstrumentVersion,
    Item,
    KanoAnswer,
    Response,
    User,
)
from surveyor.services import tenancy


@dataclass(frozen=True)
class ResponseFilter:
    instrument_id: int | None = None
    wave_id: int | None = None
    location_id: int | None = None
    respondent_group: str | None = None
    submitted_from: datetime | None = None
    submitted_before: datetime | None = None


@dataclass
class ResponseRow:
    id: int
    submission_id: str
    instrument_id: int
    version_id: int
    wave_id: int
    respondent_group: str
    location_id: int | None
    submitted_at: datetime
    kano_answers: dict[str, dict] = field(default_factory=dict)
    answers: dict[str, dict] = field(default_factory=dict)


@dataclass(frozen=True)
class Page:
    items: list[ResponseRow]
    next_cursor: int | None


def response_page(user: User, wanted: ResponseFilter, after: int, limit: int) -> Page:
    """Up to ``limit`` responses with ids above ``after`` that ``user`` may see."""
    query = _visible(user, wanted).where(Response.id > after).order_by(Response.id)
    rows = db.session.execute(query.limit(limit + 1)).all()
    more = len(rows) > limit
    items = [ResponseRow(*row) for row in rows[:limit]]
    _attach_answers(items)
    return Page(items=items, next_cursor=items[-1].id if more else None)


def _visible(user: User, wanted: ResponseFilter) -> Select:
    query = select(
        Response.id,
        Response.submission_id,
        InstrumentVersion.instrument_id,
        Response.version_id,
        Response.wave_id,
        Response.respondent_group,
        Response.location_id,
        Response.submitted_at,
    ).join(InstrumentVersion, Response.version_id == InstrumentVersion.id)
    query = tenancy.scope(user, query, Response)
    query = tenancy.within_locations(user, query, Response.location_id)
    conditions = {
        InstrumentVersion.instrument_id: wanted.instrument_id,
        Response.wave_id: wanted.wave_id,
        Response.location_id: wanted.location_id,
        Response.respondent_group: wanted.respondent_group,
    }
    for column, value in conditions.items():
        if value is not None:
            query = query.where(column == value)
    if wanted.submitted_from is not None:
        query = query.where(Response.submitted_at >= wanted.submitted_from)
    if wanted.submitted_before is not None:
        query = query.where(Response.submitted_at < wanted.submitted_before)
    return query


def _attach_answers(items: list[ResponseRow]) -> None:
    """Answers of responses the scoped page query returned (so they need no scope of their own:
    filtering 200 ids through all of the client's responses would cost more than the page)."""
    if not items:
        return
    by_id = {item.id: item for item in items}
    kano = select(
        KanoAnswer.response_id,
        Item.key,
        KanoAnswer.functional,
        KanoAnswer.dysfunctional,
        KanoAnswer.importance,
    ).join(Item, KanoAnswer.item_id == Item.id)
    for response_id, key, functional, dysfunctional, importance in db.session.execute(
        kano.where(KanoAnswer.response_id.in_(by_id))
    ):
        by_id[response_id].kano_answers[key] = {
            "functional": functional,
            "dysfunctional": dysfunctional,
            "importance": importance,
        }
    other = select(
        Answer.response_id,
        Item.key,
        Answer.number,
        Answer.text,
        Answer.not_applicable,
        Answer.earned,
    ).join(Item, Answer.item_id == Item.id)
    grouped: dict[int, dict[str, dict]] = defaultdict(dict)
    for response_id, key, number, text, not_applicable, earned in db.session.execute(
        other.where(Answer.response_id.in_(by_id))
    ):
        grouped[response_id][key] = {
            "number": number,
            "text": text,
            "not_applicable": bool(not_applicable),
            "earned": earned,
        }
    for response_id, answers in grouped.items():
        by_id[response_id].answers = answers
