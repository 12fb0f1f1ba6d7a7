"""A pilot measure's effect per touchpoint metric, as a difference in differences.

Pilots are the measure's chosen locations; the comparison is every other own branch of the
project (competitors and regions never take part). Only locations measured both before and
after go-live count, each once (:mod:`surveyor.scoring.pilots`). Where the comparison cannot be
made the report says why and shows no number: no go-live date, no pilots, no other branches,
no wave before or after go-live, or no location with data on one side.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from surveyor.formatting import day, number
from surveyor.labels import PILOT_METRICS
from surveyor.models import Measure
from surveyor.scoring import pilots
from surveyor.services.pilots import selection
from surveyor.services.pilots.location_periods import METRICS, location_values, split_periods

LOWER_IS_BETTER = frozenset({"ces"})
"""Effort: a fall is the improvement."""
UNITS = {"checklist": "percentage points", "kano_better": "percentage points"}


@dataclass(frozen=True)
class MetricEffect:
    metric: str
    pilot_locations: int
    other_locations: int
    means: dict[str, float | None]
    """Mean location value of pilot_before, pilot_after, others_before, others_after."""
    result: pilots.DidResult | None
    problem: str = ""

    @property
    def label(self) -> str:
        return str(PILOT_METRICS[self.metric])

    def sentence(self, locale: str) -> str:
        """The plain-language finding in ``locale`` ("de" or "en")."""
        with force_locale(locale):
            return _sentence(self)


@dataclass
class PilotReport:
    measure: Measure
    problem: str = ""
    """Why no effect can be estimated at all; empty when the metrics below say it."""
    effects: list[MetricEffect] = field(default_factory=list)
    waves_before: int = 0
    waves_after: int = 0
    pretrends: list[MetricEffect] = field(default_factory=list)
    """The same comparison between the first and the last wave before go-live (a placebo)."""

    @property
    def method(self) -> str:
        return str(METHOD)

    @property
    def pretrend_findings(self) -> list[str]:
        """Where pilots already moved differently before go-live, or that they did not."""
        found = []
        for effect in self.pretrends:
            result = effect.result
            if result is not None and not result.low <= 0 <= result.high:
                found.append(
                    str(PRETREND_DIFFERS)
                    % {
                        "metric": effect.label,
                        "size": number(result.estimate, 1, signed=True),
                        "low": number(result.low, 1),
                        "high": number(result.high, 1),
                    }
                )
        if self.pretrends and not found:
            found.append(str(PRETREND_PARALLEL) % {"count": len(self.pretrends)})
        return found


METHOD = _l(
    "Difference in differences: (pilot after - pilot before) - (others after - others before). "
    "Each location counts once with the change of its own value; locations measured both "
    "before and after go-live only. 95-percent confidence interval from Welch's t "
    "(a pooled variance when one side has a single location). Assumes that without the "
    "measure the pilot and the other locations would have moved in parallel."
)


PRETREND_DIFFERS = _l(
    "Pre-trend check, %(metric)s: between the first and the last wave before go-live the pilots "
    "already moved %(size)s relative to the others (95 %% CI %(low)s to %(high)s). The "
    "assumption of parallel trends is doubtful; read the effect with care."
)
PRETREND_PARALLEL = _l(
    "Pre-trend check: before go-live, pilots and others moved alike (%(count)s metrics checked)."
)


def pilot_report(measure: Measure) -> PilotReport:
    """Everything the measure page, the workbook and the API show about a pilot."""
    report = PilotReport(measure)
    pilot_ids = {location.id for location in measure.pilot_locations}
    if measure.go_live is None:
        report.problem = _l("Set a go-live date to evaluate the pilot.")
        return report
    if not pilot_ids:
        report.problem = _l("Choose pilot locations to compare them with the other locations.")
        return report
    if any(location.is_competitor for location in measure.pilot_locations):
        report.problem = _l("A pilot cannot include competitor locations.")
        return report
    others = {loc.id for loc in selection.candidates(measure)} - pilot_ids
    if not others:
        report.problem = _l(
            "No comparison locations: every own branch is a pilot, so nothing shows what would "
            "have happened without the measure."
        )
        return report
    periods = split_periods(measure.touchpoint.project.waves, measure.go_live)
    report.waves_before = sum(1 for period in periods.values() if period == "before")
    report.waves_after = len(periods) - report.waves_before
    if not report.waves_before:
        report.problem = _l(
            "No data before go-live: no wave opened before %(day)s.", day=_day(measure)
        )
        return report
    if not report.waves_after:
        report.problem = _l(
            "No data after go-live yet: no wave opened on or after %(day)s.", day=_day(measure)
        )
        return report
    values = location_values(measure.touchpoint, periods)
    for metric in METRICS:
        effect = _metric_effect(metric, values[metric], pilot_ids, others)
        if effect is not None:
            report.effects.append(effect)
    if not report.effects:
        report.problem = _l(
            "No location of this touchpoint was measured both before and after go-live."
        )
    report.pretrends = _pretrends(measure, periods, pilot_ids, others)
    return report


def _pretrends(measure: Measure, periods: dict, pilot_ids: set, others: set) -> list:
    """The estimator run on the first and the last wave before go-live, where there are two:
    pilots that already moved differently then cast doubt on parallel trends (Angrist &
    Pischke 2009, 5.2)."""
    waves = [w for w in measure.touchpoint.project.waves if periods.get(w.id) == "before"]
    if len(waves) < 2:
        return []
    placebo = {waves[0].id: "before", waves[-1].id: "after"}
    values = location_values(measure.touchpoint, placebo)
    found = [_metric_effect(metric, values[metric], pilot_ids, others) for metric in METRICS]
    return [effect for effect in found if effect is not None and effect.result is not None]


def _day(measure: Measure) -> str:
    return day(measure.go_live)


def _metric_effect(
    metric: str, values: dict, pilot_ids: set, other_ids: set
) -> MetricEffect | None:
    before, after = values["before"], values["after"]
    if not before and not after:
        return None
    changes = pilots.unit_changes(before, after)
    pilot = pilots.summarize(v for k, v in changes.items() if k in pilot_ids)
    others = pilots.summarize(v for k, v in changes.items() if k in other_ids)
    means = {
        "pilot_before": _mean(before, pilot_ids, changes),
        "pilot_after": _mean(after, pilot_ids, changes),
        "others_before": _mean(before, other_ids, changes),
        "others_after": _mean(after, other_ids, changes),
    }
    counts = (pilot.n if pilot else 0, others.n if others else 0)
    if pilot is None:
        problem = _l("No pilot location was measured both before and after go-live.")
        return MetricEffect(metric, *counts, means, None, problem)
    if others is None:
        problem = _l("No comparison location was measured both before and after go-live.")
        return MetricEffect(metric, *counts, means, None, problem)
    result = pilots.difference_in_differences(pilot, others)
    problem = "" if result else _l("Too few locations, or no variation, for a confidence interval.")
    return MetricEffect(metric, *counts, means, result, problem)


def _mean(by_location: dict, chosen: set, changes: dict) -> float | None:
    data = [v for k, v in by_location.items() if k in chosen and k in changes]
    return sum(data) / len(data) if data else None


ROSE = _l(
    "%(metric)s: the pilot locations rose by %(size)s %(unit)s more than the others; %(interval)s."
)
FELL = _l(
    "%(metric)s: the pilot locations fell by %(size)s %(unit)s more than the others; %(interval)s."
)


# The pilots' own change goes the other way than the effect (both groups fell, the pilots
# less): "rose by 12.5 more than the others" would tell the client the pilots rose.
FELL_LESS = _l(
    "%(metric)s: the pilot locations fell by %(own)s %(unit)s, %(size)s %(unit)s less than the "
    "others; %(interval)s."
)
ROSE_LESS = _l(
    "%(metric)s: the pilot locations rose by %(own)s %(unit)s, %(size)s %(unit)s less than the "
    "others; %(interval)s."
)
STEADY_OTHERS_FELL = _l(
    "%(metric)s: the pilot locations held their level while the others fell by %(size)s "
    "%(unit)s; %(interval)s."
)
STEADY_OTHERS_ROSE = _l(
    "%(metric)s: the pilot locations held their level while the others rose by %(size)s "
    "%(unit)s; %(interval)s."
)


def _own_change(effect: MetricEffect) -> float | None:
    """How far the pilot locations themselves moved (mean after minus mean before)."""
    before, after = effect.means.get("pilot_before"), effect.means.get("pilot_after")
    return None if before is None or after is None else after - before


def _sentence(effect: MetricEffect) -> str:
    result = effect.result
    if result is None:
        return str(effect.problem)
    unit = _("percentage points") if effect.metric in UNITS else _("points")
    size = number(abs(result.estimate), 1)
    interval = _(
        "95 %% CI %(low)s to %(high)s", low=number(result.low, 1), high=number(result.high, 1)
    )
    better = (result.estimate < 0) if effect.metric in LOWER_IS_BETTER else (result.estimate > 0)
    own = _own_change(effect)
    if own is not None and round(own, 1) == 0:
        template = STEADY_OTHERS_FELL if result.estimate > 0 else STEADY_OTHERS_ROSE
    elif own is not None and (own < 0 < result.estimate or result.estimate < 0 < own):
        template = FELL_LESS if own < 0 else ROSE_LESS
    else:
        template = ROSE if result.estimate > 0 else FELL
    text = template % {
        "metric": effect.label,
        "size": size,
        "unit": unit,
        "interval": interval,
        "own": number(abs(own), 1) if own is not None else "",
    }
    if result.low <= 0 <= result.high:
        return text + " " + _("The interval includes zero: the effect is not established.")
    if better:
        return text + " " + _("That is an improvement.")
    return text + " " + _("That is a deterioration.")
