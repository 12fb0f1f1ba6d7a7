"""Series over waves with their intervals and significance tests, built from GROUP BY rows.

A :class:`Series` holds one value per wave (``None`` without data), the sample size, a 95 %
confidence interval and two tests: against the previous wave that has data and against the
first wave with data (the baseline). ``Series.test(a, b)`` compares any two waves, which the
before/after view of a measure needs. The statistics come from :mod:`surveyor.scoring.trends`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Answer, Instrument, InstrumentVersion, Item, Response, Touchpoint
from surveyor.scoring import trends
from surveyor.services.locations import wave_cache

SCALE_TYPES = wave_cache.SCALE_TYPES


@dataclass(frozen=True)
class Point:
    wave_id: int
    n: int
    value: float | None
    interval: trends.Interval | None = None
    previous: trends.TestResult | None = None
    baseline: trends.TestResult | None = None
    change_previous: float | None = None
    change_baseline: float | None = None


@dataclass
class Series:
    """One measured quantity across waves; ``scale`` says how to print values."""

    name: str
    scale: str  # "percent" (0-100), "mean", "nps" (-100..100)
    method: str
    points: list[Point] = field(default_factory=list)
    raw: dict = field(default_factory=dict)
    tester: Callable | None = None

    def value_of(self, wave_id: int) -> float | None:
        point = self.point_of(wave_id)
        return point.value if point else None

    def point_of(self, wave_id: int) -> Point | None:
        return next((p for p in self.points if p.wave_id == wave_id), None)

    def test(self, first: int, second: int) -> trends.TestResult | None:
        """The series' test of the change from wave ``first`` to wave ``second``."""
        if self.tester is None or first not in self.raw or second not in self.raw:
            return None
        return self.tester(self.raw[first], self.raw[second])


def proportion_series(
    name: str,
    wave_ids: Sequence[int],
    data: Mapping[int, tuple[float, float]],
    method: str,
    sizes: Mapping[int, int] | None = None,
) -> Series:
    """Shares in percent with Wilson intervals; changes by the two-proportion z-test.

    ``data`` maps wave ids to (successes, n); waves with n = 0 count as without data.
    ``sizes`` replaces the shown sample size (checklists: shops, while n counts points).
    """
    series = Series(name, "percent", method)
    series.tester = lambda a, b: trends.two_proportion_test(a[0], a[1], b[0], b[1])
    for wave_id, (successes, n) in data.items():
        if n > 0:
            interval = trends.wilson_interval(successes, n)
            series.raw[wave_id] = (successes, n, 100 * successes / n, interval)
    series = _walk(series, wave_ids, 100)
    if sizes:
        series.points = [replace(p, n=sizes.get(p.wave_id, p.n)) for p in series.points]
    return series


def mean_series(
    name: str, wave_ids: Sequence[int], data: Mapping[int, tuple[float, float | None, int]]
) -> Series:
    """Means with normal-approximation intervals; changes by Welch's t-test."""
    series = Series(name, "mean", "Welch's t-test")
    series.tester = lambda a, b: trends.welch_test(a[0], a[1] or 0.0, a[2], b[0], b[1] or 0.0, b[2])
    for wave_id, (mean, sd, n) in data.items():
        series.raw[wave_id] = (mean, sd, n, mean, trends.mean_interval(mean, sd, n))
    return _walk(series, wave_ids, 1)


def nps_series(name: str, wave_ids: Sequence[int], data: Mapping[int, trends.Nps]) -> Series:
    """NPS from -100 to 100; changes by a z-test with the multinomial standard errors."""
    series = Series(name, "nps", "z-test (multinomial SE)")
    series.tester = lambda a, b: trends.nps_test(a[0], b[0])
    for wave_id, score in data.items():
        series.raw[wave_id] = (score, score.n, 100 * score.score, score.interval)
    return _walk(series, wave_ids, 100)


