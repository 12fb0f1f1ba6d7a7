"""Report cards as the workbook writer reads them: plain content, no models.

The writer (:mod:`surveyor.export.sheets.location_card`) knows nothing of locations or waves;
these two functions lay a branch's and a region's card out in the same shape, so one sheet
writes both.
"""

from __future__ import annotations

from surveyor.export.content import CardBranch, CardWave, ReportCardContent
from surveyor.services.locations.region_card import RegionCard
from surveyor.services.locations.results import ReportCard


def of_branch(card: ReportCard) -> ReportCardContent:
    return ReportCardContent(
        kind="location",
        name=card.location.name,
        parent=card.region.name if card.region else "",
        min_n=card.min_n,
        metric=card.metric,
        waves=[
            CardWave(row.wave.label, [row.location, row.region, row.client], row.rank, row.ranked)
            for row in card.rows
        ],
        features=card.features,
    )


def of_region(card: RegionCard) -> ReportCardContent:
    return ReportCardContent(
        kind="region",
        name=card.region.name,
        parent="",
        min_n=card.min_n,
        metric=card.metric,
        waves=[
            CardWave(row.wave.label, [row.region, row.client], row.rank, row.ranked)
            for row in card.rows
        ],
        features=card.features,
        branches=[
            CardBranch(unit.location.name, unit.location.code, unit.rank, unit.small, unit.scores)
            for unit in card.branches
        ],
        branches_wave=card.newest.wave.label if card.newest else "",
        ranked_branches=card.ranked_branches,
    )
