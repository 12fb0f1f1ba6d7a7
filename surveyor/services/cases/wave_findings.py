"""The scheduler's wave-level rules: a significant Kano drift or drop, found once a wave closed.

Between waves the figures come from the trend service (:mod:`surveyor.services.results.trends`), the
same tests the trend page shows: Kano drift by the chi-square test of the category
distributions, a drop by each series' own test (z-test for shares and NPS, Welch's t-test for
means) at the 5 % level. Only closed waves are judged, since an open wave's figures still move.
A rule is looked at again only after another wave of its project has closed (``checked_at``).
"""

from __future__ import annotations

import itertools
from datetime import datetime

from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import AlertRule, Project, Wave
from surveyor.models.base import as_utc
from surveyor.models.cases import WAVE_KINDS
from surveyor.services.cases.opening import open_case
from surveyor.services.results import trends

HIGHER_IS_WORSE = frozenset({"Contacts to resolution"})
"""Series where a fall is an improvement, never a drop."""


def open_wave_cases(now: datetime) -> int:
    """Judge every wave-level rule whose project closed a wave since the rule was last checked."""
    opened = 0
    for rule in _due_rules():
        project = db.session.get(Project, rule.project_id)
        closed = {wave.id for wave in project.waves if wave.status == "closed"}
        for touchpoint in project.touchpoints:
            if rule.touchpoint_ids and touchpoint.id not in rule.touchpoint_ids:
                continue
            trend = trends.touchpoint_trend(touchpoint)
            finder = _drifts if rule.kind == "drift" else _drops
            for key, summary, wave_id in finder(trend, closed):
                opened += (
                    open_case(
                        rule,
                        f"{key}:{touchpoint.id}",
                        summary,
                        touchpoint_id=touchpoint.id,
                        location_id=None,
                        wave_id=wave_id,
                        now=now,
                    )
                    is not None
                )
        rule.checked_at = now
        db.session.commit()
    return opened


def _due_rules() -> list[AlertRule]:
    closed = (Wave.project_id == AlertRule.project_id) & (Wave.status == "closed")
    last_closed = select(func.max(Wave.closes_at)).where(closed).scalar_subquery()
    count = select(func.count(Wave.id)).where(closed).scalar_subquery()
    rows = db.session.execute(
        select(AlertRule, last_closed, count)
        .where(AlertRule.active.is_(True), AlertRule.kind.in_(sorted(WAVE_KINDS)))
        .order_by(AlertRule.id)
    ).all()
    return [
        rule
        for rule, closed_at, waves in rows
        if waves
        and (
            rule.checked_at is None
            or (closed_at is not None and as_utc(closed_at) > as_utc(rule.checked_at))
        )
    ]


def _drifts(trend: trends.TouchpointTrend, closed: set[int]):
    for feature in trend.features:
        for cell in feature.cells:
            drift = cell.previous if cell.previous and cell.previous.significant else None
            if cell.wave_id not in closed or drift is None:
                continue
            summary = {"feature": feature.text, "before": drift.before, "after": drift.after}
            yield f"drift:{cell.wave_id}:{feature.instrument}:{feature.key}", summary, cell.wave_id


def _drops(trend: trends.TouchpointTrend, closed: set[int]):
    series = [*trend.checklist[:1], *trend.scales]
    for one in series:
        if one.name in HIGHER_IS_WORSE:
            continue
        with_data = [p.wave_id for p in one.points if p.value is not None]
        for before, after in itertools.pairwise(with_data):
            test = one.test(before, after)
            old, new = one.value_of(before), one.value_of(after)
            if after not in closed or test is None or not test.significant or new >= old:
                continue
            summary = {"series": one.name, "before": round(old, 1), "after": round(new, 1)}
            yield f"drop:{after}:{one.name}", summary, after
