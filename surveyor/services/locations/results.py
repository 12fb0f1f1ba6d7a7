"""Results by location and region: a ranking for one wave, and a location's report card.

Both come from :func:`surveyor.services.locations.tallies.tallies` (GROUP BYs only); regions
and the client are the pooled counts of their branches. Client staff limited to some locations
(:func:`surveyor.services.tenancy.location_scope`) see only those rows, with the ranks they
hold among all branches, and the client as a whole for comparison.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.labels import reads_german
from surveyor.models import Instrument, Location, Project, Response, Touchpoint, User, Wave
from surveyor.scoring import units
from surveyor.services import tenancy
from surveyor.services.errors import Invalid, NotFound
from surveyor.services.locations.scores import METRICS, WaveScores, wave_scores
from surveyor.services.locations.tallies import Tally, tallies
from surveyor.services.results import kano_results


@dataclass(frozen=True)
class Unit:
    """A ranked row: a branch, a region, or the client (``location`` None)."""

    location: Location | None
    scores: WaveScores
    rank: int | None
    small: bool


@dataclass(frozen=True)
class Ranking:
    project: Project
    wave: Wave | None
    metric: str
    min_n: int
    branches: list[Unit]
    regions: list[Unit]
    client: Unit
    instrument: Instrument | None
    features: list[tuple[str, str]]
    ranked_branches: int
    """How many branches hold a rank (for "rank 3 of 12")."""


def kano_instruments(project: Project) -> list[Instrument]:
    """The project's Kano questionnaires, whose features the results show per location."""
    return list(
        db.session.scalars(
            select(Instrument)
            .join(Touchpoint, Instrument.touchpoint_id == Touchpoint.id)
            .where(Touchpoint.project_id == project.id, Instrument.kind == "kano")
            .order_by(Instrument.id)
        )
    )


def latest_wave_with_answers(project: Project) -> Wave | None:
    """The newest wave with a customer response: one index probe per wave, newest first."""
    for wave in reversed(project.waves):
        probe = select(Response.id).where(
            Response.wave_id == wave.id, Response.respondent_group == "customer"
        )
        if db.session.scalar(probe.limit(1)) is not None:
            return wave
    return project.waves[-1] if project.waves else None


def ranking(
    user: User,
    project: Project,
    wave: Wave | None = None,
    metric: str = "index",
    instrument: Instrument | None = None,
) -> Ranking:
    """Branches and regions of ``project`` in ``wave`` ranked by ``metric``."""
    if metric not in METRICS:
        raise Invalid("Unknown metric.", {"metric": [f"Choose one of {', '.join(METRICS)}."]})
    wave = wave or latest_wave_with_answers(project)
    instrument = instrument or next(iter(kano_instruments(project)), None)
    counted = tallies(project.id, [wave.id] if wave else [], instrument.id if instrument else None)
    found = _ranking(project, wave, metric, instrument, pooled_tallies(project, counted))
    scope = tenancy.location_scope(user, project.id)
    if scope is None:
        return found
    return replace(
        found,
        branches=[row for row in found.branches if row.location.id in scope],
        regions=[row for row in found.regions if row.location.id in scope],
    )


def whole_client_rankings(project: Project, waves: Sequence[Wave]) -> list[Ranking]:
    """Every metric's ranking of the whole client in each of ``waves`` where a branch has a
    customer answer or an approved shop, newest wave first (the project workbook's Locations
    sheet, which every reader of the project may download, as the Mystery shopping sheet).

    One count over all waves instead of one per wave and metric; no Kano features. A wave's
    rankings equal :func:`ranking`'s for a user who sees every location.
    """
    pooled = pooled_tallies(project, tallies(project.id, [wave.id for wave in waves]))
    found: list[Ranking] = []
    for wave in sorted(waves, key=lambda w: w.sequence, reverse=True):
        per_metric = [_ranking(project, wave, metric, None, pooled) for metric in METRICS]
        if any(unit.scores.responses or unit.scores.checklist for unit in per_metric[0].branches):
            found.extend(per_metric)
    return found


def _ranking(project: Project, wave: Wave | None, metric: str, instrument, pooled) -> Ranking:
    """Branches and regions of ``pooled`` (:func:`pooled_tallies`) in ``wave``, ranked by
    ``metric``."""
    branches, regions, client = pooled
    weights = {tp.id: tp.weight for tp in project.touchpoints}
    score = (
        {key: wave_scores(tally, wave.id, weights) for key, tally in branches.items()}
        if wave
        else {}
    )
    region_scores = (
        {key: wave_scores(t, wave.id, weights) for key, t in regions.items()} if wave else {}
    )
    client_scores = wave_scores(client, wave.id if wave else 0, weights)
    return Ranking(
        project=project,
        wave=wave,
        metric=metric,
        min_n=project.min_location_n,
        branches=ranked_units(project, score, metric),
        regions=ranked_units(project, region_scores, metric),
        client=Unit(None, client_scores, None, False),
        instrument=instrument,
        features=feature_names(instrument),
        ranked_branches=sum(1 for s in score.values() if _rankable(s, metric, project)),
    )


def _rankable(scores: WaveScores, metric: str, project: Project) -> bool:
    return scores.value(metric) is not None and scores.size(metric) >= project.min_location_n


