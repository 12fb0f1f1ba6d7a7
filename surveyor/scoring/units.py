"""Scores of a unit (a location, a region, the whole client) from pooled counts, and a ranking
that leaves small samples out.

Regions and the client are scored from the summed counts of their branches, never from the
mean of branch scores: a branch with 400 answers then weighs ten times one with 40, as its
evidence does. Intervals are 95 %: Wilson for shares (Wilson 1927), mean +- 1.96 s / sqrt(n)
for means, and the multinomial standard error for NPS (see :mod:`surveyor.scoring.trends`).

Ranking: units below the consultant's minimum n are shown but get no rank, since with few
answers the interval is wider than the gaps between places (docs/method.md, "Results by
location"). Ties share a place ("1, 2, 2, 4"), the standard competition ranking.

Numbers in, numbers out: no Flask, no database.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from surveyor.scoring import trends


@dataclass(frozen=True)
class Estimate:
    """A value with its 95 % interval (``None`` below two answers) and sample size."""

    value: float
    low: float | None
    high: float | None
    n: int


def mean_estimate(
    counts: Mapping[int, int], scale: tuple[float, float] | None = None
) -> Estimate | None:
    """Mean of answers given as ``{value: count}``; ``None`` without answers.

    ``scale`` (lowest, highest answer) cuts the interval to what answers can be: with few and
    spread answers mean +- 1.96 s / sqrt(n) reaches past the scale (1 and 5 on CSAT 1-5 give
    -0.92 to 6.92), and no mean of such answers can lie there.
    """
    n = sum(counts.values())
    if n == 0:
        return None
    mean = sum(value * count for value, count in counts.items()) / n
    sd = None
    if n > 1:
        sd = math.sqrt(sum(c * (v - mean) ** 2 for v, c in counts.items()) / (n - 1))
    low, high = _bounds(trends.mean_interval(mean, sd, n), 1)
    if scale is not None and low is not None and high is not None:
        low, high = max(low, scale[0]), min(high, scale[1])
    return Estimate(mean, low, high, n)


def nps_estimate(counts: Mapping[int, int]) -> Estimate | None:
    """Net Promoter Score from -100 to 100 with its interval (none below two answers: one
    answer has a standard error of zero, which would read as certainty). The normal
    approximation can reach past the scale with few answers; the bounds are cut to it."""
    score = trends.nps(counts)
    if score is None:
        return None
    if score.n < 2:
        return Estimate(100 * score.score, None, None, score.n)
    low, high = _bounds(score.interval, 100)
    return Estimate(100 * score.score, max(low, -100.0), min(high, 100.0), score.n)


def share_estimate(successes: float, n: float, shown_n: int | None = None) -> Estimate | None:
    """A share in percent with its Wilson interval; ``shown_n`` replaces n in the display
    (checklist scores pool points but count shops)."""
    if n <= 0:
        return None
    interval = trends.wilson_interval(successes, n)
    return Estimate(100 * successes / n, *_bounds(interval, 100), round(shown_n or n))


def weighted_index(parts: Iterable[tuple[float, float]]) -> float | None:
    """The weighted mean of ``(weight, value)`` pairs, e.g. touchpoint indexes by weight."""
    total = weight_sum = 0.0
    for weight, value in parts:
        total += weight * value
        weight_sum += weight
    return total / weight_sum if weight_sum else None


def add_counts(into: dict, counts: Mapping) -> dict:
    """Add ``counts`` to ``into`` key by key (pooling branches into a region)."""
    for key, count in counts.items():
        into[key] = into.get(key, 0) + count
    return into


def rank(
    values: Mapping[Hashable, float | None],
    sizes: Mapping[Hashable, int],
    min_n: int,
    higher_is_better: bool = True,
) -> dict[Hashable, int | None]:
    """Competition ranks of the units with a value and ``sizes[unit] >= min_n``; others None."""
    eligible = [
        (value, unit)
        for unit, value in values.items()
        if value is not None and sizes.get(unit, 0) >= min_n
    ]
    ordered: Sequence = sorted(eligible, key=lambda pair: -pair[0] if higher_is_better else pair[0])
    ranks: dict[Hashable, int | None] = dict.fromkeys(values)
    for position, (value, unit) in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        tied = previous is not None and math.isclose(previous[0], value)
        ranks[unit] = ranks[previous[1]] if tied else position
    return ranks


def _bounds(interval: trends.Interval | None, factor: float) -> tuple[float | None, float | None]:
    if interval is None:
        return None, None
    return interval.low * factor, interval.high * factor
