"""Storing a mystery shop exactly once, however often the phone sends it.

The phone keeps the shop in an outbox and sends it until the server acknowledges it, so the same
shop may arrive several times (lost answers, retries, a second tab). It carries a submission id
generated on the device; ``Response.submission_id`` is UNIQUE and the response keeps a hash of its
content: the same id with the same content is acknowledged again (200, no second row), the same
id with other content is a conflict (409), as in :mod:`surveyor.services.surveys.submissions`.

The assignment moves to "submitted" by a conditional UPDATE in the same transaction, so two
different shops for one assignment (two devices) cannot both be taken: the second gets 409.

A returned shop sent again (under a new submission id) replaces the returned response in the
same transaction: otherwise the old row would stay behind, attached to no assignment, and count
as a second shop of the location in exports and the API. Photos the new shop lists again move
to the new response (the phone sends them under the same upload ids); the others are deleted,
their files after the commit.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from surveyor.extensions import db
from surveyor.models import (
    Answer,
    Assignment,
    InstrumentVersion,
    Photo,
    Response,
    ShopVisit,
    User,
)
from surveyor.models.base import MAX_ID, utcnow
from surveyor.models.shops import OPEN_STATUSES
from surveyor.scoring.checklist import earned_points
from surveyor.services import tenancy
from surveyor.services.errors import NotFound
from surveyor.services.shops import photos
from surveyor.services.shops.shop_answers import CleanAnswer, clean_answers, clean_visit
from surveyor.services.surveys.submissions import (
    SUBMISSION_ID,
    Receipt,
    SubmissionConflict,
    SubmissionRejected,
    earlier_receipt,
)

SHOP_CONFLICT = "A different shop with this submission id was stored already."


class AssignmentNotFound(NotFound):
    """No assignment with this id belongs to the shopper (answered 404 either way)."""

    def __init__(self, assignment_id: int) -> None:
        super().__init__(_("This assignment does not exist, or it is not yours."))
        self.assignment_id = assignment_id


def own_assignment(user: User, assignment_id: int) -> Assignment:
    """The shopper's own assignment; someone else's is indistinguishable from a missing one."""
    if not 0 < assignment_id <= MAX_ID:
        raise AssignmentNotFound(assignment_id)
    mine = tenancy.own_assignments(user).where(Assignment.id == assignment_id)
    assignment = db.session.scalar(mine)
    if assignment is None:
        raise AssignmentNotFound(assignment_id)
    return assignment


def answerable_version(assignment: Assignment, version_id: Any) -> InstrumentVersion:
    """The published version of the assignment's checklist that the phone answered."""
    known = type(version_id) is int and 0 < version_id <= MAX_ID
    version = db.session.get(InstrumentVersion, version_id) if known else None
    if version is None or version.instrument_id != assignment.instrument_id:
        raise SubmissionRejected("This shop belongs to another checklist.")
    if not version.is_published:
        raise SubmissionConflict("This checklist version is not published.")
    return version


@dataclass(frozen=True)
class ShopSubmission:
    """One shop as the phone sent it, validated against the assignment's checklist."""

    submission_id: str
    version: InstrumentVersion
    visit: dict[str, Any]
    answers: dict[str, CleanAnswer]
    content_hash: str


def submit_shop(user: User, assignment_id: int, payload: Any, today: date) -> Receipt:
    """Validate and store one shop; raises AssignmentNotFound, InvalidShop or SubmissionRejected."""
    assignment = own_assignment(user, assignment_id)
    shop = read_shop(assignment, payload, today)
    earlier = earlier_receipt(shop.submission_id, shop.content_hash, SHOP_CONFLICT)
    if earlier is not None:
        return earlier
    try:
        response_id, dropped = take_shop(assignment, shop)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        earlier = earlier_receipt(shop.submission_id, shop.content_hash, SHOP_CONFLICT)
        if earlier is None:
            raise
        return earlier
    photos.remove_files(dropped)
    return Receipt(response_id=response_id, duplicate=False)


