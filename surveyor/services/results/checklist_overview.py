"""Everything the checklist results page shows, from one pass over the answers.

The page needs totals, touchpoints, sections, Kano tags and locations, own and competitor. Asking
:func:`surveyor.services.results.checklist_results.scores` for each would read every answer five
times; here one ``GROUP BY location, checklist, item`` (integers only) returns a few hundred sums,
which add up to every view in Python (sums are additive). Shop counts are not additive across
sections, so they come from the assignment table (no answers read) and the critical knock-outs from
the answers to critical items only. ``n`` on a section or Kano row is the number of approved shops
on that side (own or competitor). Touchpoint and section names are in the reader's language
(:func:`surveyor.labels.localized`); sections are still grouped by their first-written name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import and_, case, distinct, func, select

from surveyor.extensions import db
from surveyor.labels import localized
from surveyor.models import Answer, Assignment, Instrument, Item, Location, Touchpoint
from surveyor.scoring.checklist import KANO_ORDER, SCORED_TYPES
from surveyor.services.results.checklist_results import Filters, ScoreRow


@dataclass(frozen=True)
class Overview:
    """The page's figures; benchmark lists hold ``{"label", "own", "competitor"}`` dicts."""

    own: ScoreRow | None
    competitors: ScoreRow | None
    by_touchpoint: list[ScoreRow]
    by_section: list[dict]
    by_kano: list[dict]
    ranking: list[ScoreRow]
    competitor_locations: list[ScoreRow]


@dataclass
class _Sum:
    """A running total for one row of the page."""

    label: object = None
    order: object = None
    earned: float = 0.0
    possible: float = 0.0
    failures: int = 0
    shops: int = 0
    critical_shops: int = 0

    def row(self, key: tuple) -> ScoreRow:
        return ScoreRow(
            key,
            (self.label,),
            self.earned,
            self.possible,
            self.shops,
            self.failures,
            self.critical_shops,
        )


def overview(project_id: int, **filters) -> Overview:
    """The results page's figures for approved shops matching ``filters`` (see Filters)."""
    chosen = Filters(**filters)
    places, by_instrument = _places(project_id)
    cells = _cells(project_id, chosen, places, by_instrument)
    shops = _shop_counts(project_id, chosen, by_instrument)
    sides: dict[bool, _Sum] = defaultdict(_Sum)
    locations: dict[int, _Sum] = defaultdict(_Sum)
    touchpoints: dict[int, _Sum] = defaultdict(_Sum)
    sections: dict[tuple, _Sum] = defaultdict(_Sum)
    kanos: dict[tuple, _Sum] = defaultdict(_Sum)
    rivals: dict[int, bool] = {}
    for cell in cells:
        rivals[cell.location_id] = cell.is_competitor
        targets = [
            (sides[cell.is_competitor], cell.is_competitor, cell.is_competitor),
            (locations[cell.location_id], cell.location_name, cell.location_name),
            (sections[(cell.section, cell.is_competitor)], cell.section_label, cell.first_position),
            (
                kanos[(cell.kano_tag, cell.is_competitor)],
                cell.kano_tag,
                KANO_ORDER.get(cell.kano_tag or "", len(KANO_ORDER)),
            ),
        ]
        if not cell.is_competitor:
            targets.append((touchpoints[cell.touchpoint_id], cell.touchpoint_name, cell.position))
        for total, label, order in targets:
            total.label = label
            total.order = order if total.order is None else min(total.order, order)
            total.earned += cell.earned
            total.possible += cell.possible
            total.failures += cell.failures
    for (location_id, touchpoint_id), (count, critical) in shops.items():
        is_rival = rivals.get(location_id, False)
        for total in (sides.get(is_rival), locations.get(location_id)):
            if total is not None:
                total.shops += count
                total.critical_shops += critical
        if not is_rival and touchpoint_id in touchpoints:
            touchpoints[touchpoint_id].shops += count
            touchpoints[touchpoint_id].critical_shops += critical
    for (_value, is_rival), total in [*sections.items(), *kanos.items()]:
        side = sides[is_rival]
        total.shops, total.critical_shops = side.shops, side.critical_shops
    ranked = sorted(
        (
            total.row((location_id,))
            for location_id, total in locations.items()
            if not rivals[location_id]
        ),
        key=lambda row: (row.percent is None, -(row.percent or 0), row.label),
    )
    return Overview(
        own=sides[False].row((False,)) if False in sides else None,
        competitors=sides[True].row((True,)) if True in sides else None,
        by_touchpoint=_ordered(touchpoints),
        by_section=_side_by_side(sections),
        by_kano=_side_by_side(kanos),
        ranking=ranked,
        competitor_locations=sorted(
            (total.row((key,)) for key, total in locations.items() if rivals[key]),
            key=lambda row: row.label,
        ),
    )


