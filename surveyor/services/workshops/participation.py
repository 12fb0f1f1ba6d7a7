"""Joining a workshop without an account, and finding the participant behind a signed cookie.

A participant is a name or pseudonym and a role (employee, customer, partner): enough to show
the gap between how employees and customers see the same touchpoint, without personal data
beyond what people choose to type.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Workshop, WorkshopParticipant
from surveyor.models.workshops import PARTICIPANT_ROLES
from surveyor.services import tenancy
from surveyor.services.errors import Gone, Invalid, NotFound, found
from surveyor.services.workshops.setup import normalise_code

NAME_MAX = 60
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def workshop_for_code(code: str) -> Workshop:
    """The workshop a typed or scanned code opens; 404 for no such code, 410 once closed."""
    workshop = found(
        db.session.scalar(
            # a participant has no account: the code alone opens its workshop, of any client
            tenancy.across_clients(
                select(Workshop).where(Workshop.join_code == normalise_code(code))
            )
        ),
        _("There is no workshop with this code. Please check the code on the screen."),
    )
    if not workshop.join_open:
        raise Gone(_("The facilitator has closed this code. Please ask for help in the room."))
    return workshop


def join(code: str, name: str, role: str) -> WorkshopParticipant:
    workshop = workshop_for_code(code)
    name = " ".join(_CONTROL.sub(" ", name or "").split())
    errors = {}
    if not name or len(name) > NAME_MAX:
        errors["name"] = [
            _("Enter a name or pseudonym of at most %(count)s characters.", count=NAME_MAX)
        ]
    if role not in PARTICIPANT_ROLES:
        errors["role"] = [_("Choose employee, customer or partner.")]
    if errors:
        raise Invalid(_("Please check your entries."), errors)
    participant = WorkshopParticipant(workshop_id=workshop.id, name=name, role=role)
    db.session.add(participant)
    db.session.flush()
    return participant


def participant(key: str, workshop_id: int, participant_id: int) -> WorkshopParticipant:
    """The participant a cookie names, if it belongs to the workshop of ``key``."""
    query = (
        select(WorkshopParticipant)
        .join(Workshop, WorkshopParticipant.workshop_id == Workshop.id)
        .where(
            Workshop.key == key,
            Workshop.id == workshop_id,
            WorkshopParticipant.id == participant_id,
        )
    )
    return found(db.session.scalar(query))


def workshop_by_key(key: str, workshop_id: int) -> Workshop:
    query = select(Workshop).where(Workshop.key == key, Workshop.id == workshop_id)
    workshop = db.session.scalar(query)
    if workshop is None:
        raise NotFound()
    return workshop