def read_shop(assignment: Assignment, payload: Any, today: date) -> ShopSubmission:
    """The payload checked as :func:`submit_shop` checks it (InvalidShop, SubmissionRejected)."""
    payload = payload if isinstance(payload, dict) else {}
    submission_id = payload.get("submission_id")
    if not isinstance(submission_id, str) or not SUBMISSION_ID.match(submission_id):
        raise SubmissionRejected("The submission id is missing or malformed.")
    version = answerable_version(assignment, payload.get("version_id"))
    visit = clean_visit(payload.get("visit"), today)
    answers = clean_answers(version.items, payload.get("answers"))
    content_hash = _content_hash(assignment.id, version.id, visit, answers)
    return ShopSubmission(submission_id, version, visit, answers, content_hash)


def take_shop(assignment: Assignment, shop: ShopSubmission) -> tuple[int, list[str]]:
    """Store a checked shop on its open assignment, which becomes "submitted"; the caller
    commits (the demo builder reuses this). Returns the response id and dropped photo keys."""
    if assignment.status not in OPEN_STATUSES:
        raise SubmissionConflict(_closed_message(assignment.status))
    stored = _store(
        assignment, shop.version, shop.submission_id, shop.content_hash, shop.visit, shop.answers
    )
    db.session.expire(assignment)  # updated in the database; reread before a review step
    return stored


def _closed_message(status: str) -> str:
    if status == "approved":
        return "This shop has been approved already and cannot be changed."
    return "This shop has been submitted already."


def _store(assignment, version, submission_id, content_hash, visit, answers) -> tuple[int, list]:
    """Insert the shop; returns its response id and the storage keys of photos it dropped."""
    returned = assignment.response_id if assignment.status == "returned" else None
    response = Response(
        submission_id=submission_id,
        content_hash=content_hash,
        version_id=version.id,
        wave_id=assignment.wave_id,
        respondent_group="shopper",
        location_id=assignment.location_id,
    )
    db.session.add(response)
    db.session.flush()
    items = {item.key: item for item in version.items}
    rows = [_answer_row(response.id, items[key], answer) for key, answer in answers.items()]
    if rows:
        db.session.execute(insert(Answer), rows)
    db.session.add(
        ShopVisit(
            response_id=response.id,
            visit_date=visit["date"],
            **{name: visit[name] for name in VISIT_DETAILS},
        )
    )
    taken = db.session.execute(
        update(Assignment)
        .where(Assignment.id == assignment.id, Assignment.status.in_(OPEN_STATUSES))
        .values(status="submitted", response_id=response.id, submitted_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:
        db.session.rollback()
        raise SubmissionConflict(_closed_message("submitted"))
    dropped = [] if returned is None else _replace(returned, response.id, _listed_uploads(rows))
    return response.id, dropped


def _replace(returned_id: int, response_id: int, listed: set[str]) -> list[str]:
    """Delete the returned response (answers, visit, comments cascade) but keep listed photos."""
    db.session.execute(
        update(Photo)
        .where(Photo.response_id == returned_id, Photo.upload_id.in_(listed))
        .values(response_id=response_id)
        .execution_options(synchronize_session=False)
    )
    dropped = list(
        db.session.scalars(select(Photo.storage_key).where(Photo.response_id == returned_id))
    )
    db.session.execute(
        delete(Response)
        .where(Response.id == returned_id)
        .execution_options(synchronize_session=False)
    )
    return dropped


def _listed_uploads(rows: list[dict]) -> set[str]:
    return {
        upload
        for row in rows
        if row.get("text")
        for upload in str(row["text"]).split(",")
        if upload
    }


VISIT_DETAILS = ("time_in", "time_out", "latitude", "longitude", "accuracy_m")


def _answer_row(response_id: int, item, answer: CleanAnswer) -> dict:
    return {
        "response_id": response_id,
        "item_id": item.id,
        **answer.as_dict(),
        "earned": earned_points(item.item_type, item.settings, item.points, answer.scored_value()),
    }


def _content_hash(assignment_id: int, version_id: int, visit: dict, answers: dict) -> str:
    canonical = json.dumps(
        {
            "assignment": assignment_id,
            "version": version_id,
            "visit": {key: None if value is None else str(value) for key, value in visit.items()},
            "answers": {key: answer.as_dict() for key, answer in answers.items()},
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()
