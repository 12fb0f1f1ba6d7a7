"""A region's report card: the region against the whole client, wave over wave, and its
branches in the newest wave.

A regional manager needs what the branch card gives a branch manager. It reads the same
per-wave tallies (:func:`~surveyor.services.locations.tallies.tallies`, stored counts for closed
waves), pools the region from its branches as the ranking does, and ranks the region among the
client's regions and each branch among all the client's branches, so the figures agree with the
ranking page to the last digit.
"""

from __future__ import annotations

from dataclasses import dataclass

from surveyor.models import Instrument, Location, User, Wave
from surveyor.services import tenancy
from surveyor.services.locations.results import (
    Pooled,
    Unit,
    card_waves,
    feature_names,
    ranked_units,
)
from surveyor.services.locations.scores import WaveScores, wave_scores


@dataclass(frozen=True)
class RegionRow:
    """One wave: the region, the client, and the region's rank among the client's regions."""

    wave: Wave
    region: WaveScores
    client: WaveScores
    rank: int | None
    ranked: int


@dataclass(frozen=True)
class RegionCard:
    region: Location
    metric: str
    min_n: int
    rows: list[RegionRow]
    branches: list[Unit]
    """The region's branches in the newest row's wave, ranked among all the client's branches."""
    ranked_branches: int
    """How many of the client's branches hold a rank in that wave (for "rank 3 of 12")."""
    instrument: Instrument | None
    features: list[tuple[str, str]]

    @property
    def newest(self) -> RegionRow | None:
        return self.rows[-1] if self.rows else None


def region_card(user: User, region: Location, metric: str = "index") -> RegionCard:
    """``region`` against the whole client, wave over wave, with its branches.

    Staff limited to one branch may not open it (NotFound, as for another branch's card): the
    region's figures would tell them about the branches they are not given.
    """
    project = region.project

    def row(wave: Wave, pooled: Pooled, weights: dict) -> RegionRow:
        _branches, regions, client = pooled
        scored = {loc: wave_scores(tally, wave.id, weights) for loc, tally in regions.items()}
        ranks = ranked_units(project, scored, metric)
        return RegionRow(
            wave=wave,
            region=scored[region],
            client=wave_scores(client, wave.id, weights),
            rank=next(unit.rank for unit in ranks if unit.location == region),
            ranked=sum(1 for unit in ranks if unit.rank is not None),
        )

    waves = card_waves(user, region, "region", metric, row)
    wave_id = waves.rows[-1].wave.id if waves.rows else 0
    scored = {
        loc: wave_scores(tally, wave_id, waves.weights) for loc, tally in waves.newest[0].items()
    }
    ranked = ranked_units(project, scored, metric)
    scope = tenancy.location_scope(user, project.id)
    return RegionCard(
        region=region,
        metric=metric,
        min_n=project.min_location_n,
        rows=waves.rows,
        branches=[
            unit
            for unit in ranked
            if unit.location.parent_id == region.id and (scope is None or unit.location.id in scope)
        ],
        ranked_branches=sum(1 for unit in ranked if unit.rank is not None),
        instrument=waves.instrument,
        features=feature_names(waves.instrument),
    )
