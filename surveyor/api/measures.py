"""Improvement measures of a touchpoint: list, create, change, delete.

A pilot measure is a measure with a go-live date and pilot locations; this module gives it the
date, :mod:`surveyor.api.pilots` its locations and its effect. The same use cases as the
workspace's measure form (surveyor/services/projects/measures.py).
"""

from __future__ import annotations

from surveyor.api import bp
from surveyor.api.operation import api_user, operation
from surveyor.api.schemas.measures import MEASURE_LIST, MeasureChangeSchema, MeasureSchema
from surveyor.services import tenancy
from surveyor.services.projects import measures


@bp.get("/touchpoints/<int:touchpoint_id>/measures")
@operation("List a touchpoint's improvement measures", tag="measures", response=MEASURE_LIST)
def list_measures(touchpoint_id: int):
    touchpoint = tenancy.get_touchpoint(api_user(), touchpoint_id)
    return {"items": sorted(touchpoint.measures, key=lambda measure: measure.id)}


@bp.post("/touchpoints/<int:touchpoint_id>/measures")
@operation(
    "Create an improvement measure (give it a go_live date to evaluate it as a pilot)",
    tag="measures",
    body=MeasureSchema(),
    response=MeasureSchema(),
    status=201,
)
def create_measure(touchpoint_id: int, data: dict):
    touchpoint = tenancy.get_touchpoint(api_user(), touchpoint_id)
    tenancy.require_editor(api_user())
    return measures.add_measure(touchpoint, **data)


@bp.get("/measures/<int:measure_id>")
@operation("Read an improvement measure", tag="measures", response=MeasureSchema())
def get_measure(measure_id: int):
    return measures.get_measure(api_user(), measure_id)


@bp.patch("/measures/<int:measure_id>")
@operation(
    "Change a measure's title, cluster, owner, dates or status",
    tag="measures",
    body=MeasureChangeSchema(),
    response=MeasureSchema(),
)
def change_measure(measure_id: int, data: dict):
    measure = measures.get_measure(api_user(), measure_id)
    tenancy.require_editor(api_user())
    measures.update_measure(measure, **data)
    return measure


@bp.delete("/measures/<int:measure_id>")
@operation("Delete an improvement measure", tag="measures", response=None, status=204)
def delete_measure(measure_id: int):
    measure = measures.get_measure(api_user(), measure_id)
    tenancy.require_editor(api_user())
    measures.delete_measure(measure)
