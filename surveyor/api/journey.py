"""Clients, projects, touchpoints and locations: read them, and create them as an editor."""

from __future__ import annotations

import dataclasses

from surveyor.api import bp
from surveyor.api.operation import api_user, operation, validation_failed
from surveyor.api.schemas.journey import (
    CLIENT_LIST,
    LOCATION_LIST,
    PROJECT_LIST,
    TOUCHPOINT_LIST,
    ClientSchema,
    LocationChangeSchema,
    LocationSchema,
    ProjectChangeSchema,
    ProjectSchema,
    TouchpointSchema,
)
from surveyor.models import Project
from surveyor.services import tenancy
from surveyor.services.locations import directory
from surveyor.services.projects import journey


@bp.get("/clients")
@operation("List the clients you can see", tag="journey", response=CLIENT_LIST)
def list_clients():
    return {"items": journey.clients_for(api_user())}


@bp.get("/clients/<int:client_id>")
@operation("Read a client", tag="journey", response=ClientSchema())
def get_client(client_id: int):
    return tenancy.get_client(api_user(), client_id)


@bp.get("/clients/<int:client_id>/projects")
@operation("List a client's projects", tag="journey", response=PROJECT_LIST)
def list_projects(client_id: int):
    return {"items": journey.projects_of(tenancy.get_client(api_user(), client_id))}


@bp.post("/clients/<int:client_id>/projects")
@operation(
    "Create a project (with the three default journey phases)",
    tag="journey",
    body=ProjectSchema(),
    response=ProjectSchema(),
    status=201,
)
def create_project(client_id: int, data: dict):
    client = tenancy.get_client(api_user(), client_id)
    tenancy.require_editor(api_user())
    project = journey.save_project(client, data["name"], data["description"])
    return project


@bp.get("/projects/<int:project_id>")
@operation("Read a project", tag="journey", response=ProjectSchema())
def get_project(project_id: int):
    return tenancy.get_project(api_user(), project_id)


@bp.patch("/projects/<int:project_id>")
@operation(
    "Change a project's name, description or small-sample threshold",
    tag="journey",
    body=ProjectChangeSchema(),
    response=ProjectSchema(),
)
def change_project(project_id: int, data: dict):
    project = tenancy.get_project(api_user(), project_id)
    tenancy.require_editor(api_user())
    journey.change_project(project, data)
    return project


@bp.get("/projects/<int:project_id>/touchpoints")
@operation("List a project's touchpoints in journey order", tag="journey", response=TOUCHPOINT_LIST)
def list_touchpoints(project_id: int):
    return {"items": tenancy.get_project(api_user(), project_id).touchpoints}


@bp.post("/projects/<int:project_id>/touchpoints")
@operation(
    "Create a touchpoint",
    tag="journey",
    body=TouchpointSchema(),
    response=TouchpointSchema(),
    status=201,
)
def create_touchpoint(project_id: int, data: dict):
    project = tenancy.get_project(api_user(), project_id)
    tenancy.require_editor(api_user())
    if data["phase_id"] is not None:
        _check_phase(project, data["phase_id"])
    touchpoint = journey.save_touchpoint(project, **data)
    return touchpoint


@bp.get("/touchpoints/<int:touchpoint_id>")
@operation("Read a touchpoint", tag="journey", response=TouchpointSchema())
def get_touchpoint(touchpoint_id: int):
    return tenancy.get_touchpoint(api_user(), touchpoint_id)


@bp.get("/projects/<int:project_id>/locations")
@operation("List a project's locations", tag="journey", response=LOCATION_LIST)
def list_locations(project_id: int):
    project = tenancy.get_project(api_user(), project_id)
    return {"items": directory.visible_locations(api_user(), project)}


@bp.post("/projects/<int:project_id>/locations")
@operation(
    "Create a location (region, own branch or competitor)",
    tag="journey",
    body=LocationSchema(),
    response=LocationSchema(),
    status=201,
)
def create_location(project_id: int, data: dict):
    project = tenancy.get_project(api_user(), project_id)
    tenancy.require_editor(api_user())
    location = directory.store_location(project, directory.LocationFields(**data))
    return location


@bp.get("/locations/<int:location_id>")
@operation("Read a location", tag="journey", response=LocationSchema())
def get_location(location_id: int):
    return tenancy.get_location(api_user(), location_id)


@bp.patch("/locations/<int:location_id>")
@operation(
    "Change a location: rename it, give it a code, move a branch to another region",
    tag="journey",
    description="The same rules as creating one: a code unknown in the project, a branch's "
    "parent a region of the same project, competitors outside every region, a region keeps "
    "its branches; a change breaking one answers 422 naming the field and changes nothing.",
    body=LocationChangeSchema(),
    response=LocationSchema(),
)
def change_location(location_id: int, data: dict):
    location = tenancy.get_location(api_user(), location_id)
    tenancy.require_editor(api_user())
    fields = dataclasses.replace(directory.fields_of(location), **data)
    directory.store_location(location.project, fields, location)
    return location


@bp.delete("/locations/<int:location_id>")
@operation(
    "Delete a location that has collected no answers",
    tag="journey",
    description="A location with recorded responses is kept (409, the message says how "
    "many): measurements are not deleted with it. A deleted region's branches belong to no "
    "region afterwards, as in the workspace.",
    response=None,
    status=204,
    extra_statuses={409: "The location has recorded responses."},
)
def delete_location(location_id: int):
    location = tenancy.get_location(api_user(), location_id)
    tenancy.require_editor(api_user())
    journey.delete(location)


def _check_phase(project: Project, phase_id: int) -> None:
    if all(phase.id != phase_id for phase in project.phases):
        raise validation_failed({"phase_id": ["No such phase in this project."]})