def _ordered(totals: dict) -> list[ScoreRow]:
    return [t.row((k,)) for k, t in sorted(totals.items(), key=lambda kv: kv[1].order)]


def _side_by_side(totals: dict[tuple, _Sum]) -> list[dict]:
    table: dict = {}
    for (value, is_rival), total in sorted(totals.items(), key=lambda kv: kv[1].order):
        entry = table.setdefault(value, {"label": total.label, "own": None, "competitor": None})
        entry["competitor" if is_rival else "own"] = total.row((value, is_rival))
    return list(table.values())


class _Cell(NamedTuple):
    location_id: int
    location_name: str
    is_competitor: bool
    touchpoint_id: int
    touchpoint_name: str
    position: int
    section: str
    section_label: str
    kano_tag: str | None
    first_position: int
    earned: float
    possible: float
    failures: int


def _cells(project_id: int, chosen: Filters, places: dict, touchpoints: dict) -> list[_Cell]:
    """Sums per location, checklist and item: the one pass over the answers.

    Grouped by integers only (sorting names would dominate); names, sections, Kano tags and
    points are looked up afterwards in the small item, location and touchpoint tables.
    """
    scored = Answer.earned.is_not(None)
    failed = and_(Item.critical.is_(True), scored, Answer.earned < Item.points)
    groups = (Assignment.location_id, Assignment.instrument_id, Answer.item_id)
    query = (
        select(
            *groups,
            func.coalesce(func.sum(Answer.earned), 0.0),
            func.count(Answer.earned),
            func.count(case((failed, 1))),
        )
        .select_from(Assignment)
        .join(Answer, Answer.response_id == Assignment.response_id)
        .join(Item, Item.id == Answer.item_id)
        .where(Item.points > 0, Item.item_type.in_(sorted(SCORED_TYPES)))
    )
    sums = db.session.execute(_scoped(query, project_id, chosen).group_by(*groups)).all()
    items = {
        item.id: item
        for item in db.session.scalars(select(Item).where(Item.id.in_({row[2] for row in sums})))
    }
    cells = []
    for location_id, instrument_id, item_id, earned, answered, failures in sums:
        item, place, touchpoint = items[item_id], places[location_id], touchpoints[instrument_id]
        cells.append(
            _Cell(
                location_id,
                place.name,
                place.is_competitor,
                touchpoint.id,
                localized(touchpoint),
                touchpoint.position,
                item.section,
                localized(item, "section"),
                item.kano_tag,
                item.position,
                float(earned),
                answered * item.points,
                failures,
            )
        )
    return cells


def _places(project_id: int) -> tuple[dict[int, Location], dict[int, Touchpoint]]:
    """The project's locations by id and its touchpoints by instrument id."""
    places = {
        place.id: place
        for place in db.session.scalars(select(Location).where(Location.project_id == project_id))
    }
    touchpoints = dict(
        db.session.execute(
            select(Instrument.id, Touchpoint)
            .join(Touchpoint, Touchpoint.id == Instrument.touchpoint_id)
            .where(Touchpoint.project_id == project_id)
        ).all()
    )
    return places, touchpoints


def _shop_counts(
    project_id: int, chosen: Filters, touchpoints: dict
) -> dict[tuple[int, int], tuple[int, int]]:
    """Approved shops and shops with a critical failure per (location, touchpoint)."""
    groups = (Assignment.location_id, Assignment.instrument_id)
    counted = _scoped(
        select(*groups, func.count(Assignment.id)).select_from(Assignment), project_id, chosen
    ).where(Assignment.response_id.is_not(None))
    failed = _scoped(
        select(*groups, func.count(distinct(Assignment.id)))
        .select_from(Item)
        .join(Answer, Answer.item_id == Item.id)
        .join(Assignment, Assignment.response_id == Answer.response_id),
        project_id,
        chosen,
    ).where(Item.critical.is_(True), Item.points > 0, Answer.earned < Item.points)
    counts: dict[tuple[int, int], list[int]] = {}
    for column, query in ((0, counted), (1, failed)):
        for location_id, instrument_id, count in db.session.execute(query.group_by(*groups)):
            key = (location_id, touchpoints[instrument_id].id)
            counts.setdefault(key, [0, 0])[column] += count
    return {key: (count, critical) for key, (count, critical) in counts.items()}


def _scoped(query, project_id: int, chosen: Filters):
    """Approved shops of the project matching ``chosen``."""
    query = query.join(Location, Location.id == Assignment.location_id).where(
        Assignment.status == "approved", Location.project_id == project_id
    )
    if chosen.touchpoint_id is not None:
        query = query.join(Instrument, Instrument.id == Assignment.instrument_id).join(
            Touchpoint, Touchpoint.id == Instrument.touchpoint_id
        )
    return chosen.apply(query)
