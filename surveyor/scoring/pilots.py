"""Difference in differences: did the pilot locations move more than the others?

A measure tried in some locations first is judged against the locations that did not get it,
over the same waves (Angrist & Pischke, *Mostly Harmless Econometrics*, 2009, ch. 5):

    effect = (pilot after - pilot before) - (others after - others before)

The unit is the location, as the measure is assigned per location: each location contributes
the change of its own mean from before to after go-live. Collapsing to one change per unit
is what Bertrand, Duflo & Mullainathan (2004) recommend for serially correlated data; it
equals the OLS interaction coefficient with standard errors clustered by location, without
pretending that respondents of one branch are independent draws. The effect is then the
difference of two mean changes, with Welch's standard error and Welch-Satterthwaite degrees
of freedom; with a single pilot (or a single comparison) location its spread cannot be
estimated, so both groups share one pooled variance (Student's two-sample t, df = n1 + n2 - 2)
and the method says so. Card & Krueger (1994, Table 3, row 4) is the textbook check;
``docs/method.md``, "Evaluating a pilot", explains the choices.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from surveyor.scoring.trends import student_t_two_sided

WELCH = "welch"
POOLED = "pooled"


@dataclass(frozen=True)
class GroupStats:
    """n units, the mean of their values and the sample variance (None when n < 2)."""

    n: int
    mean: float
    variance: float | None


@dataclass(frozen=True)
class DidResult:
    estimate: float
    se: float
    df: float
    low: float
    high: float
    p_value: float
    method: str
    """``welch`` or ``pooled`` (one group has a single unit)."""
    pilot: GroupStats
    others: GroupStats
    level: float = 0.95


def summarize(values: Iterable[float]) -> GroupStats | None:
    """n, mean and sample variance of the units' values; None for no units."""
    data = list(values)
    if not data:
        return None
    mean = sum(data) / len(data)
    if len(data) < 2:
        return GroupStats(len(data), mean, None)
    variance = sum((x - mean) ** 2 for x in data) / (len(data) - 1)
    return GroupStats(len(data), mean, variance)


def unit_changes(before: dict, after: dict) -> dict:
    """Each unit's after minus before value, for units measured in both periods."""
    return {unit: after[unit] - before[unit] for unit in before if unit in after}


def difference_in_differences(
    pilot: GroupStats, others: GroupStats, level: float = 0.95
) -> DidResult | None:
    """The effect from the two groups' per-unit changes; None when no interval can be had.

    ``pilot`` and ``others`` summarise the changes (after - before) of their units. None when
    there are fewer than three units in all, or no spread at all to estimate an error from.
    """
    if pilot.n < 1 or others.n < 1 or pilot.n + others.n < 3:
        return None
    estimate = pilot.mean - others.mean
    if pilot.variance is not None and others.variance is not None:
        method = WELCH
        a, b = pilot.variance / pilot.n, others.variance / others.n
        se = math.sqrt(a + b)
        if se == 0:
            return None
        df = (a + b) ** 2 / (a * a / (pilot.n - 1) + b * b / (others.n - 1))
    else:
        method = POOLED
        df = pilot.n + others.n - 2
        squares = sum(g.variance * (g.n - 1) for g in (pilot, others) if g.variance is not None)
        se = math.sqrt(squares / df * (1 / pilot.n + 1 / others.n))
        if se == 0:
            return None
    t = t_quantile(1 - (1 - level) / 2, df)
    statistic = estimate / se
    return DidResult(
        estimate=estimate,
        se=se,
        df=df,
        low=estimate - t * se,
        high=estimate + t * se,
        p_value=student_t_two_sided(statistic, df),
        method=method,
        pilot=pilot,
        others=others,
        level=level,
    )


def did_from_cells(
    pilot_before: float, pilot_after: float, others_before: float, others_after: float
) -> float:
    """The point estimate from the four cell means (the 2 x 2 table of the method)."""
    return (pilot_after - pilot_before) - (others_after - others_before)


def t_quantile(p: float, df: float) -> float:
    """The p-quantile (p > 0.5) of Student's t, by bisection on the two-sided tail."""
    tail = 2 * (1 - p)
    low, high = 0.0, 1.0
    while student_t_two_sided(high, df) > tail:
        high *= 2
    for _ in range(100):
        middle = (low + high) / 2
        if student_t_two_sided(middle, df) > tail:
            low = middle
        else:
            high = middle
    return (low + high) / 2
