"""Dot voting on causes: each participant has a budget of dots and may put several on one cause.

A dot is a row numbered 1..budget per participant, unique on (participant, number): two dots
sent at the same moment cannot both take the last number, so the budget holds without a lock.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from surveyor.extensions import db
from surveyor.models import Workshop, WorkshopCause, WorkshopParticipant, WorkshopVote
from surveyor.models.base import MAX_ID
from surveyor.services.errors import Conflict, Gone, NotFound, TooMany


def cast(participant: WorkshopParticipant, cause_id: int) -> None:
    """Place one dot and commit; two dots racing for the last number get a clear answer."""
    place_dot(participant, cause_id)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(
            _("Another dot was being placed at the same time; please try again.")
        ) from None


def place_dot(participant: WorkshopParticipant, cause_id: int) -> None:
    """Add the participant's next free dot to the cause (the caller commits)."""
    workshop = db.session.get(Workshop, participant.workshop_id)
    cause = _cause(workshop, cause_id)
    used = set(db.session.scalars(_dots(participant)))
    free = [dot for dot in range(1, workshop.vote_budget + 1) if dot not in used]
    if not free:
        raise TooMany(_("You have used all your dots."))
    db.session.add(
        WorkshopVote(
            workshop_id=workshop.id, participant_id=participant.id, cause_id=cause.id, dot=free[0]
        )
    )


def withdraw(participant: WorkshopParticipant, cause_id: int) -> None:
    """Take back one dot from the cause (the newest)."""
    workshop = db.session.get(Workshop, participant.workshop_id)
    _cause(workshop, cause_id)
    newest = db.session.scalar(
        select(func.max(WorkshopVote.id)).where(
            WorkshopVote.participant_id == participant.id, WorkshopVote.cause_id == cause_id
        )
    )
    if newest is not None:
        db.session.execute(delete(WorkshopVote).where(WorkshopVote.id == newest))
    db.session.commit()


def dots_left(participant: WorkshopParticipant, budget: int) -> int:
    used = db.session.scalar(select(func.count()).select_from(_dots(participant).subquery()))
    return max(budget - used, 0)


def my_dots(participant: WorkshopParticipant) -> dict[int, int]:
    """Dots per cause of this participant."""
    query = (
        select(WorkshopVote.cause_id, func.count())
        .where(WorkshopVote.participant_id == participant.id)
        .group_by(WorkshopVote.cause_id)
    )
    return dict(db.session.execute(query).all())


def totals(workshop: Workshop) -> dict[int, dict[str, int]]:
    """Dots per cause and participant role, counted in SQL: {cause_id: {role: dots}}."""
    query = (
        select(WorkshopVote.cause_id, WorkshopParticipant.role, func.count())
        .join(WorkshopParticipant, WorkshopVote.participant_id == WorkshopParticipant.id)
        .where(WorkshopVote.workshop_id == workshop.id)
        .group_by(WorkshopVote.cause_id, WorkshopParticipant.role)
    )
    found: dict[int, dict[str, int]] = {}
    for cause_id, role, count in db.session.execute(query):
        found.setdefault(cause_id, {})[role] = count
    return found


def _dots(participant: WorkshopParticipant):
    return select(WorkshopVote.dot).where(WorkshopVote.participant_id == participant.id)


def _cause(workshop: Workshop, cause_id: int) -> WorkshopCause:
    if not workshop.voting_open:
        raise Gone(_("Voting is closed."))
    valid = isinstance(cause_id, int) and 0 < cause_id <= MAX_ID
    cause = db.session.get(WorkshopCause, cause_id) if valid else None
    if cause is None or cause.workshop_id != workshop.id or cause.stage != "cause":
        raise NotFound(_("There is no such cause to vote on."))
    return cause
