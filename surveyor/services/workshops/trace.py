"""A measure traced back to the workshop: its causes, their clusters, the cards and who wrote
them, split into the employees' and the customers' view; and forward to its measured effect.

The gap between what employees and customers raise about the same touchpoint is what the
method asks the workshop to show (customers sit in the room for that reason).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.labels import localized
from surveyor.models import Measure, Workshop, WorkshopCause
from surveyor.models.workshops import cause_measure
from surveyor.services.workshops import report


@dataclass
class WorkshopTrace:
    workshop_id: int
    workshop: str
    causes: list[report.CauseLine]
    cards: list[report.CardLine]

    def cards_by(self, role: str) -> list[report.CardLine]:
        return [card for card in self.cards if card.role == role]


def trace(measure: Measure) -> list[WorkshopTrace]:
    """Every workshop whose causes led to ``measure`` (usually one)."""
    query = (
        select(WorkshopCause.workshop_id, WorkshopCause.id)
        .join(cause_measure, cause_measure.c.cause_id == WorkshopCause.id)
        .where(cause_measure.c.measure_id == measure.id)
        .order_by(WorkshopCause.workshop_id, WorkshopCause.id)
    )
    cause_ids: dict[int, list[int]] = {}
    for workshop_id, cause_id in db.session.execute(query):
        cause_ids.setdefault(workshop_id, []).append(cause_id)
    traces = []
    for workshop_id, ids in cause_ids.items():
        workshop = db.session.get(Workshop, workshop_id)
        causes = report.causes(workshop, only=ids)
        clusters = sorted({cluster for cause in causes for cluster in cause.cluster_ids})
        traces.append(
            WorkshopTrace(
                workshop_id=workshop.id,
                workshop=localized(workshop, "title"),
                causes=causes,
                cards=report.cards(workshop.id, cluster_ids=clusters),
            )
        )
    return traces
