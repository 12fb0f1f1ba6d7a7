"""Waves: list and create a project's field periods, open and close them."""

from __future__ import annotations

from marshmallow import ValidationError

from surveyor.api import bp
from surveyor.api.operation import api_user, operation, validation_failed
from surveyor.api.schemas.waves import WAVE_LIST, WaveChangeSchema, WaveSchema, check_period
from surveyor.services import tenancy
from surveyor.services.waves import scheduling


@bp.get("/projects/<int:project_id>/waves")
@operation("List a project's waves, baseline first", tag="waves", response=WAVE_LIST)
def list_waves(project_id: int):
    return {"items": tenancy.get_project(api_user(), project_id).waves}


@bp.post("/projects/<int:project_id>/waves")
@operation(
    "Create a wave (sequence 0 is the baseline)",
    tag="waves",
    body=WaveSchema(),
    response=WaveSchema(),
    status=201,
    extra_statuses={409: "A wave with this sequence number exists."},
)
def create_wave(project_id: int, data: dict):
    project = tenancy.get_project(api_user(), project_id)
    tenancy.require_editor(api_user())
    return scheduling.add_wave(project, **data)


@bp.get("/waves/<int:wave_id>")
@operation("Read a wave", tag="waves", response=WaveSchema())
def get_wave(wave_id: int):
    return tenancy.get_wave(api_user(), wave_id)


@bp.patch("/waves/<int:wave_id>")
@operation(
    "Change a wave's label, field period or status",
    tag="waves",
    body=WaveChangeSchema(),
    response=WaveSchema(),
)
def change_wave(wave_id: int, data: dict):
    wave = tenancy.get_wave(api_user(), wave_id)
    tenancy.require_editor(api_user())
    try:
        check_period(data.get("opens_at", wave.opens_at), data.get("closes_at", wave.closes_at))
    except ValidationError as invalid:
        raise validation_failed(invalid.normalized_messages()) from None
    scheduling.change_wave(wave, data)
    return wave
