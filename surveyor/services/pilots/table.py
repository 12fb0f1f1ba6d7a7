"""Pilot effects as plain rows, for the workbook (which only writes what it is given)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import get_locale
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.labels import localized
from surveyor.models import Measure
from surveyor.models.measures import measure_pilot_location
from surveyor.services.pilots.effects import pilot_report


@dataclass(frozen=True)
class PilotRow:
    """One metric of one pilot measure; numbers are None where none can be given."""

    touchpoint: str
    measure: str
    go_live: date | None
    pilots: str
    metric: str
    pilot_before: float | None
    pilot_after: float | None
    others_before: float | None
    others_after: float | None
    effect: float | None
    low: float | None
    high: float | None
    locations: str
    finding: str


def pilot_rows(touchpoint_ids: Sequence[int]) -> list[PilotRow]:
    """Every piloted measure of the touchpoints, one row per metric (or one with the reason)."""
    measures = db.session.scalars(
        select(Measure)
        .where(
            Measure.touchpoint_id.in_(list(touchpoint_ids)),
            Measure.id.in_(select(measure_pilot_location.c.measure_id)),
        )
        .order_by(Measure.touchpoint_id, Measure.id)
    ).all()
    locale = str(get_locale() or "en")
    rows = []
    for measure in measures:
        report = pilot_report(measure)
        head = (
            localized(measure.touchpoint),
            localized(measure, "title"),
            measure.go_live,
            ", ".join(location.name for location in measure.pilot_locations),
        )
        if report.problem:
            rows.append(PilotRow(*head, "", *([None] * 7), "", str(report.problem)))
        for effect in report.effects:
            result = effect.result
            rows.append(
                PilotRow(
                    *head,
                    effect.label,
                    *effect.means.values(),
                    result.estimate if result else None,
                    result.low if result else None,
                    result.high if result else None,
                    f"{effect.pilot_locations} / {effect.other_locations}",
                    effect.sentence(locale),
                )
            )
    return rows
