"""Creating a workshop and the facilitator's switches: the open world, the join code, voting.

Every switch raises the workshop's ``revision``, which is part of the board's ETag, so the
phones and the facilitator's board see the change at their next poll.
"""

from __future__ import annotations

import secrets
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Project, Workshop
from surveyor.models.workshops import WORLDS
from surveyor.services.errors import Invalid

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""No 0/O or 1/I: the code is read off a projector and typed on a phone."""
CODE_LENGTH = 6


def create_workshop(
    project: Project,
    facilitator_id: int | None,
    title: str,
    title_de: str = "",
    held_on: date | None = None,
    card_limit: int = 30,
    vote_budget: int = 5,
) -> Workshop:
    workshop = Workshop(
        project=project,
        facilitator_id=facilitator_id,
        title=title.strip(),
        title_de=title_de.strip(),
        held_on=held_on,
        card_limit=card_limit,
        vote_budget=vote_budget,
        key=secrets.token_urlsafe(16),
        join_code=_free_join_code(),
        join_open=True,
        voting_open=False,
        revision=0,
    )
    db.session.add(workshop)
    return workshop


def workshops_of(project: Project) -> list[Workshop]:
    query = (
        select(Workshop)
        .where(Workshop.project_id == project.id)
        .order_by(Workshop.held_on.desc(), Workshop.id.desc())
    )
    return list(db.session.scalars(query))


def open_world(workshop: Workshop, world: str) -> None:
    """Put ``world`` on the board: new cards from the phones go there."""
    if world not in WORLDS:
        raise Invalid(_("Unknown world."), {"world": [_("Choose one of the six worlds.")]})
    workshop.world = world
    changed(workshop)


def set_join_open(workshop: Workshop, is_open: bool) -> None:
    """Closing the code stops new joins; participants already in keep their place."""
    workshop.join_open = is_open
    changed(workshop)


def set_voting_open(workshop: Workshop, is_open: bool) -> None:
    workshop.voting_open = is_open
    changed(workshop)


def save() -> None:
    """End a facilitator's action: the request's one commit (operations here only change rows)."""
    db.session.commit()


def changed(workshop: Workshop) -> None:
    """Tell polling boards that the facilitator changed something."""
    workshop.revision = (workshop.revision or 0) + 1


def normalise_code(code: str) -> str:
    """What people type: lower case, spaces or a dash in the middle are all fine."""
    return "".join(char for char in code.upper() if char.isalnum())[:12]


def _free_join_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if db.session.scalar(select(Workshop.id).where(Workshop.join_code == code)) is None:
            return code
