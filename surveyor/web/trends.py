"""Success tracking per touchpoint: trends across waves, drift alerts and measure effects."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from surveyor.labels import localized
from surveyor.models.base import as_utc
from surveyor.services import tenancy
from surveyor.services.cases import metrics
from surveyor.services.results import trends
from surveyor.web.trend_chart import Line, Marker, marker_position, trend_chart

bp = Blueprint("trends", __name__)


@bp.get("/touchpoints/<int:touchpoint_id>/trends")
def show(touchpoint_id: int):
    touchpoint = tenancy.get_touchpoint(current_user, touchpoint_id)
    trend = trends.touchpoint_trend(touchpoint, str(get_locale()))
    effects = trends.measure_effects(touchpoint, trend)
    loop = metrics.loop_report(touchpoint.project, touchpoint.id)
    mine = tenancy.keep_locations(current_user, touchpoint.project_id, loop.by_location, _key)
    return render_template(
        "trends/show.html",
        touchpoint=touchpoint,
        trend=trend,
        effects=effects,
        loop=replace(loop, by_location=mine),
        chart=_chart(trend),
    )


def _chart(trend: trends.TouchpointTrend):
    lines = [Line(_("Touchpoint index"), [p.value for p in trend.index.points])]
    if trend.checklist:
        score = trend.checklist[0]
        lines.append(
            Line(
                _("Checklist score"),
                [p.value for p in score.points],
                [p.interval for p in score.points],
            )
        )
    lines.append(
        Line(_("Project index"), [p.value for p in trend.project_index.points], dashed=True)
    )
    starts = [as_utc(w.opens_at).date() if w.opens_at else None for w in trend.waves]
    markers = []
    for measure in trend.touchpoint.measures:
        position = marker_position(starts, measure.go_live) if measure.go_live else None
        if position is not None:
            markers.append(Marker(position, localized(measure, "title")[:40]))
    return trend_chart(
        [wave.label for wave in trend.waves],
        lines,
        markers,
        title=_("Trend of %(name)s", name=localized(trend.touchpoint)),
        description=_(
            "Index and checklist score per wave (0-100) with 95 %% confidence intervals; "
            "dotted vertical lines mark the go-live of measures."
        ),
    )


def _key(row: metrics.LoopRow) -> int | None:
    """The location of a loop row (staff limited to locations see only theirs)."""
    return row.key
