"""Pilot measures: read a measure's difference in differences, choose its pilot locations."""

from __future__ import annotations

from surveyor.api import bp
from surveyor.api.operation import api_user, operation
from surveyor.api.schemas.pilots import PilotLocationsSchema, PilotReportSchema
from surveyor.services import tenancy
from surveyor.services.pilots import effects, selection
from surveyor.services.projects import measures

DESCRIPTION = (
    "Difference in differences per touchpoint metric (checklist score, CSAT, CES, NPS, Kano "
    "better): pilot locations against the project's other own branches, before against after "
    "go-live, each location counted once; 95 % CI from Welch's t. Where no effect can be "
    "estimated (no go-live, no comparison locations, no wave before go-live) 'problem' says "
    "why and no number is given."
)


@bp.get("/measures/<int:measure_id>/pilot")
@operation(
    "A pilot measure's effect",
    tag="measures",
    description=DESCRIPTION,
    response=PilotReportSchema(),
)
def pilot_effect(measure_id: int):
    measure = measures.get_measure(api_user(), measure_id)
    tenancy.refuse_location_limited(api_user(), measure.touchpoint.project_id)
    return effects.pilot_report(measure)


@bp.put("/measures/<int:measure_id>/pilot")
@operation(
    "Choose a measure's pilot locations",
    tag="measures",
    description="Competitor locations, regions and other projects' locations are refused (422).",
    body=PilotLocationsSchema(),
    response=PilotReportSchema(),
)
def choose_pilots(measure_id: int, data: dict):
    measure = measures.get_measure(api_user(), measure_id)
    tenancy.require_editor(api_user())
    tenancy.refuse_location_limited(api_user(), measure.touchpoint.project_id)
    selection.choose_pilot_locations(measure, data["location_ids"])
    return effects.pilot_report(measure)
