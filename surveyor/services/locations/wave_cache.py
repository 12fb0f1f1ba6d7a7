"""Counts of closed waves kept per location, so results at a million responses stay fast.

Results are read far more often than written, and a closed wave takes no new answers. The
first reading of a closed wave stores its GROUP BY counts (responses, scale answers, Kano
pairs per location) with ``INSERT ... SELECT`` in the database; later readings use those few
thousand rows. The stored counts are used only while the wave is still closed and has as many
customer responses as when they were made (a count over an index, a few milliseconds per
100,000 responses); otherwise they are made again. Mystery-shop checklist scores are not kept
here: a late review changes them, and they are few enough to count live.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Integer, cast, delete, func, insert, null, or_, select
from sqlalchemy.exc import IntegrityError

from surveyor.extensions import db
from surveyor.models import Answer, Item, KanoAnswer, LocationTally, Response, Wave, WaveTally
from surveyor.services.trend_series import SCALE_TYPES

_COLUMNS = ("wave_id", "location_id", "item_id", "first", "second", "count")


def fresh_waves(wave_ids: Sequence[int]) -> set[int]:
    """The closed waves among ``wave_ids`` whose stored counts are current, making them first
    where they are missing or stale."""
    closed = list(
        db.session.scalars(
            select(Wave.id).where(Wave.id.in_(list(wave_ids)), Wave.status == "closed")
        )
    )
    if not closed:
        return set()
    counts = dict(
        db.session.execute(
            select(Response.wave_id, func.count())
            .where(Response.wave_id.in_(closed), Response.respondent_group == "customer")
            .group_by(Response.wave_id)
        ).all()
    )
    stored = dict(
        db.session.execute(
            select(WaveTally.wave_id, WaveTally.responses).where(WaveTally.wave_id.in_(closed))
        ).all()
    )
    fresh = set()
    for wave_id in closed:
        if stored.get(wave_id) == counts.get(wave_id, 0) or _refresh(
            wave_id, counts.get(wave_id, 0)
        ):
            fresh.add(wave_id)
    return fresh


def rows(wave_ids: Sequence[int], item_ids: Sequence[int]) -> list[tuple]:
    """The stored counts of ``wave_ids``: (wave, location, item, first, second, count), of
    the responses and of the answers to ``item_ids`` only."""
    if not wave_ids:
        return []
    columns = [getattr(LocationTally, name) for name in _COLUMNS]
    query = select(*columns).where(
        LocationTally.wave_id.in_(list(wave_ids)),
        or_(LocationTally.item_id.is_(None), LocationTally.item_id.in_(list(item_ids))),
    )
    return db.session.connection().execute(query).all()


def _refresh(wave_id: int, responses: int) -> bool:
    """Store the counts of one wave in a transaction of its own; False when another request
    stored them at the same moment (its counts are then the ones used next time)."""
    db.session.commit()
    db.session.execute(delete(LocationTally).where(LocationTally.wave_id == wave_id))
    db.session.execute(delete(WaveTally).where(WaveTally.wave_id == wave_id))
    target = [getattr(LocationTally, name) for name in _COLUMNS]
    for query in _grouped(wave_id):
        db.session.execute(insert(LocationTally).from_select(target, query))
    db.session.add(WaveTally(wave_id=wave_id, responses=responses))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def _grouped(wave_id: int) -> list:
    customer = (Response.wave_id == wave_id, Response.respondent_group == "customer")
    nothing = null().cast(Integer)
    responses = (
        select(Response.wave_id, Response.location_id, nothing, nothing, nothing, func.count())
        .where(*customer)
        .group_by(Response.wave_id, Response.location_id)
    )
    value = cast(Answer.number, Integer)
    scales = (
        select(Response.wave_id, Response.location_id, Answer.item_id, value, nothing, func.count())
        .select_from(Answer)
        .join(Response, Answer.response_id == Response.id)
        .join(Item, Item.id == Answer.item_id)
        .where(*customer, Item.item_type.in_(SCALE_TYPES), Answer.number.is_not(None))
        .group_by(Response.wave_id, Response.location_id, Answer.item_id, value)
    )
    pairs = (
        select(
            Response.wave_id,
            Response.location_id,
            KanoAnswer.item_id,
            KanoAnswer.functional,
            KanoAnswer.dysfunctional,
            func.count(),
        )
        .select_from(KanoAnswer)
        .join(Response, KanoAnswer.response_id == Response.id)
        .where(*customer)
        .group_by(
            Response.wave_id,
            Response.location_id,
            KanoAnswer.item_id,
            KanoAnswer.functional,
            KanoAnswer.dysfunctional,
        )
    )
    return [responses, scales, pairs]
