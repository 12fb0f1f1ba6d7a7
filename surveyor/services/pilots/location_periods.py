"""Each location's value of each touchpoint metric before and after a go-live date.

Every figure comes from a GROUP BY over location and wave (a few rows per location); the waves
are then folded into the two periods by pooling their sums, so a location's "before" value is
its pooled score or mean over all its waves before go-live.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import case, func, select

from surveyor.extensions import db
from surveyor.models import (
    Answer,
    Instrument,
    InstrumentVersion,
    Item,
    KanoAnswer,
    Response,
    Touchpoint,
    Wave,
)
from surveyor.models.base import as_utc
from surveyor.scoring import kano
from surveyor.services.results import checklist_results

METRICS = ("checklist", "csat", "ces", "nps", "kano_better")
"""Checklist score (%), CSAT (1-5), CES (1-7), NPS (-100..100), Kano better coefficient (%)."""

Periods = dict[int, str]
"""Wave id -> "before" or "after"."""
Values = dict[str, dict[str, dict[int, float]]]
"""metric -> period -> location id -> the location's value in that period."""


def location_values(touchpoint: Touchpoint, periods: Periods) -> Values:
    """Every metric of ``touchpoint`` per period and location, for locations with data."""
    values: Values = {metric: {"before": {}, "after": {}} for metric in METRICS}
    if not periods:
        return values
    _checklist(touchpoint, periods, values)
    _scales(touchpoint, periods, values)
    _kano(touchpoint, periods, values)
    return values


def _checklist(touchpoint: Touchpoint, periods: Periods, values: Values) -> None:
    sums: dict = defaultdict(lambda: [0.0, 0.0])
    rows = checklist_results.scores(
        touchpoint.project_id,
        ("location", "wave"),
        touchpoint_id=touchpoint.id,
        wave_ids=list(periods),
    )
    for row in rows:
        location_id, wave_id = row.key
        total = sums[periods[wave_id], location_id]
        total[0] += row.earned
        total[1] += row.possible
    for (period, location_id), (earned, possible) in sums.items():
        if possible > 0:
            values["checklist"][period][location_id] = 100 * earned / possible


def _instrument_versions(touchpoint: Touchpoint, kind: str):
    return (
        select(InstrumentVersion.id)
        .join(Instrument, InstrumentVersion.instrument_id == Instrument.id)
        .where(Instrument.touchpoint_id == touchpoint.id, Instrument.kind == kind)
    )


def _customers(query, periods: Periods):
    return query.where(
        Response.wave_id.in_(list(periods)),
        Response.respondent_group == "customer",
        Response.location_id.is_not(None),
    )


def _scales(touchpoint: Touchpoint, periods: Periods, values: Values) -> None:
    query = (
        select(
            Response.location_id,
            Response.wave_id,
            Item.item_type,
            func.count(),
            func.sum(Answer.number),
            func.sum(case((Answer.number >= 9, 1), else_=0)),
            func.sum(case((Answer.number <= 6, 1), else_=0)),
        )
        .select_from(Answer)
        .join(Response, Answer.response_id == Response.id)
        .join(Item, Answer.item_id == Item.id)
        .where(
            Item.item_type.in_(("csat", "ces", "nps")),
            Item.version_id.in_(_instrument_versions(touchpoint, "kano")),
            Answer.number.is_not(None),
        )
        .group_by(Response.location_id, Response.wave_id, Item.item_type)
    )
    sums: dict = defaultdict(lambda: [0, 0.0, 0, 0])
    for location_id, wave_id, item_type, n, total, promoters, detractors in db.session.execute(
        _customers(query, periods)
    ):
        pooled = sums[item_type, periods[wave_id], location_id]
        pooled[0] += n
        pooled[1] += float(total or 0)
        pooled[2] += int(promoters or 0)
        pooled[3] += int(detractors or 0)
    for (item_type, period, location_id), (n, total, promoters, detractors) in sums.items():
        value = 100 * (promoters - detractors) / n if item_type == "nps" else total / n
        values[item_type][period][location_id] = value


def _kano(touchpoint: Touchpoint, periods: Periods, values: Values) -> None:
    """Berger et al.'s (1993) better coefficient, pooled over the touchpoint's features."""
    query = (
        select(
            Response.location_id,
            Response.wave_id,
            KanoAnswer.functional,
            KanoAnswer.dysfunctional,
            func.count(),
        )
        .select_from(KanoAnswer)
        .join(Response, KanoAnswer.response_id == Response.id)
        .where(Response.version_id.in_(_instrument_versions(touchpoint, "kano")))
        .group_by(
            Response.location_id,
            Response.wave_id,
            KanoAnswer.functional,
            KanoAnswer.dysfunctional,
        )
    )
    counts: dict = defaultdict(lambda: defaultdict(int))
    for location_id, wave_id, functional, dysfunctional, n in db.session.execute(
        _customers(query, periods)
    ):
        counts[periods[wave_id], location_id][kano.evaluate(functional, dysfunctional)] += n
    for (period, location_id), by_category in counts.items():
        better = kano.analyze(by_category).better
        if better is not None:
            values["kano_better"][period][location_id] = 100 * better


def split_periods(waves: Sequence[Wave], go_live: date) -> Periods:
    """Waves that opened before go-live are "before", on or after it "after"; planned waves
    and waves without an opening date take no part."""
    periods = {}
    for wave in waves:
        opens = as_utc(wave.opens_at)
        if wave.status == "planned" or opens is None:
            continue
        periods[wave.id] = "before" if opens.date() < go_live else "after"
    return periods
