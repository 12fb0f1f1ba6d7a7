"""Checklist results, aggregated in SQL: points earned / points possible per any dimension.

Only shops whose assignment is ``approved`` count; the join through ``assignment.response_id``
(UNIQUE) means a response is counted at most once, and a replaced or returned submission not at
all. Scores pool points (see :mod:`surveyor.scoring.checklist` for why), so every figure here is
``SUM(earned) / SUM(points of the applicable items)`` straight from one ``GROUP BY``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, case, distinct, func, select

from surveyor.extensions import db
from surveyor.labels import reads_german
from surveyor.models import (
    Answer,
    Assignment,
    Instrument,
    Item,
    Location,
    Photo,
    Touchpoint,
    Wave,
)
from surveyor.scoring.checklist import KANO_ORDER, SCORED_TYPES, percent


@dataclass(frozen=True)
class Dimension:
    """How to group by one dimension: the key, its label, the sort order, extra GROUP BY columns.

    ``label_de`` is the label German readers see, for dimensions named by consultants (touchpoint,
    section, item): the German text where written, else the first-written one. It is an aggregate
    so that the GROUP BY, and with it every figure, stays the same in both languages.
    """

    key: object
    label: object
    order: object
    also_group: tuple = ()
    label_de: object = None

    def label_for(self, german: bool) -> object:
        return self.label_de if german and self.label_de is not None else self.label


def _german_or(german, first_written):
    """The German text where a consultant wrote one, else the first-written text."""
    return func.max(func.coalesce(func.nullif(german, ""), first_written))


DIMENSIONS = {
    "section": Dimension(
        Item.section,
        Item.section,
        func.min(Item.position),
        label_de=_german_or(Item.section_de, Item.section),
    ),
    "kano": Dimension(
        Item.kano_tag,
        Item.kano_tag,
        case(KANO_ORDER, value=Item.kano_tag, else_=len(KANO_ORDER)),
    ),
    # Items match across versions by key; the label and order come from any of its versions.
    "item": Dimension(
        Item.key,
        func.max(Item.text_en),
        func.min(Item.position),
        label_de=_german_or(Item.text_de, Item.text_en),
    ),
    "location": Dimension(Location.id, Location.name, Location.name, (Location.name,)),
    "competitor": Dimension(Location.is_competitor, Location.is_competitor, Location.is_competitor),
    "wave": Dimension(Wave.id, Wave.label, Wave.sequence, (Wave.label, Wave.sequence)),
    "touchpoint": Dimension(
        Touchpoint.id,
        Touchpoint.name,
        Touchpoint.position,
        (Touchpoint.name, Touchpoint.position),
        _german_or(Touchpoint.name_de, Touchpoint.name),
    ),
    "instrument": Dimension(Instrument.id, Instrument.name, Instrument.name, (Instrument.name,)),
    "shop": Dimension(Assignment.id, Location.name, Assignment.id.desc(), (Location.name,)),
}


@dataclass(frozen=True)
class ScoreRow:
    """One group: ``key``/``label`` are tuples with one entry per requested dimension."""

    key: tuple
    label: tuple
    earned: float
    possible: float
    shops: int
    critical_failures: int
    critical_shops: int

    @property
    def percent(self) -> float | None:
        return percent(self.earned, self.possible)


@dataclass(frozen=True)
class Filters:
    """Which approved shops to include; None means no restriction."""

    touchpoint_id: int | None = None
    instrument_id: int | None = None
    wave_ids: Sequence[int] | None = None
    location_id: int | None = None
    competitor: bool | None = None
    assignment_ids: Sequence[int] | None = None

    def apply(self, query):
        """Restrict a query that joins Assignment and Location (Touchpoint if filtered)."""
        for column, value in (
            (Touchpoint.id, self.touchpoint_id),
            (Assignment.instrument_id, self.instrument_id),
            (Assignment.location_id, self.location_id),
            (Location.is_competitor, self.competitor),
        ):
            if value is not None:
                query = query.where(column == value)
        if self.wave_ids is not None:
            query = query.where(Assignment.wave_id.in_(list(self.wave_ids)))
        if self.assignment_ids is not None:
            query = query.where(Assignment.id.in_(list(self.assignment_ids)))
        return query


def scores(
    project_id: int, by: Sequence[str] = (), *, limit: int | None = None, **filters
) -> list[ScoreRow]:
    """Pooled scores of approved shops grouped ``by`` any of :data:`DIMENSIONS` (none: total).

    ``filters`` are the fields of :class:`Filters`; ``limit`` caps the number of groups. Names
    of touchpoints, sections and items are in the reader's language. Only scored items take
    part (unscored types and items without points never could); groups whose items were all
    N/A come back with ``possible == 0`` and ``percent`` None.
    """
    unknown = set(by) - set(DIMENSIONS)
    if unknown:
        raise ValueError(f"unknown dimension(s): {', '.join(sorted(unknown))}")
    chosen = Filters(**filters)
    dimensions = [DIMENSIONS[name] for name in by]
    keys = [dimension.key for dimension in dimensions]
    german = reads_german()
    labels = [dimension.label_for(german) for dimension in dimensions]
    scored = Answer.earned.is_not(None)
    failed = and_(Item.critical.is_(True), scored, Answer.earned < Item.points)
    query = select(
        *keys,
        *labels,
        func.coalesce(func.sum(Answer.earned), 0.0),
        func.coalesce(func.sum(case((scored, Item.points), else_=0.0)), 0.0),
        func.count(distinct(Assignment.id)),
        func.count(case((failed, 1))),
        func.count(distinct(case((failed, Assignment.id)))),
    ).select_from(Assignment)
    query = (
        query.join(Answer, Answer.response_id == Assignment.response_id)
        .join(Item, Item.id == Answer.item_id)
        .where(Item.points > 0, Item.item_type.in_(sorted(SCORED_TYPES)))
    )
    if "wave" in by:
        query = query.join(Wave, Wave.id == Assignment.wave_id)
    query = _approved(query, project_id, chosen, bool({"touchpoint", "instrument"} & set(by)))
    if by:
        extra = [column for dimension in dimensions for column in dimension.also_group]
        query = query.group_by(*keys, *extra).order_by(*[d.order for d in dimensions])
    if limit is not None:
        query = query.limit(limit)
    width = len(by)
    return [
        ScoreRow(
            key=tuple(row[:width]),
            label=tuple(row[width : 2 * width]),
            earned=float(row[2 * width]),
            possible=float(row[2 * width + 1]),
            shops=row[2 * width + 2],
            critical_failures=row[2 * width + 3],
            critical_shops=row[2 * width + 4],
        )
        for row in db.session.execute(query)
    ]


def _approved(query, project_id: int, chosen: Filters, need_touchpoint: bool):
    """Approved shops of the project matching ``chosen``; touchpoints joined only if needed."""
    query = query.join(Location, Location.id == Assignment.location_id).where(
        Assignment.status == "approved", Location.project_id == project_id
    )
    if need_touchpoint or chosen.touchpoint_id is not None:
        query = query.join(Instrument, Instrument.id == Assignment.instrument_id).join(
            Touchpoint, Touchpoint.id == Instrument.touchpoint_id
        )
    return chosen.apply(query)


def total(project_id: int, **filters) -> ScoreRow:
    """The pooled score of all approved shops matching ``filters`` (one row, maybe empty)."""
    return scores(project_id, (), **filters)[0]


def own_and_competitors(project_id: int, **filters) -> dict[bool, ScoreRow]:
    """Totals keyed by ``is_competitor`` (a side without approved shops is missing)."""
    return {row.key[0]: row for row in scores(project_id, ("competitor",), **filters)}


def locations(project_id: int, **filters) -> tuple[list[ScoreRow], list[ScoreRow]]:
    """Own locations ranked best first (no score last), and competitor locations, in one query."""
    rows = scores(project_id, ("location", "competitor"), **filters)
    own = [row for row in rows if not row.key[1]]
    ranked = sorted(own, key=lambda row: (row.percent is None, -(row.percent or 0), row.label))
    return ranked, [row for row in rows if row.key[1]]


def location_ranking(project_id: int, **filters) -> list[ScoreRow]:
    """Own locations, best score first; locations without a score last."""
    return locations(project_id, **filters)[0]


def competitor_benchmark(project_id: int, by: str = "section", **filters) -> list[dict]:
    """Own vs competitor side by side per ``by`` value: ``{label, own, competitor}`` rows."""
    table: dict = {}
    for row in scores(project_id, (by, "competitor"), **filters):
        entry = table.setdefault(
            row.key[0], {"label": row.label[0], "own": None, "competitor": None}
        )
        entry["competitor" if row.key[1] else "own"] = row
    return list(table.values())


def recent_shops(project_id: int, limit: int = 200, **filters) -> list[ScoreRow]:
    """The newest ``limit`` approved shops, each scored, newest first.

    Keys are (assignment id, location id, wave id), labels (location name twice, wave label).
    The ids are picked from the assignment table first, so older shops' answers are not read.
    """
    newest = _approved(select(Assignment.id), project_id, Filters(**filters), False)
    ids = db.session.scalars(newest.order_by(Assignment.id.desc()).limit(limit)).all()
    return scores(project_id, ("shop", "location", "wave"), **{**filters, "assignment_ids": ids})


def photos_of(assignment_ids: Sequence[int]) -> dict[int, int]:
    """How many photos each shop (by assignment id) carries, for the shop list."""
    if not assignment_ids:
        return {}
    query = (
        select(Assignment.id, func.count(Photo.id))
        .join(Photo, Photo.response_id == Assignment.response_id)
        .where(Assignment.id.in_(list(assignment_ids)))
        .group_by(Assignment.id)
    )
    return dict(db.session.execute(query).all())