def _walk(series: Series, wave_ids: Sequence[int], factor: float) -> Series:
    previous = baseline = None
    for wave_id in wave_ids:
        raw = series.raw.get(wave_id)
        if raw is None:
            series.points.append(Point(wave_id, 0, None))
            continue
        value, interval = raw[-2], raw[-1]
        distinct_baseline = baseline is not None and baseline != previous
        n = raw[2] if series.scale == "mean" else raw[1]
        series.points.append(
            Point(
                wave_id,
                round(n),
                value,
                _scaled(interval, factor),
                series.test(previous, wave_id) if previous is not None else None,
                series.test(baseline, wave_id) if distinct_baseline else None,
                None if previous is None else value - series.raw[previous][-2],
                value - series.raw[baseline][-2] if distinct_baseline else None,
            )
        )
        previous = wave_id
        baseline = wave_id if baseline is None else baseline
    return series


def _scaled(interval: trends.Interval | None, factor: float) -> trends.Interval | None:
    if interval is None or factor == 1:
        return interval
    return trends.Interval(interval.low * factor, interval.high * factor)


# Standard touchpoint questions: one GROUP BY over Answer ------------------------------------


def scale_counts(project_id: int, wave_ids: Sequence[int]) -> dict:
    """``{(touchpoint id, wave id, item type): {answer value: count}}`` of customer answers.

    The standard items of the project are looked up first (a few rows), so the GROUP BY over
    the large ``answer`` table joins only ``response`` and groups by item id; ids are mapped to
    their touchpoint and type afterwards. Closed waves come from their stored counts
    (:mod:`surveyor.services.locations.wave_cache`), summed over locations.
    """
    if not wave_ids:
        return {}
    items = standard_items(project_id)
    if not items:
        return {}
    stored = wave_cache.fresh_waves(wave_ids)
    rows = wave_cache.scale_answers(sorted(stored), list(items))
    live = [wave_id for wave_id in wave_ids if wave_id not in stored]
    if live:
        query = (
            select(Answer.item_id, Response.wave_id, Answer.number, func.count())
            .select_from(Answer)
            .join(Response, Answer.response_id == Response.id)
            .where(
                Answer.item_id.in_(list(items)),
                Response.wave_id.in_(live),
                Response.respondent_group == "customer",
                Answer.number.is_not(None),
            )
            .group_by(Answer.item_id, Response.wave_id, Answer.number)
        )
        rows += db.session.execute(query).all()
    counts: dict = defaultdict(lambda: defaultdict(int))
    for item_id, wave_id, number, count in rows:
        touchpoint_id, item_type = items[item_id]
        counts[touchpoint_id, wave_id, item_type][int(number)] += count
    return counts


def standard_items(project_id: int) -> dict[int, tuple[int, str]]:
    """``{item id: (touchpoint id, item type)}`` of the project's CSAT/NPS/CES/contacts items
    in every version: a few rows, looked up before a GROUP BY over the answers."""
    return {
        item_id: (touchpoint_id, item_type)
        for item_id, touchpoint_id, item_type in db.session.execute(
            select(Item.id, Instrument.touchpoint_id, Item.item_type)
            .join(InstrumentVersion, Item.version_id == InstrumentVersion.id)
            .join(Instrument, InstrumentVersion.instrument_id == Instrument.id)
            .join(Touchpoint, Instrument.touchpoint_id == Touchpoint.id)
            .where(Touchpoint.project_id == project_id, Item.item_type.in_(SCALE_TYPES))
        )
    }


def moments(counts: Mapping[int, int]) -> tuple[float, float | None, int] | None:
    """Mean, sample standard deviation and n of a distribution given as value counts."""
    n = sum(counts.values())
    if n == 0:
        return None
    mean = sum(value * c for value, c in counts.items()) / n
    if n < 2:
        return mean, None, n
    variance = sum(c * (value - mean) ** 2 for value, c in counts.items()) / (n - 1)
    return mean, math.sqrt(variance), n
