"""What people do with cases: list them, read the evidence, move them on, hand them over.

Everyone with the workspace of the case's client sees the case and its evidence (the answers
and free text of the response, the shop's photos through the photo check); only the owner sees
the customer's contact details. The owner and the client's consultants change a case; a closed
case (resolved, no action) stays closed, so its time to close cannot be rewritten later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import case as sql_case
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from surveyor.extensions import db
from surveyor.labels import KANO_ANSWERS
from surveyor.models import (
    Answer,
    FollowUpCase,
    Item,
    KanoAnswer,
    Location,
    Photo,
    Project,
    User,
)
from surveyor.models.base import as_utc, utcnow
from surveyor.models.cases import CASE_STATUSES, OPEN_CASE_STATUSES
from surveyor.permissions import Action
from surveyor.services import tenancy
from surveyor.services.cases.opening import event_payload
from surveyor.services.errors import Conflict, Forbidden, Invalid, NotFound
from surveyor.services.shops import photos
from surveyor.services.webhooks import events

LIST_LIMIT = 200
_LOADED = (
    selectinload(FollowUpCase.touchpoint),
    selectinload(FollowUpCase.location),
    selectinload(FollowUpCase.wave),
    selectinload(FollowUpCase.owner),
)


@dataclass
class Evidence:
    """The answers of the response behind a case, as (question, answer) pairs, and photos."""

    answers: list[tuple[Item, str]] = field(default_factory=list)
    texts: list[tuple[Item, str]] = field(default_factory=list)
    photo_ids: list[int] = field(default_factory=list)


def my_cases(user: User) -> list[FollowUpCase]:
    """The user's own cases: open ones first, the most urgent on top; then recently closed."""
    mine = select(FollowUpCase).where(
        FollowUpCase.owner_id == user.id,
        FollowUpCase.project_id.in_(_visible_projects(user)),
    )
    return list(
        db.session.scalars(
            tenancy.within_locations(user, mine, FollowUpCase.location_id)
            .options(*_LOADED)
            .order_by(_open_first(), FollowUpCase.due_at, FollowUpCase.id.desc())
            .limit(LIST_LIMIT)
        )
    )


def project_cases(
    user: User, project: Project, status: str = "", location_id: int | None = None
) -> list[FollowUpCase]:
    """The project's cases that ``user`` may see: staff limited to locations see theirs.

    ``location_id`` narrows the list to one branch, or a region's branches (and the region);
    a location of another project, or one the user may not see, is NotFound.
    """
    query = select(FollowUpCase).options(*_LOADED).where(FollowUpCase.project_id == project.id)
    query = tenancy.within_locations(user, query, FollowUpCase.location_id)
    if status in CASE_STATUSES:
        query = query.where(FollowUpCase.status == status)
    if location_id is not None:
        location = tenancy.get_location_results(user, location_id)
        if location.project_id != project.id:
            raise NotFound()
        covered = select(Location.id).where(
            or_(Location.id == location.id, Location.parent_id == location.id)
        )
        query = query.where(FollowUpCase.location_id.in_(covered))
    return list(
        db.session.scalars(
            query.order_by(_open_first(), FollowUpCase.due_at, FollowUpCase.id.desc()).limit(
                LIST_LIMIT
            )
        )
    )


def get_case(user: User, case_id: int) -> FollowUpCase:
    """A case ``user`` may see: of their client and, if they are limited to locations, of one
    of those (NotFound otherwise, as for another tenant's case)."""
    case = tenancy.get(user, FollowUpCase, case_id)
    if not tenancy.keep_locations(user, case.project_id, [case], lambda c: c.location_id):
        raise NotFound()
    return case


def sees_contact(user: User, case: FollowUpCase) -> bool:
    """The customer agreed to be contacted about their answers by whoever follows them up."""
    return case.owner_id == user.id


def may_change(user: User, case: FollowUpCase) -> bool:
    return case.owner_id == user.id or user.may(Action.EDIT_WORKSPACE)


