"""Counts per location and wave, straight from SQL GROUP BYs: the raw material of every
location, region and client figure.

Only counts leave the database (per location, wave, item and answer value: a few thousand rows
however many responses there are); regions and the client are the sums of their branches'
counts (:mod:`surveyor.scoring.units`). Customer answers only: shoppers' checklists come from
:mod:`surveyor.services.checklist_results`, employees answer about themselves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import (
    Answer,
    InstrumentVersion,
    Item,
    KanoAnswer,
    Response,
)
from surveyor.scoring.units import add_counts
from surveyor.services import checklist_results
from surveyor.services.trend_series import standard_items

LocationKey = int | None
"""A location id; ``None`` collects customer answers that came without a location."""


@dataclass
class Tally:
    """Everything counted for one unit: responses, scale answers, checklist points, Kano pairs.

    ``scales[(wave, touchpoint, type)]`` = {value: count}; ``checklist[(wave, touchpoint)]`` =
    [earned, possible, shops]; ``kano[(wave, feature key)]`` = {(functional, dysfunctional):
    count}; ``responses[wave]`` = customer responses.
    """

    responses: dict = field(default_factory=dict)
    scales: dict = field(default_factory=dict)
    checklist: dict = field(default_factory=dict)
    kano: dict = field(default_factory=dict)

    def add(self, other: Tally) -> Tally:
        """Pool ``other`` into this tally (a branch into its region or the client)."""
        add_counts(self.responses, other.responses)
        for mine, theirs in ((self.scales, other.scales), (self.kano, other.kano)):
            for key, counts in theirs.items():
                add_counts(mine.setdefault(key, {}), counts)
        for key, (earned, possible, shops) in other.checklist.items():
            row = self.checklist.setdefault(key, [0.0, 0.0, 0])
            row[0] += earned
            row[1] += possible
            row[2] += shops
        return self


def tallies(
    project_id: int, wave_ids: Sequence[int], instrument_id: int | None = None
) -> dict[LocationKey, Tally]:
    """One tally per location (and ``None`` for answers without one) over ``wave_ids``.

    ``instrument_id`` names the Kano questionnaire whose features are counted (none: no Kano).
    """
    found: dict[LocationKey, Tally] = defaultdict(Tally)
    if not wave_ids:
        return found
    waves = list(wave_ids)
    for location_id, wave_id, n in db.session.execute(
        select(Response.location_id, Response.wave_id, func.count())
        .where(Response.wave_id.in_(waves), Response.respondent_group == "customer")
        .group_by(Response.location_id, Response.wave_id)
    ):
        found[location_id].responses[wave_id] = n
    _scales(found, project_id, waves)
    _checklist(found, project_id, waves)
    if instrument_id is not None:
        _kano(found, instrument_id, waves)
    return found


def _scales(found: dict, project_id: int, wave_ids: list[int]) -> None:
    """CSAT, NPS, CES and contacts per location, wave, touchpoint and answer value."""
    items = standard_items(project_id)
    if not items:
        return
    query = (
        select(Response.location_id, Response.wave_id, Answer.item_id, Answer.number, func.count())
        .select_from(Answer)
        .join(Response, Answer.response_id == Response.id)
        .where(
            Answer.item_id.in_(list(items)),
            Response.wave_id.in_(wave_ids),
            Response.respondent_group == "customer",
            Answer.number.is_not(None),
        )
        .group_by(Response.location_id, Response.wave_id, Answer.item_id, Answer.number)
    )
    for location_id, wave_id, item_id, number, count in db.session.execute(query):
        touchpoint_id, item_type = items[item_id]
        counts = found[location_id].scales.setdefault((wave_id, touchpoint_id, item_type), {})
        counts[int(number)] = counts.get(int(number), 0) + count


def _checklist(found: dict, project_id: int, wave_ids: list[int]) -> None:
    """Approved shops' pooled points per location, wave and touchpoint (own locations)."""
    rows = checklist_results.scores(
        project_id, ("wave", "location", "touchpoint"), wave_ids=wave_ids, competitor=False
    )
    for row in rows:
        wave_id, location_id, touchpoint_id = row.key
        found[location_id].checklist[wave_id, touchpoint_id] = [
            row.earned,
            row.possible,
            row.shops,
        ]


def _kano(found: dict, instrument_id: int, wave_ids: list[int]) -> None:
    """Kano answer pairs per location, wave and feature key of one questionnaire."""
    key_of = dict(
        db.session.execute(
            select(Item.id, Item.key)
            .join(InstrumentVersion, Item.version_id == InstrumentVersion.id)
            .where(
                InstrumentVersion.instrument_id == instrument_id,
                Item.item_type == "kano_feature",
            )
        ).all()
    )
    if not key_of:
        return
    query = (
        select(
            Response.location_id,
            Response.wave_id,
            KanoAnswer.item_id,
            KanoAnswer.functional,
            KanoAnswer.dysfunctional,
            func.count(),
        )
        .select_from(KanoAnswer)
        .join(Response, KanoAnswer.response_id == Response.id)
        .where(
            KanoAnswer.item_id.in_(list(key_of)),
            Response.wave_id.in_(wave_ids),
            Response.respondent_group == "customer",
        )
        .group_by(
            Response.location_id,
            Response.wave_id,
            KanoAnswer.item_id,
            KanoAnswer.functional,
            KanoAnswer.dysfunctional,
        )
    )
    for location_id, wave_id, item_id, functional, dysfunctional, count in db.session.execute(
        query
    ):
        counts = found[location_id].kano.setdefault((wave_id, key_of[item_id]), {})
        pair = (functional, dysfunctional)
        counts[pair] = counts.get(pair, 0) + count