def ranked_units(project: Project, scored: dict[Location, WaveScores], metric: str) -> list[Unit]:
    ranks = units.rank(
        {loc: s.value(metric) for loc, s in scored.items()},
        {loc: s.size(metric) for loc, s in scored.items()},
        project.min_location_n,
        METRICS[metric],
    )
    rows = [
        Unit(loc, s, ranks[loc], s.size(metric) < project.min_location_n)
        for loc, s in scored.items()
    ]
    return sorted(
        rows,
        key=lambda row: (
            row.rank is None,
            row.rank or 0,
            row.scores.value(metric) is None,
            row.location.name,
        ),
    )


Pooled = tuple[dict[Location, Tally], dict[Location, Tally], Tally]
"""Tallies of the client's branches, of its regions, and of the whole client."""


def pooled_tallies(project: Project, counted: dict[int | None, Tally]) -> Pooled:
    """Tallies of every own branch and region, and of the client (all customer answers)."""
    branches: dict[Location, Tally] = {}
    regions: dict[Location, Tally] = {}
    for location in project.locations:
        if location.is_competitor:
            continue
        if location.kind == "region":
            regions.setdefault(location, Tally())
        else:
            branches[location] = counted.get(location.id) or Tally()
    region_of = {region.id: region for region in regions}
    for location, tally in branches.items():
        if location.parent_id in region_of:
            regions[region_of[location.parent_id]].add(tally)
    client = Tally()
    own = {location.id for location in branches}
    for key, tally in counted.items():
        if key is None or key in own:
            client.add(tally)
    return branches, regions, client


def feature_names(instrument: Instrument | None) -> list[tuple[str, str]]:
    return (
        kano_results.feature_names(instrument, "de" if reads_german() else "en")
        if instrument
        else []
    )


@dataclass(frozen=True)
class CardRow:
    wave: Wave
    location: WaveScores
    region: WaveScores | None
    client: WaveScores
    rank: int | None
    ranked: int


@dataclass(frozen=True)
class ReportCard:
    location: Location
    region: Location | None
    metric: str
    min_n: int
    rows: list[CardRow]
    instrument: Instrument | None
    features: list[tuple[str, str]]


def report_card(user: User, location: Location, metric: str = "index") -> ReportCard:
    """One branch against its region and the whole client, wave over wave, with its rank."""
    parent = location.parent
    region = parent if parent is not None and parent.kind == "region" else None

    def row(wave: Wave, pooled: Pooled, weights: dict) -> CardRow:
        branches, regions, client = pooled
        scored = {loc: wave_scores(t, wave.id, weights) for loc, t in branches.items()}
        ranks = ranked_units(location.project, scored, metric)
        return CardRow(
            wave=wave,
            location=scored[location],
            region=wave_scores(regions[region], wave.id, weights) if region else None,
            client=wave_scores(client, wave.id, weights),
            rank=next(unit.rank for unit in ranks if unit.location == location),
            ranked=sum(1 for unit in ranks if unit.rank is not None),
        )

    waves = card_waves(user, location, "branch", metric, row)
    return ReportCard(
        location=location,
        region=region,
        metric=metric,
        min_n=location.project.min_location_n,
        rows=waves.rows,
        instrument=waves.instrument,
        features=feature_names(waves.instrument),
    )


@dataclass(frozen=True)
class CardWaves:
    rows: list
    instrument: Instrument | None
    newest: Pooled
    """The tallies the newest row was made from (with its Kano pairs)."""
    weights: dict[int, float]


def card_waves(
    user: User, location: Location, kind: str, metric: str, row: Callable[[Wave, Pooled, dict], Any]
) -> CardWaves:
    """What the branch's and the region's report cards share: the checks (NotFound for a
    location the user may not see or of another kind), and ``row(wave, pooled, weights)`` for
    each wave in which a branch has an answer or a shop.

    Kano features only for the newest wave: the card shows them once, and counting the pairs
    of every wave would read most of the stored counts for nothing.
    """
    tenancy.require_location(user, location)
    if location.kind != kind or location.is_competitor:
        raise NotFound("Report cards are for the client's own branches and regions.")
    if metric not in METRICS:
        raise Invalid("Unknown metric.", {"metric": [f"Choose one of {', '.join(METRICS)}."]})
    project = location.project
    instrument = next(iter(kano_instruments(project)), None)
    weights = {tp.id: tp.weight for tp in project.touchpoints}
    pooled = pooled_tallies(project, tallies(project.id, [wave.id for wave in project.waves]))
    measured = [wave for wave in project.waves if _measured(pooled[0], wave.id, weights)]
    rows = [row(wave, pooled, weights) for wave in measured]
    if measured and instrument is not None:
        pooled = pooled_tallies(project, tallies(project.id, [measured[-1].id], instrument.id))
        rows[-1] = row(measured[-1], pooled, weights)
    return CardWaves(rows, instrument, pooled, weights)


def _measured(branches: dict[Location, Tally], wave_id: int, weights: dict) -> bool:
    """Whether any branch has an answer or a shop in the wave (else the card skips it)."""
    scored = (wave_scores(tally, wave_id, weights) for tally in branches.values())
    return any(scores.responses or scores.checklist for scores in scored)


def set_min_n(project: Project, min_n: int) -> None:
    """The smallest n a location or region needs to be ranked (at least 1); flushed, the
    caller commits."""
    if not 1 <= min_n <= 100_000:
        raise Invalid("Choose a minimum from 1 to 100,000.", {"min_n": ["1 to 100,000"]})
    project.min_location_n = min_n
    db.session.flush()


def save_min_n(project: Project, min_n: int) -> None:
    """:func:`set_min_n`, committed: the consultant's setting on the ranking page."""
    set_min_n(project, min_n)
    db.session.commit()
