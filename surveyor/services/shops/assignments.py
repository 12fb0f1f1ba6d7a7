"""Shoppers and their assignments: who visits which location with which checklist, and when.

Shoppers are the consultancy's field force, not a client's staff: they get no client access (so
the workspace answers 404 to them everywhere) and consultants of any client may assign them.
What a shopper sees is only the assignments whose ``shopper_id`` is theirs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from surveyor.database import committed
from surveyor.extensions import db
from surveyor.models import Assignment, Instrument, Location, Project, Touchpoint, User, Wave
from surveyor.services import tenancy
from surveyor.services.accounts import accounts
from surveyor.services.instruments.instruments import published_version


class AssignmentInvalid(ValueError):
    """A user-facing reason why an assignment cannot be created."""


@committed
def create_shopper(email: str, password: str, name: str = "") -> User:
    """A login with role ``shopper`` and no client access; raises AccountError."""
    return accounts.create_user(email, password, "shopper", name=name)


def shoppers() -> list[User]:
    return db.session.scalars(
        select(User).where(User.role == "shopper", User.active.is_(True)).order_by(User.email)
    ).all()


def checklists_of(project: Project) -> list[Instrument]:
    return db.session.scalars(
        select(Instrument)
        .join(Touchpoint, Instrument.touchpoint_id == Touchpoint.id)
        .where(Touchpoint.project_id == project.id, Instrument.kind == "checklist")
        .order_by(Touchpoint.position, Instrument.name)
    ).all()


def create_assignment(
    project: Project,
    *,
    shopper: User,
    location: Location,
    instrument: Instrument,
    wave: Wave,
    visit_from: date,
    visit_to: date,
    created_by: User | None = None,
) -> Assignment:
    """Validate that every part belongs to ``project`` and the checklist can be filled in."""
    if shopper.role != "shopper":
        raise AssignmentInvalid(f"{shopper.email} is not a shopper account.")
    if location.project_id != project.id or wave.project_id != project.id:
        raise AssignmentInvalid("Location and wave must belong to this project.")
    if instrument.kind != "checklist" or instrument.touchpoint.project_id != project.id:
        raise AssignmentInvalid("Choose a checklist of this project.")
    if published_version(instrument) is None:
        raise AssignmentInvalid(f"Publish the checklist '{instrument.name}' first.")
    if visit_to < visit_from:
        raise AssignmentInvalid("The visit window ends before it starts.")
    assignment = Assignment(
        shopper=shopper,
        location=location,
        instrument=instrument,
        wave=wave,
        visit_from=visit_from,
        visit_to=visit_to,
        created_by=created_by,
        status="assigned",
    )
    db.session.add(assignment)
    return assignment


save_assignment = committed(create_assignment)
"""The workspace's "new assignment": :func:`create_assignment`, saved at once."""


def shopper_assignments(shopper: User) -> list[Assignment]:
    """The shopper's own assignments, the most urgent visit window first."""
    query = (
        select(Assignment)
        .options(
            joinedload(Assignment.location),
            joinedload(Assignment.instrument),
            joinedload(Assignment.wave),
        )
        .where(Assignment.shopper_id == shopper.id)
        .order_by(Assignment.visit_to, Assignment.id)
    )
    return list(db.session.scalars(query))


def project_assignments(project: Project, statuses: Sequence[str] = ()) -> list[Assignment]:
    """Every assignment of the project, soonest deadline first, loaded for a list page."""
    query = (
        select(Assignment)
        .join(Location, Assignment.location_id == Location.id)
        .where(Location.project_id == project.id)
        .options(
            joinedload(Assignment.shopper),
            joinedload(Assignment.location),
            joinedload(Assignment.instrument),
            joinedload(Assignment.wave),
        )
        .order_by(Assignment.visit_to, Assignment.id)
    )
    if statuses:
        query = query.where(Assignment.status.in_(statuses))
    return db.session.scalars(query).all()


def get_assignment(user: User, assignment_id: int) -> Assignment:
    """The assignment if it belongs to one of the user's clients (and, for staff limited to
    locations, to one of theirs), else 404 (as tenancy does)."""
    assignment = tenancy.get(user, Assignment, assignment_id)
    tenancy.require_location(user, assignment.location)
    return assignment
