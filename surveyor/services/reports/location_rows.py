"""The Locations sheet's rows: the web ranking's figures per wave and metric, as plain data.

Nothing is ranked or scored here: :func:`surveyor.services.locations.results.whole_client_rankings`
gives the same :class:`~surveyor.services.locations.results.Ranking` as the page "Results by
location" for every metric, and this module only copies its units into
:mod:`surveyor.export.content`'s dataclasses. Competitors are left out, as on the page; the
touchpoints of the export scope do not narrow it (the page's ranking covers the whole project),
its waves do.
"""

from __future__ import annotations

from surveyor.export.content import LocationRanking, LocationRankRow, LocationSheet, WaveInfo
from surveyor.services.locations.results import Ranking, Unit, whole_client_rankings
from surveyor.services.reports.scope import ExportContext


def location_sheet(context: ExportContext) -> LocationSheet | None:
    """The rankings of the scope's waves; None when the project has no own branch."""
    if not any(
        location.kind != "region" and not location.is_competitor
        for location in context.locations.values()
    ):
        return None
    rankings = whole_client_rankings(context.project, context.waves)
    return LocationSheet(
        min_n=context.project.min_location_n,
        rankings=[_ranking(ranking) for ranking in rankings],
    )


def _ranking(ranking: Ranking) -> LocationRanking:
    wave = ranking.wave
    rows = [_row("branch", unit, ranking.metric) for unit in ranking.branches]
    rows += [_row("region", unit, ranking.metric) for unit in ranking.regions]
    rows.append(_row("client", ranking.client, ranking.metric))
    return LocationRanking(WaveInfo(wave.id, wave.sequence, wave.label), ranking.metric, rows)


def _row(level: str, unit: Unit, metric: str) -> LocationRankRow:
    location, scores = unit.location, unit.scores
    estimate = None if metric == "index" else getattr(scores, metric)
    parent = location.parent if location is not None and level == "branch" else None
    return LocationRankRow(
        level=level,
        name=location.name if location is not None else "",
        code=location.code if location is not None else None,
        region=parent.name if parent is not None else None,
        value=scores.value(metric),
        low=estimate.low if estimate is not None else None,
        high=estimate.high if estimate is not None else None,
        n=scores.size(metric),
        rank=unit.rank,
        small=unit.small,
    )
