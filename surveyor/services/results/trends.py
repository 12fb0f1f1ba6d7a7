"""Success tracking for one touchpoint: every measured quantity across the project's waves.

Assembles, from GROUP BY queries only: the Kano category and better/worse of each feature
(:mod:`surveyor.services.results.kano_results`) with drift between waves; checklist scores per
section and Kano tag (:mod:`surveyor.services.results.checklist_results`, approved shops only);
CSAT, NPS, CES and contacts-to-resolution from the standard questions; the touchpoint index and the
project's weighted touchpoint index; and each measure's before/after change.

Touchpoint index (0-100) of a wave: the mean of the components measured in that wave, the
checklist score in percent and CSAT rescaled from 1-5 to 0-100 ((mean - 1) / 4 * 100). The
project index is the touchpoint indexes weighted by ``Touchpoint.weight``, over the
touchpoints with an index in that wave.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from surveyor.models import Measure, Touchpoint, Wave
from surveyor.models.base import as_utc
from surveyor.scoring import trends
from surveyor.services.results import checklist_results, kano_results
from surveyor.services.results.trend_series import (
    Point,
    Series,
    mean_series,
    moments,
    nps_series,
    proportion_series,
    scale_counts,
)

POINTS_METHOD = "two-proportion z-test on points (approximation)"


@dataclass(frozen=True)
class KanoCell:
    wave_id: int
    n: int
    category: str | None
    better: float | None
    worse: float | None
    previous: trends.Drift | None
    baseline: trends.Drift | None


@dataclass
class FeatureTrend:
    instrument: str
    key: str
    text: str
    cells: list[KanoCell] = field(default_factory=list)

    @property
    def drifted(self) -> bool:
        return any(
            drift is not None and drift.significant
            for cell in self.cells
            for drift in (cell.previous, cell.baseline)
        )


@dataclass(frozen=True)
class MeasureEffect:
    measure: Measure
    before: Wave | None
    after: Wave | None
    changes: list[tuple[str, float | None, float | None, trends.TestResult | None]]
    """(quantity, value before, value after, test of the change)."""


@dataclass
class TouchpointTrend:
    touchpoint: Touchpoint
    waves: list[Wave]
    features: list[FeatureTrend]
    checklist: list[Series]
    scales: list[Series]
    index: Series
    project_index: Series

    @property
    def alerts(self) -> list[DriftAlert]:
        """Significant category moves, against the previous wave or else against the baseline."""
        found = []
        labels = {wave.id: wave.label for wave in self.waves}
        for feature in self.features:
            for cell in feature.cells:
                for since, drift in (("previous", cell.previous), ("baseline", cell.baseline)):
                    if drift is not None and drift.significant:
                        found.append(
                            DriftAlert(feature, labels[cell.wave_id], since, drift, cell.wave_id)
                        )
                        break
        return found


@dataclass(frozen=True)
class DriftAlert:
    feature: FeatureTrend
    wave_label: str
    since: str
    """"previous" or "baseline": which comparison found the move."""
    drift: trends.Drift
    wave_id: int


def touchpoint_trend(
    touchpoint: Touchpoint,
    locale: str = "en",
    waves: Sequence[Wave] | None = None,
    scales: dict | None = None,
) -> TouchpointTrend:
    """Everything the trend page shows, over the project's waves that are not just planned.

    ``waves`` narrows that to an export's chosen waves (the client deck), in sequence order;
    ``scales`` is :func:`scale_counts` of the project over (at least) those waves, for a caller
    that builds the trends of many touchpoints and would otherwise group the project's answers
    once per touchpoint.
    """
    project = touchpoint.project
    chosen = project.waves if waves is None else waves
    waves = [wave for wave in chosen if wave.status != "planned"]
    wave_ids = [wave.id for wave in waves]
    if scales is None:
        scales = scale_counts(project.id, wave_ids)
    checklist = _checklist(project.id, touchpoint.id, wave_ids)
    csat = _csat_by_touchpoint(scales)
    return TouchpointTrend(
        touchpoint=touchpoint,
        waves=waves,
        features=_features(touchpoint, wave_ids, locale),
        checklist=checklist,
        scales=_scale_series(touchpoint.id, wave_ids, scales),
        index=_index_series(
            "Touchpoint index", wave_ids, _index_of(touchpoint.id, csat, checklist)
        ),
        project_index=_project_index(project, wave_ids, csat),
    )


def measure_effects(touchpoint: Touchpoint, trend: TouchpointTrend | None = None) -> list:
    """Each measure with the waves around its go-live and what changed between them.

    "Before" is the last wave with data that opened before the go-live date, "after" the first
    that opened on or after it; each quantity is tested between exactly those two waves.
    """
    trend = trend or touchpoint_trend(touchpoint)
    series = [trend.index, *trend.checklist[:1], *trend.scales]
    return [_effect(measure, trend.waves, series) for measure in touchpoint.measures]


def _effect(measure: Measure, waves: list[Wave], series: list[Series]) -> MeasureEffect:
    if measure.go_live is None:
        return MeasureEffect(measure, None, None, [])
    with_data = [w for w in waves if any(s.value_of(w.id) is not None for s in series)]
    before = [w for w in with_data if _start(w) is not None and _start(w) < measure.go_live]
    after = [w for w in with_data if _start(w) is not None and _start(w) >= measure.go_live]
    first, second = (before[-1] if before else None), (after[0] if after else None)
    changes = []
    if first is not None and second is not None:
        for one in series:
            old, new = one.value_of(first.id), one.value_of(second.id)
            if old is None and new is None:
                continue
            changes.append((one.name, old, new, one.test(first.id, second.id)))
    return MeasureEffect(measure, first, second, changes)


def _start(wave: Wave) -> date | None:
    opens = as_utc(wave.opens_at)
    return opens.date() if opens else None


def _features(touchpoint: Touchpoint, wave_ids: list[int], locale: str) -> list[FeatureTrend]:
    found = []
    for instrument in touchpoint.instruments:
        if instrument.kind != "kano":
            continue
        by_wave = kano_results.results_by_wave(instrument, wave_ids, "customer", locale)
        for position, first in enumerate(by_wave[wave_ids[0]] if wave_ids else []):
            feature = FeatureTrend(instrument.name, first.key, first.text)
            previous = baseline = None
            for wave_id in wave_ids:
                result = by_wave[wave_id][position]
                counts = result.kano.counts
                cell = KanoCell(
                    wave_id,
                    result.n,
                    result.kano.category,
                    result.kano.better,
                    result.kano.worse,
                    trends.drift(previous, counts) if previous and result.n else None,
                    (
                        trends.drift(baseline, counts)
                        if baseline and result.n and baseline is not previous
                        else None
                    ),
                )
                feature.cells.append(cell)
                if result.n:
                    previous = counts
                    baseline = baseline or counts
            found.append(feature)
    return found


def _checklist(project_id: int, touchpoint_id: int, wave_ids: list[int]) -> list[Series]:
    if not wave_ids:
        return []
    rows = {
        by: checklist_results.scores(
            project_id, ("wave", *by), touchpoint_id=touchpoint_id, wave_ids=wave_ids
        )
        for by in ((), ("section",), ("kano",))
    }
    series = []
    for by, prefix in (((), "Checklist score"), (("section",), "Section"), (("kano",), "Kano tag")):
        groups: dict = {}
        shops: dict = {}
        for row in rows[by]:
            label = prefix if not by else f"{prefix}: {row.label[1] or '—'}"
            groups.setdefault(label, {})[row.key[0]] = (row.earned, row.possible)
            shops.setdefault(label, {})[row.key[0]] = row.shops
        for label, data in groups.items():
            series.append(
                proportion_series(label, wave_ids, data, POINTS_METHOD, sizes=shops[label])
            )
    return series


def standard_question_series(project_id: int, wave_ids: list[int]) -> dict[int, list[Series]]:
    """Per touchpoint: CSAT, CES, contacts, first-contact resolution and NPS over ``wave_ids``,
    from one GROUP BY over the project's answers (the Excel export's Trends sheet uses it)."""
    scales = scale_counts(project_id, wave_ids)
    touchpoint_ids = sorted({touchpoint_id for touchpoint_id, _wave, _type in scales})
    return {
        touchpoint_id: _scale_series(touchpoint_id, wave_ids, scales)
        for touchpoint_id in touchpoint_ids
    }


def _scale_series(touchpoint_id: int, wave_ids: list[int], scales: dict) -> list[Series]:
    found = []
    names = {"csat": "CSAT (1-5)", "ces": "CES (1-7)", "contacts": "Contacts to resolution"}
    for item_type in ("csat", "ces", "contacts"):
        data = {}
        for wave_id in wave_ids:
            stats = moments(scales.get((touchpoint_id, wave_id, item_type), {}))
            if stats:
                data[wave_id] = stats
        if data:
            found.append(mean_series(names[item_type], wave_ids, data))
        if item_type == "contacts" and data:
            first = {
                wave_id: (
                    scales[touchpoint_id, wave_id, "contacts"].get(1, 0),
                    sum(scales[touchpoint_id, wave_id, "contacts"].values()),
                )
                for wave_id in data
            }
            found.append(
                proportion_series(
                    "Resolved at first contact", wave_ids, first, "two-proportion z-test"
                )
            )
    nps_data = {}
    for wave_id in wave_ids:
        score = trends.nps(scales.get((touchpoint_id, wave_id, "nps"), {}))
        if score:
            nps_data[wave_id] = score
    if nps_data:
        found.append(nps_series("NPS", wave_ids, nps_data))
    return found


def _csat_by_touchpoint(scales: dict) -> dict[tuple[int, int], float]:
    found = {}
    for (touchpoint_id, wave_id, item_type), counts in scales.items():
        stats = moments(counts) if item_type == "csat" else None
        if stats:
            found[touchpoint_id, wave_id] = (stats[0] - 1) / 4 * 100
    return found


def _index_of(touchpoint_id: int, csat: dict, checklist: list[Series]) -> dict[int, float]:
    score = checklist[0] if checklist and checklist[0].name == "Checklist score" else None
    waves = {wave_id for (tp, wave_id) in csat if tp == touchpoint_id}
    if score:
        waves |= {p.wave_id for p in score.points if p.value is not None}
    found = {}
    for wave_id in waves:
        parts = [csat.get((touchpoint_id, wave_id)), score.value_of(wave_id) if score else None]
        parts = [part for part in parts if part is not None]
        found[wave_id] = sum(parts) / len(parts)
    return found


def touchpoint_index(project_id: int, wave_ids: Sequence[int]) -> dict[tuple[int, int], float]:
    """Index (0-100) per ``(touchpoint_id, wave_id)`` for every touchpoint measured in a wave.

    The same definition as the trend page (module docstring), for the Excel Overview sheet.
    """
    return _indexes(
        project_id, list(wave_ids), _csat_by_touchpoint(scale_counts(project_id, wave_ids))
    )


def _indexes(project_id: int, wave_ids: list[int], csat: dict) -> dict[tuple[int, int], float]:
    checklist = checklist_results.scores(project_id, ("wave", "touchpoint"), wave_ids=wave_ids)
    percent = {
        (row.key[1], row.key[0]): row.percent for row in checklist if row.percent is not None
    }
    found = {}
    for key in set(csat) | set(percent):
        parts = [part for part in (csat.get(key), percent.get(key)) if part is not None]
        found[key] = sum(parts) / len(parts)
    return found


def _project_index(project, wave_ids: list[int], csat: dict) -> Series:
    indexes = _indexes(project.id, wave_ids, csat)
    weighted: dict[int, list[float]] = {}
    for touchpoint in project.touchpoints:
        for wave_id in wave_ids:
            value = indexes.get((touchpoint.id, wave_id))
            if value is not None:
                total = weighted.setdefault(wave_id, [0.0, 0.0])
                total[0] += touchpoint.weight * value
                total[1] += touchpoint.weight
    values = {wave_id: total / weight for wave_id, (total, weight) in weighted.items() if weight}
    return _index_series("Project index (weighted)", wave_ids, values)


def _index_series(name: str, wave_ids: list[int], values: dict[int, float]) -> Series:
    series = Series(name, "percent", "composite index: no test")
    series.points = [Point(wave_id, 0, values.get(wave_id)) for wave_id in wave_ids]
    return series
