"""The cards of a workshop as plain rows, read in one query of columns (no ORM objects).

Shared by the polled board (its hottest read: every phone, every 1.5 s) and the report, trace
and workbook, so the board and the report cannot disagree about a card.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.labels import reads_german
from surveyor.models import Phase, Touchpoint, WorkshopCard, WorkshopParticipant
from surveyor.models.workshops import WorkshopCluster


@dataclass(frozen=True)
class CardLine:
    id: int
    client_id: str
    world: str
    text: str
    role: str
    author: str
    touchpoint: str
    phase: str
    cluster_id: int | None
    cluster: str


def card_rows(
    workshop_id: int,
    world: str | None = None,
    after: int | None = None,
    cluster_ids: list[int] | None = None,
) -> list[CardLine]:
    """Cards in the order they arrived; optionally of one world, newer than ``after``, or in
    the given clusters. Touchpoint and phase names in the reader's language."""
    query = (
        select(
            WorkshopCard.id,
            WorkshopCard.client_id,
            WorkshopCard.world,
            WorkshopCard.text,
            WorkshopParticipant.role,
            WorkshopParticipant.name,
            Touchpoint.name,
            Touchpoint.name_de,
            Phase.name,
            Phase.name_de,
            WorkshopCard.cluster_id,
            WorkshopCluster.title,
        )
        .join(WorkshopParticipant, WorkshopCard.participant_id == WorkshopParticipant.id)
        .outerjoin(Touchpoint, WorkshopCard.touchpoint_id == Touchpoint.id)
        .outerjoin(Phase, WorkshopCard.phase_id == Phase.id)
        .outerjoin(WorkshopCluster, WorkshopCard.cluster_id == WorkshopCluster.id)
        .where(WorkshopCard.workshop_id == workshop_id)
        .order_by(WorkshopCard.id)
    )
    if world is not None:
        query = query.where(WorkshopCard.world == world)
    if after is not None:
        query = query.where(WorkshopCard.id > after)
    if cluster_ids is not None:
        query = query.where(WorkshopCard.cluster_id.in_(cluster_ids))
    german = reads_german()
    anonymous = _("Anonymous participant")  # the name went with the project's retention period

    def name(first: str | None, de: str | None) -> str:
        return (de if german and de else first) or ""

    return [
        CardLine(
            id=row[0],
            client_id=row[1],
            world=row[2],
            text=row[3],
            role=row[4],
            author=row[5] or anonymous,
            touchpoint=name(row[6], row[7]),
            phase=name(row[8], row[9]),
            cluster_id=row[10],
            cluster=row[11] or "",
        )
        for row in db.session.execute(query)
    ]
