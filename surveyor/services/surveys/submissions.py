"""Storing a submission exactly once.

The client (form or app) sends a submission id with every submission. The id is UNIQUE in the
database, and the response keeps a hash of its content: the same id with the same content is a
retry or a double click and is acknowledged again without a second row; the same id with other
content is a conflict (409). Invitations are marked used in the same transaction by a conditional
update, so two tabs cannot both use one invitation.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from surveyor.extensions import db
from surveyor.models import Answer, InstrumentVersion, Invitation, KanoAnswer, Response
from surveyor.models.base import utcnow
from surveyor.services.cases import opening
from surveyor.services.cases.opening import CONSENT_ITEM
from surveyor.services.surveys.kano_answers import clean_answers
from surveyor.services.surveys.published_forms import PublishedForm, published_form
from surveyor.services.surveys.surveys import SurveyTarget, wave_is_open
from surveyor.services.webhooks import events

SUBMISSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


class SubmissionRejected(Exception):
    """Base class: the submission was not stored; ``status`` is the HTTP answer."""

    status = 400


class SubmissionConflict(SubmissionRejected):
    status = 409


class SubmissionRetry(SubmissionRejected):
    """Nothing was stored, and sending the same submission again may succeed."""

    status = 503


class SurveyClosed(SubmissionRejected):
    status = 410


class InvitationUsed(SubmissionRejected):
    status = 410


class NoPublishedVersion(SubmissionRejected):
    status = 410


@dataclass(frozen=True)
class Receipt:
    response_id: int
    duplicate: bool


def submit_kano(target: SurveyTarget, version_id: int, submission_id: str, raw: dict) -> Receipt:
    """Validate and store one questionnaire; raises InvalidAnswers or a SubmissionRejected.

    The response row is inserted first with ON CONFLICT DO NOTHING, so the common case (a new
    submission) costs no look-up; only when the id is taken do we read the earlier receipt.
    """
    version, answers, content_hash = _checked(target, version_id, submission_id, raw)
    refusal = _refusal(target, utcnow())
    if refusal is not None:
        earlier = earlier_receipt(submission_id, content_hash)
        if earlier is not None:
            return earlier  # a retry of what was stored before the wave closed
        raise refusal
    try:
        response_id = _store(target, version, submission_id, content_hash, answers, utcnow())
        if response_id is None:
            db.session.rollback()
            return _earlier_or_retry(submission_id, content_hash)
        _record_event(target, version.id, response_id)
        db.session.commit()
    except IntegrityError:
        # Not the submission id (ON CONFLICT absorbs that) unless two writers raced past it;
        # anything else, e.g. the wave deleted meanwhile, is a real error and is logged.
        db.session.rollback()
        earlier = earlier_receipt(submission_id, content_hash)
        if earlier is None:
            raise
        return earlier
    return Receipt(response_id=response_id, duplicate=False)


def take_kano(
    target: SurveyTarget, version_id: int, submission_id: str, raw: dict, now: datetime
) -> int:
    """A new submission checked and stored as :func:`submit_kano` does, had it arrived at
    ``now``; the caller commits (the demo builder sends its answers through this). Raises
    InvalidAnswers or a SubmissionRejected, SubmissionConflict when the id is taken."""
    version, answers, content_hash = _checked(target, version_id, submission_id, raw)
    refusal = _refusal(target, now)
    if refusal is not None:
        raise refusal
    response_id = _store(target, version, submission_id, content_hash, answers, now)
    if response_id is None:
        raise SubmissionConflict("A submission with this id was stored already.")
    _record_event(target, version.id, response_id)
    return response_id


def _checked(
    target: SurveyTarget, version_id: int, submission_id: str, raw: dict
) -> tuple[PublishedForm, dict, str]:
    """The published version answered, the clean answers and their hash, or why not."""
    if not SUBMISSION_ID.match(submission_id or ""):
        raise SubmissionRejected("The submission id is missing or malformed.")
    version = answerable_version(target, version_id)
    answers = clean_answers(version.items, raw)
    return version, answers, _content_hash(target, version.id, answers)


def _record_event(target: SurveyTarget, version_id: int, response_id: int) -> None:
    """``response.stored`` for the project's webhooks, committed with the response."""
    if not target.subscribed:
        return
    events.record(
        target.wave.project_id,
        "response.stored",
        {
            "response_id": response_id,
            "wave_id": target.link.wave_id,
            "instrument_id": target.link.instrument_id,
            "version_id": version_id,
            "respondent_group": target.link.respondent_group,
        },
    )


def _refusal(target: SurveyTarget, now: datetime) -> SubmissionRejected | None:
    if not wave_is_open(target.wave, now):
        return SurveyClosed("This survey is closed.")
    if target.invitation is not None and target.invitation.used_at is not None:
        return InvitationUsed("This invitation has been used already.")
    return None


def _earlier_or_retry(submission_id: str, content_hash: str) -> Receipt:
    earlier = earlier_receipt(submission_id, content_hash)
    if earlier is None:  # the clashing row vanished again (deleted): nothing is stored yet
        raise SubmissionRetry("This submission could not be stored yet; please send it again.")
    return earlier


