"""Adding a card from a phone, exactly once.

The phone makes the card's id and keeps the card in its queue until the server has answered;
a card resent after a lost answer (the venue's Wi-Fi) meets the unique constraint on
(workshop, client id), and the insert does nothing: the first copy's receipt is returned.
Like the survey's and the shop's submissions, the common case costs one insert and no look-up.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from surveyor.extensions import db
from surveyor.models import Phase, Touchpoint, Workshop, WorkshopCard, WorkshopParticipant
from surveyor.models.base import MAX_ID, utcnow
from surveyor.models.workshops import CARD_TEXT_MAX, WORLDS
from surveyor.services.errors import Conflict, Invalid, TooMany

CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,40}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class CardReceipt:
    card_id: int
    duplicate: bool


def add_card(participant: WorkshopParticipant, payload: object) -> CardReceipt:
    """Store the card sent by ``participant`` and commit; a resend returns the first receipt."""
    receipt = store_card(participant, payload)
    db.session.commit()
    return receipt


def store_card(participant: WorkshopParticipant, payload: object) -> CardReceipt:
    """Insert the card unless its id is stored already (the caller commits)."""
    card_limit, project_id = db.session.execute(
        select(Workshop.card_limit, Workshop.project_id).where(
            Workshop.id == participant.workshop_id
        )
    ).one()
    card = _clean(participant, project_id, payload)
    if _cards_of(participant) >= card_limit:
        earlier = _earlier(participant, card["client_id"])
        if earlier is not None:
            return earlier
        raise TooMany(_("You have reached the number of cards for this workshop."))
    connection = db.session.connection()
    card_id = connection.scalar(_insert_card(connection.dialect.name), card)
    if card_id is None:
        earlier = _earlier(participant, card["client_id"])
        if earlier is None:
            raise Conflict(_("This card id is taken; please send the card again."))
        return earlier
    return CardReceipt(card_id, duplicate=False)


def _cards_of(participant: WorkshopParticipant) -> int:
    """How many cards the participant has; on PostgreSQL their row is locked first, so two
    cards sent at once cannot both pass the limit (SQLite runs one writer at a time anyway)."""
    db.session.execute(
        select(WorkshopParticipant.id)
        .where(WorkshopParticipant.id == participant.id)
        .with_for_update()
    )
    query = select(func.count()).where(WorkshopCard.participant_id == participant.id)
    return db.session.scalar(query.select_from(WorkshopCard))


def _earlier(participant: WorkshopParticipant, client_id: str) -> CardReceipt | None:
    row = db.session.execute(
        select(WorkshopCard.id, WorkshopCard.participant_id).where(
            WorkshopCard.workshop_id == participant.workshop_id,
            WorkshopCard.client_id == client_id,
        )
    ).first()
    if row is None:
        return None
    if row.participant_id != participant.id:
        raise Conflict(_("This card id belongs to someone else; please send the card again."))
    return CardReceipt(row.id, duplicate=True)


def _clean(participant: WorkshopParticipant, project_id: int, payload: object) -> dict:
    """Plain text of bounded length; a world of the six; a touchpoint and phase of the project."""
    if not isinstance(payload, dict):
        raise Invalid(_("Send the card as a JSON object."))
    errors: dict[str, list[str]] = {}
    client_id = payload.get("id")
    if not isinstance(client_id, str) or not CLIENT_ID.match(client_id):
        errors["id"] = [_("The card id is missing or malformed.")]
    text = payload.get("text")
    text = " ".join(_CONTROL.sub(" ", text).split()) if isinstance(text, str) else ""
    if not text:
        errors["text"] = [_("Write something on the card.")]
    elif len(text) > CARD_TEXT_MAX:
        errors["text"] = [_("A card holds at most %(count)s characters.", count=CARD_TEXT_MAX)]
    world = payload.get("world")
    if world not in WORLDS:
        errors["world"] = [_("Choose one of the six worlds.")]
    touchpoint_id = _own_id(payload.get("touchpoint_id"), Touchpoint, project_id)
    phase_id = _own_id(payload.get("phase_id"), Phase, project_id)
    if touchpoint_id is False:
        errors["touchpoint_id"] = [_("Choose a touchpoint of this workshop's journey.")]
    if phase_id is False:
        errors["phase_id"] = [_("Choose a phase of this workshop's journey.")]
    if errors:
        raise Invalid(_("Please check the card."), errors)
    return {
        "workshop_id": participant.workshop_id,
        "participant_id": participant.id,
        "client_id": client_id,
        "world": world,
        "text": text,
        "touchpoint_id": touchpoint_id,
        "phase_id": phase_id,
        "created_at": utcnow(),
    }


def _own_id(value: object, model: type[Touchpoint] | type[Phase], project_id: int):
    """The id if it names a row of the project; None when not given; False when wrong."""
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        return False
    try:
        number = int(value)
    except ValueError:
        return False
    if not 0 < number <= MAX_ID:
        return False
    query = select(model.id).where(model.id == number, model.project_id == project_id)
    return db.session.scalar(query) or False


@functools.cache
def _insert_card(dialect: str):
    """INSERT ... ON CONFLICT (workshop_id, client_id) DO NOTHING RETURNING id."""
    dialect_insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect]
    return (
        dialect_insert(WorkshopCard.__table__)
        .on_conflict_do_nothing(index_elements=["workshop_id", "client_id"])
        .returning(WorkshopCard.id)
    )
