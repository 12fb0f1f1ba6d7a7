"""What a workshop produced, as plain data for the web report, the API and the workbook.

Each world's cards, the clusters, the causes with their dots (per role, so the employees' and
the customers' view can be compared) and the measures they became. Four queries whatever the
size of the workshop; the views and the workbook writer only format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from surveyor.extensions import db
from surveyor.labels import localized
from surveyor.models import (
    Measure,
    Project,
    Workshop,
    WorkshopCause,
    WorkshopParticipant,
)
from surveyor.models.workshops import WORLDS
from surveyor.services.workshops import votes
from surveyor.services.workshops.card_rows import CardLine, card_rows


@dataclass(frozen=True)
class MeasureLine:
    id: int
    title: str
    cluster: str
    status: str
    touchpoint_id: int
    touchpoint: str


@dataclass
class CauseLine:
    id: int
    title: str
    stage: str
    cluster_ids: list[int]
    clusters: list[str]
    dots: dict[str, int]
    measures: list[MeasureLine] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.dots.values())


@dataclass
class WorkshopReport:
    id: int
    title: str
    held_on: date | None
    facilitator: str
    participants: dict[str, int]
    cards: list[CardLine]
    causes: list[CauseLine]

    def cards_in(self, world: str) -> list[CardLine]:
        return [card for card in self.cards if card.world == world]

    @property
    def worlds(self) -> list[tuple[str, list[CardLine]]]:
        return [(world, self.cards_in(world)) for world in WORLDS]

    @property
    def clusters(self) -> list[tuple[str, list[CardLine]]]:
        grouped: dict[int, list[CardLine]] = {}
        names: dict[int, str] = {}
        for card in self.cards:
            if card.cluster_id is not None:
                grouped.setdefault(card.cluster_id, []).append(card)
                names[card.cluster_id] = card.cluster
        return [(names[key], grouped[key]) for key in sorted(grouped)]


def build(workshop: Workshop) -> WorkshopReport:
    facilitator = workshop.facilitator
    return WorkshopReport(
        id=workshop.id,
        title=localized(workshop, "title"),
        held_on=workshop.held_on,
        facilitator=(facilitator.name or facilitator.email) if facilitator else "",
        participants=_participants(workshop),
        cards=cards(workshop.id),
        causes=causes(workshop),
    )


def for_project(project: Project) -> list[WorkshopReport]:
    query = select(Workshop).where(Workshop.project_id == project.id).order_by(Workshop.id)
    return [build(workshop) for workshop in db.session.scalars(query)]


def cards(workshop_id: int, cluster_ids: list[int] | None = None) -> list[CardLine]:
    return card_rows(workshop_id, cluster_ids=cluster_ids)


def causes(workshop: Workshop, only: list[int] | None = None) -> list[CauseLine]:
    query = (
        select(WorkshopCause)
        .where(WorkshopCause.workshop_id == workshop.id)
        .options(
            selectinload(WorkshopCause.clusters),
            selectinload(WorkshopCause.measures).selectinload(Measure.touchpoint),
        )
        .order_by(WorkshopCause.id)
    )
    if only is not None:
        query = query.where(WorkshopCause.id.in_(only))
    dots = votes.totals(workshop)
    return [
        CauseLine(
            id=cause.id,
            title=cause.title,
            stage=cause.stage,
            cluster_ids=[cluster.id for cluster in cause.clusters],
            clusters=[cluster.title for cluster in cause.clusters],
            dots=dots.get(cause.id, {}),
            measures=[measure_line(measure) for measure in cause.measures],
        )
        for cause in db.session.scalars(query)
    ]


def measure_line(measure: Measure) -> MeasureLine:
    return MeasureLine(
        id=measure.id,
        title=localized(measure, "title"),
        cluster=measure.cluster,
        status=measure.status,
        touchpoint_id=measure.touchpoint_id,
        touchpoint=localized(measure.touchpoint),
    )


def _participants(workshop: Workshop) -> dict[str, int]:
    query = (
        select(WorkshopParticipant.role, func.count())
        .where(WorkshopParticipant.workshop_id == workshop.id)
        .group_by(WorkshopParticipant.role)
    )
    return dict(db.session.execute(query).all())
