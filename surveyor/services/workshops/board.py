"""The live board as a small JSON document, and its version for conditional polling.

Phones and the facilitator's screen poll every ~1.5 s with ``If-None-Match``. Polling rather
than server-sent events because it passes every proxy and venue Wi-Fi, needs no long-lived
connection (gunicorn's sync workers would each be held by one open stream, and 60 phones would
need 60 workers on a 2-core machine), and survives a phone going to sleep. The version is one
query of four indexed aggregates, so an unchanged board costs a 304 and no rendering.
"""

from __future__ import annotations

from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.labels import participant_role_label, world_label, world_question
from surveyor.models import Workshop, WorkshopCard
from surveyor.models.workshops import PARTICIPANT_ROLES, WORLDS, WorkshopVote
from surveyor.services.errors import found
from surveyor.services.workshops.card_rows import card_rows


def version(workshop_id: int, key: str | None = None) -> str:
    """Changes whenever a card or dot is added or removed, or the facilitator changes anything.

    With ``key`` (a participant's URL) the same query checks that the key names the workshop,
    so an unchanged board is answered 304 after this one query.
    """

    def aggregate(function, model):
        return select(function).where(model.workshop_id == workshop_id).scalar_subquery()

    row = found(
        db.session.execute(
            select(
                Workshop.revision,
                aggregate(func.count(WorkshopCard.id), WorkshopCard),
                aggregate(func.max(WorkshopCard.id), WorkshopCard),
                aggregate(func.count(WorkshopVote.id), WorkshopVote),
                aggregate(func.max(WorkshopVote.id), WorkshopVote),
            ).where(Workshop.id == workshop_id, *([Workshop.key == key] if key else []))
        ).first()
    )
    return "-".join(str(value or 0) for value in row)


def state(
    workshop: Workshop,
    world: str | None = None,
    with_names: bool = False,
    after: int | None = None,
    revision: int | None = None,
) -> dict:
    """The cards of ``world`` (default: the open one) with their labels in the reader's language.

    A poll that names the last card it has (``after``) and the revision it saw gets only the
    newer cards, so a busy board costs each phone a few cards per poll, not the whole wall;
    after any change of the facilitator (another revision) it gets everything again. ``total``
    lets the script notice a card that committed late with a lower id and ask for all.
    Participants see roles, not names: the names are for the facilitator's traceability.
    """
    shown = world if world in WORLDS else workshop.world
    delta = after is not None and revision == workshop.revision
    cards = []
    total = 0
    if shown is not None:
        total = db.session.scalar(
            select(func.count())
            .select_from(WorkshopCard)
            .where(WorkshopCard.workshop_id == workshop.id, WorkshopCard.world == shown)
        )
        roles = {role: participant_role_label(role) for role in PARTICIPANT_ROLES}
        for card in card_rows(workshop.id, shown, after if delta else None):
            cards.append(
                {
                    "id": card.id,
                    "client_id": card.client_id,
                    "text": card.text,
                    "role": card.role,
                    "role_label": roles.get(card.role, card.role),
                    "touchpoint": card.touchpoint,
                    "phase": card.phase,
                    "cluster": card.cluster,
                    **({"author": card.author} if with_names else {}),
                }
            )
    return {
        "revision": workshop.revision,
        "full": not delta,
        "total": total,
        "world": shown,
        "world_label": world_label(shown) if shown else "",
        "world_question": world_question(shown) if shown else "",
        "join_open": workshop.join_open,
        "voting_open": workshop.voting_open,
        "cards": cards,
    }
