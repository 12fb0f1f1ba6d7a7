"""One unit's scores in one wave, from its tally: the figures a ranking row or a report card
cell shows.

Touchpoint index per unit: as on the trend page (surveyor/services/results/trends.py), the mean of
CSAT rescaled to 0-100 and the checklist score of each touchpoint, weighted by the touchpoints'
weights. Kano per feature: Berger et al. (1993) better/worse, each with a Wilson interval, since
both are shares of the A+O+M+I answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from surveyor.scoring import kano, units
from surveyor.scoring.units import Estimate
from surveyor.services.locations.tallies import Tally
from surveyor.services.surveys.kano_answers import SCALES

METRICS: dict[str, bool] = {
    "index": True,
    "csat": True,
    "nps": True,
    "ces": True,
    "contacts": False,
    "checklist": True,
}
"""Rankable metrics and whether higher is better (fewer contacts to resolution is better)."""


@dataclass(frozen=True)
class FeatureScore:
    key: str
    category: str | None
    better: Estimate | None
    worse: Estimate | None
    n: int


@dataclass(frozen=True)
class WaveScores:
    """A unit's figures in one wave; ``responses`` counts customer responses."""

    responses: int
    csat: Estimate | None
    nps: Estimate | None
    ces: Estimate | None
    contacts: Estimate | None
    checklist: Estimate | None
    index: float | None
    features: dict[str, FeatureScore]

    def value(self, metric: str) -> float | None:
        if metric == "index":
            return self.index
        estimate = getattr(self, metric)
        return estimate.value if estimate is not None else None

    def size(self, metric: str) -> int:
        """The n a ranking compares with the minimum: shops for checklists, else responses
        (an index from shops alone counts its shops)."""
        if metric == "checklist" or (metric == "index" and not self.responses):
            return self.checklist.n if self.checklist else 0
        return self.responses


def wave_scores(tally: Tally, wave_id: int, weights: dict[int, float]) -> WaveScores:
    """Score ``tally`` in ``wave_id``; ``weights`` maps touchpoint ids to their weights."""
    pooled: dict[str, dict] = {}
    csat_by_touchpoint: dict[int, float] = {}
    for (wave, touchpoint_id, item_type), counts in tally.scales.items():
        if wave != wave_id:
            continue
        units.add_counts(pooled.setdefault(item_type, {}), counts)
        if item_type == "csat":
            estimate = units.mean_estimate(counts)
            if estimate is not None:
                csat_by_touchpoint[touchpoint_id] = (estimate.value - 1) / 4 * 100
    earned = possible = shops = 0
    checklist_by_touchpoint: dict[int, float] = {}
    for (wave, touchpoint_id), (e, p, s) in tally.checklist.items():
        if wave != wave_id:
            continue
        earned, possible, shops = earned + e, possible + p, shops + s
        if p > 0:
            checklist_by_touchpoint[touchpoint_id] = 100 * e / p
    return WaveScores(
        responses=tally.responses.get(wave_id, 0),
        csat=units.mean_estimate(pooled.get("csat", {}), SCALES["csat"]),
        nps=units.nps_estimate(pooled.get("nps", {})),
        ces=units.mean_estimate(pooled.get("ces", {}), SCALES["ces"]),
        contacts=units.mean_estimate(pooled.get("contacts", {}), SCALES["contacts"]),
        checklist=units.share_estimate(earned, possible, shops),
        index=_index(csat_by_touchpoint, checklist_by_touchpoint, weights),
        features={
            key: _feature(key, counts)
            for (wave, key), counts in tally.kano.items()
            if wave == wave_id
        },
    )


def _index(csat: dict[int, float], checklist: dict[int, float], weights: dict) -> float | None:
    parts = []
    for touchpoint_id in set(csat) | set(checklist):
        values = [
            v for v in (csat.get(touchpoint_id), checklist.get(touchpoint_id)) if v is not None
        ]
        parts.append((weights.get(touchpoint_id, 1.0), sum(values) / len(values)))
    return units.weighted_index(parts)


def _feature(key: str, pairs: dict) -> FeatureScore:
    result = kano.analyze(kano.counts_from_pairs((f, d, n) for (f, d), n in pairs.items()))
    relevant = sum(result.counts[c] for c in "AOMI")
    better = worse = None
    if relevant:
        a, o, m = result.counts["A"], result.counts["O"], result.counts["M"]
        better = _coefficient(units.share_estimate(a + o, relevant), 1)
        worse = _coefficient(units.share_estimate(o + m, relevant), -1)
    return FeatureScore(key, result.category, better, worse, result.n)


def _coefficient(share: Estimate, sign: int) -> Estimate:
    """A share in percent as Berger's coefficient (0..1, worse negative), bounds in order."""
    low, high = sorted((sign * share.low / 100, sign * share.high / 100))
    return Estimate(sign * share.value / 100 + 0.0, low + 0.0, high + 0.0, share.n)  # no -0.0