def evidence(user: User, case: FollowUpCase) -> Evidence:
    """What the response said, read live: retention's removal of free text shows here too."""
    found_evidence = Evidence()
    if case.response_id is None:
        return found_evidence
    for item, answer in db.session.execute(
        select(Item, Answer)
        .join(Answer, Answer.item_id == Item.id)
        .where(Answer.response_id == case.response_id)
        .order_by(Item.position)
    ):
        if answer.text and item.item_type in ("comment", "text"):
            found_evidence.texts.append((item, answer.text))
        elif answer.number is not None:
            found_evidence.answers.append((item, _number(answer.number)))
        elif answer.text:
            found_evidence.answers.append((item, answer.text))
    for item, kano in db.session.execute(
        select(Item, KanoAnswer)
        .join(KanoAnswer, KanoAnswer.item_id == Item.id)
        .where(KanoAnswer.response_id == case.response_id)
        .order_by(Item.position)
    ):
        pair = (KANO_ANSWERS.get(kano.functional), KANO_ANSWERS.get(kano.dysfunctional))
        found_evidence.answers.append((item, " / ".join(str(label) for label in pair)))
    photo_ids = db.session.scalars(
        select(Photo.id).where(Photo.response_id == case.response_id).order_by(Photo.id)
    )
    found_evidence.photo_ids = [
        photo_id for photo_id in photo_ids if photos.photo_for_viewer(user, photo_id) is not None
    ]
    return found_evidence


def update(user: User, case: FollowUpCase, status: str, note: str) -> None:
    """Move the case on; closing it needs a resolution note and records the time to close."""
    if not may_change(user, case):
        raise Forbidden(_("Only the case's owner or a consultant can change it."))
    if not case.is_open:
        raise Conflict(_("This case is closed already."))
    if status not in CASE_STATUSES:
        raise Invalid(_("Choose a status."), {"status": [_("Choose a status.")]})
    note = (note or "").strip()
    closing = status not in OPEN_CASE_STATUSES
    if closing and not note:
        message = _("Say what was done (or why nothing is needed) before closing the case.")
        raise Invalid(message, {"resolution_note": [message]})
    move(case, status, note, utcnow())
    db.session.commit()


def move(case: FollowUpCase, status: str, note: str, now: datetime) -> None:
    """Set the status (the caller checked it may); closing records when and how fast."""
    case.status = status
    case.resolution_note = note[:5000]
    if status not in OPEN_CASE_STATUSES:
        case.closed_at = now
        case.hours_to_close = int((now - as_utc(case.opened_at)).total_seconds() // 3600)
        case.closed_in_time = now <= as_utc(case.due_at)
        events.record(case.project_id, "case.closed", event_payload(case))


def people_for(case: FollowUpCase) -> list[User]:
    """Who a consultant may hand the case to: the client's staff and consultants who may see
    the case's location."""
    project = db.session.get(Project, case.project_id)
    people = db.session.scalars(tenancy.people_of_client(project.client_id))
    return tenancy.who_see_location(people, case.project_id, case.location_id)


def assign(user: User, case: FollowUpCase, owner_id: int) -> None:
    """Hand the case to someone who can reach it (the client, and the case's location for staff
    limited to locations); anyone else gets a clear message."""
    tenancy.require_editor(user)
    project = db.session.get(Project, case.project_id)
    owner = tenancy.get_person_of_client(project.client_id, owner_id)
    if owner is None:
        message = _("This person has no access to the client of this case.")
        raise Invalid(message, {"owner_id": [message]})
    if not tenancy.who_see_location([owner], case.project_id, case.location_id):
        message = _(
            "This person's access is limited to locations and cannot see cases of this location."
        )
        raise Invalid(message, {"owner_id": [message]})
    case.owner_id = owner.id
    db.session.commit()


def _visible_projects(user: User):
    return select(Project.id).where(Project.client_id.in_(tenancy.client_ids_of(user)))


def _open_first():
    return sql_case((FollowUpCase.status.in_(sorted(OPEN_CASE_STATUSES)), 0), else_=1)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
