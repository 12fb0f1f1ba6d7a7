"""Counts per location and wave, straight from SQL GROUP BYs: the raw material of every
location, region and client figure.

Only counts leave the database (per location, wave, item and answer value: a few thousand rows
however many responses there are); regions and the client are the sums of their branches'
counts (:mod:`surveyor.scoring.units`). Customer answers only: shoppers' checklists come from
:mod:`surveyor.services.results.checklist_results`, employees answer about themselves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Integer, func, null, select

from surveyor.extensions import db
from surveyor.models import (
    Answer,
    InstrumentVersion,
    Item,
    KanoAnswer,
    Response,
)
from surveyor.scoring.units import add_counts
from surveyor.services.locations import wave_cache
from surveyor.services.results import checklist_results
from surveyor.services.results.trend_series import standard_items

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
    Closed waves are read from their stored counts (:mod:`.wave_cache`), open ones live.
    """
    found: dict[LocationKey, Tally] = defaultdict(Tally)
    if not wave_ids:
        return found
    items = _Items(standard_items(project_id), _feature_keys(instrument_id))
    stored = wave_cache.fresh_waves(wave_ids)
    for wave_id, location_id, item_id, first, second, count in wave_cache.rows(
        sorted(stored), [*items.scales, *items.features]
    ):
        items.count(found, wave_id, location_id, item_id, first, second, count)
    live = [wave_id for wave_id in wave_ids if wave_id not in stored]
    if live:
        for query in _live_queries(items, live):
            for row in db.session.execute(query):
                items.count(found, *row)
    _checklist(found, project_id, list(wave_ids))
    return found


@dataclass(frozen=True)
class _Items:
    """The items counted: standard scale items ``{id: (touchpoint, type)}`` and the Kano
    questionnaire's features ``{id: key}``; routes each counted row into its tally."""

    scales: dict[int, tuple[int, str]]
    features: dict[int, str]

    def count(self, found, wave_id, location_id, item_id, first, second, count) -> None:
        tally = found[location_id]
        if item_id is None:
            tally.responses[wave_id] = tally.responses.get(wave_id, 0) + count
        elif item_id in self.scales:
            touchpoint_id, item_type = self.scales[item_id]
            add_counts(
                tally.scales.setdefault((wave_id, touchpoint_id, item_type), {}),
                {int(first): count},
            )
        elif item_id in self.features:
            key = (wave_id, self.features[item_id])
            add_counts(tally.kano.setdefault(key, {}), {(first, second): count})


def _feature_keys(instrument_id: int | None) -> dict[int, str]:
    if instrument_id is None:
        return {}
    return dict(
        db.session.execute(
            select(Item.id, Item.key)
            .join(InstrumentVersion, Item.version_id == InstrumentVersion.id)
            .where(
                InstrumentVersion.instrument_id == instrument_id,
                Item.item_type == "kano_feature",
            )
        ).all()
    )


def _live_queries(items: _Items, wave_ids: list[int]) -> list:
    """GROUP BYs over the answers of open waves, in the row shape of the stored counts."""
    customer = (Response.wave_id.in_(wave_ids), Response.respondent_group == "customer")
    nothing = null().cast(Integer)
    queries = [
        select(Response.wave_id, Response.location_id, nothing, nothing, nothing, func.count())
        .where(*customer)
        .group_by(Response.wave_id, Response.location_id)
    ]
    if items.scales:
        queries.append(
            select(
                Response.wave_id,
                Response.location_id,
                Answer.item_id,
                Answer.number,
                nothing,
                func.count(),
            )
            .select_from(Answer)
            .join(Response, Answer.response_id == Response.id)
            .where(*customer, Answer.item_id.in_(list(items.scales)), Answer.number.is_not(None))
            .group_by(Response.wave_id, Response.location_id, Answer.item_id, Answer.number)
        )
    if items.features:
        pair = (KanoAnswer.item_id, KanoAnswer.functional, KanoAnswer.dysfunctional)
        queries.append(
            select(Response.wave_id, Response.location_id, *pair, func.count())
            .select_from(KanoAnswer)
            .join(Response, KanoAnswer.response_id == Response.id)
            .where(*customer, KanoAnswer.item_id.in_(list(items.features)))
            .group_by(Response.wave_id, Response.location_id, *pair)
        )
    return queries


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