def answerable_version(target: SurveyTarget, version_id: int) -> PublishedForm:
    """The published version ``version_id`` of the target's questionnaire, or why not."""
    stamp = target.published_at if target.version_id == version_id else None
    version = published_form(version_id, stamp)
    if version is None:
        owner = db.session.scalar(
            select(InstrumentVersion.instrument_id).where(InstrumentVersion.id == version_id)
        )
        if owner is not None and owner != target.link.instrument_id:
            raise SubmissionRejected("This form belongs to another questionnaire.")
        # a draft, or a version deleted since the form was shown: the survey is closed to it
        raise NoPublishedVersion("This questionnaire is not published.")
    if version.instrument_id != target.link.instrument_id:
        raise SubmissionRejected("This form belongs to another questionnaire.")
    return version


def earlier_receipt(
    submission_id: str,
    content_hash: str,
    conflict: str = "A different submission with this id was stored already.",
) -> Receipt | None:
    """The receipt of a response already stored under ``submission_id``, if any.

    Shared by every way answers arrive (survey form, shopper app, API): the same id with the
    same content is a retry and gets the first receipt; with other content it is a conflict.
    """
    row = db.session.execute(
        select(Response.id, Response.content_hash).where(Response.submission_id == submission_id)
    ).first()
    if row is None:
        return None
    if row.content_hash != content_hash:
        raise SubmissionConflict(conflict)
    return Receipt(response_id=row.id, duplicate=True)


def _store(
    target, version, submission_id: str, content_hash: str, answers: dict, now: datetime
) -> int | None:
    """Insert the response and its answers; None when ``submission_id`` is stored already.

    Plain Core statements on the session's connection: the ORM adds nothing to row inserts of
    known values but CPU on the busiest write path.
    """
    connection = db.session.connection()
    response_id = connection.scalar(
        _insert_response_statement(connection.dialect.name),
        {
            "submission_id": submission_id,
            "content_hash": content_hash,
            "version_id": version.id,
            "wave_id": target.link.wave_id,
            "respondent_group": target.link.respondent_group,
            "location_id": target.location_id,
            "channel": target.origin.channel,
            "reference": target.origin.reference,
            "submitted_at": now,
        },
    )
    if response_id is None:
        return None
    items = {item.key: item for item in version.items}
    kano_rows, other_rows = [], []
    for key, value in answers.items():
        item_id = items[key].id
        if items[key].item_type == CONSENT_ITEM:
            continue  # contact details are kept on a case only (services/cases/opening.py)
        if items[key].item_type == "kano_feature":
            kano_rows.append({"response_id": response_id, "item_id": item_id, **value})
        else:
            other_rows.append(
                {
                    "response_id": response_id,
                    "item_id": item_id,
                    "number": value.get("number"),
                    "text": value.get("text") or ",".join(value.get("channels", [])) or None,
                }
            )
    if kano_rows:
        connection.execute(_INSERT_KANO_ANSWER, kano_rows)
    if other_rows:
        connection.execute(_INSERT_ANSWER, other_rows)
    if target.invitation is not None:
        _use_invitation(target.invitation.id, response_id, target.link.anonymous)
    _open_cases(target, version, response_id, answers)
    return response_id


def _open_cases(target, version, response_id: int, answers: dict) -> None:
    """Follow-up cases open in the response's transaction; an anonymous link gives no contact."""
    if not target.watched:
        return
    types = {item.key: item.item_type for item in version.items}
    consent = next((v for k, v in answers.items() if types[k] == CONSENT_ITEM), None)
    contact = None
    if consent is not None and not target.link.anonymous:
        contact = (consent["name"], consent["contact"])
    opening.open_for_response(
        target.wave.project_id,
        target.link.instrument_id,
        target.link.wave_id,
        response_id,
        opening.facts_of(version.items, answers),
        contact,
        location_id=target.location_id,
    )


_INSERT_KANO_ANSWER = insert(KanoAnswer.__table__)
_INSERT_ANSWER = insert(Answer.__table__)


@functools.cache
def _insert_response_statement(dialect: str):
    """INSERT ... ON CONFLICT (submission_id) DO NOTHING RETURNING id, built once per dialect."""
    dialect_insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect]
    return (
        dialect_insert(Response.__table__)
        .on_conflict_do_nothing(index_elements=[Response.submission_id])
        .returning(Response.id)
    )


def _use_invitation(invitation_id: int, response_id: int, anonymous: bool) -> None:
    """Mark the invitation used; on an anonymous link without the response and the exact time.

    The time is cut to the day there, since a used_at equal to the response's submitted_at would
    link the two again.
    """
    now = utcnow()
    if anonymous:
        values = {"used_at": now.replace(hour=0, minute=0, second=0, microsecond=0)}
    else:
        values = {"used_at": now, "response_id": response_id}
    used = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation_id, Invitation.used_at.is_(None))
        .values(**values)
    )
    if used.rowcount != 1:
        db.session.rollback()
        raise InvitationUsed("This invitation has been used already.")


def _content_hash(target: SurveyTarget, version_id: int, answers: dict) -> str:
    """The hash of what was sent; on an anonymous link it leaves the invitation out, because
    hashing each invitation id with the stored answers would otherwise reveal whose they are."""
    invitation_id = target.invitation.id if target.invitation else None
    if target.link.anonymous:
        invitation_id = None
    content = {
        "link": target.link.id,
        "invitation": invitation_id,
        "version": version_id,
        "answers": answers,
    }
    if not target.origin.empty:
        content["origin"] = target.origin.parameters()
    canonical = json.dumps(
        content,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()
