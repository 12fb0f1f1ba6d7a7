"""Workshops, read-only: a project's workshops, a workshop's report, a measure's origin."""

from __future__ import annotations

from surveyor.api import bp
from surveyor.api.operation import api_user, operation
from surveyor.api.schemas.workshops import ORIGIN_LIST, WORKSHOP_LIST, WorkshopReportSchema
from surveyor.services import tenancy
from surveyor.services.projects import measures
from surveyor.services.workshops import report, setup, trace


@bp.get("/projects/<int:project_id>/workshops")
@operation("List a project's workshops", tag="workshops", response=WORKSHOP_LIST)
def list_workshops(project_id: int):
    return {"items": setup.workshops_of(tenancy.get_project(api_user(), project_id))}


@bp.get("/workshops/<int:workshop_id>/report")
@operation(
    "Read a workshop's cards per world, its causes with their dots and the measures they became",
    tag="workshops",
    response=WorkshopReportSchema(),
)
def get_workshop_report(workshop_id: int):
    return report.build(tenancy.get_workshop(api_user(), workshop_id))


@bp.get("/measures/<int:measure_id>/origin")
@operation(
    "Trace a measure back to the workshop causes and cards it came from",
    tag="workshops",
    response=ORIGIN_LIST,
)
def get_measure_origin(measure_id: int):
    return {"items": trace.trace(measures.get_measure(api_user(), measure_id))}
