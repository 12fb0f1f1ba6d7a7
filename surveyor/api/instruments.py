"""Instruments: list, create and publish them; read and write their JSON definitions.

The definition format is the one of the workspace's import and export
(:mod:`surveyor.schemas.instrument`), so a script can move instruments between projects.
"""

from __future__ import annotations

from surveyor.api import bp
from surveyor.api.errors import ApiError
from surveyor.api.operation import api_user, operation
from surveyor.api.schemas.instruments import (
    INSTRUMENT_LIST,
    DefinitionQuerySchema,
    InstrumentSchema,
)
from surveyor.schemas.instrument import InstrumentDefinitionSchema
from surveyor.services import tenancy
from surveyor.services.instruments import instrument_io, instruments


@bp.get("/touchpoints/<int:touchpoint_id>/instruments")
@operation("List a touchpoint's instruments", tag="instruments", response=INSTRUMENT_LIST)
def list_instruments(touchpoint_id: int):
    touchpoint = tenancy.get_touchpoint(api_user(), touchpoint_id)
    return {"items": instruments.of_touchpoint(touchpoint)}


@bp.get("/instruments/<int:instrument_id>")
@operation("Read an instrument and its versions", tag="instruments", response=InstrumentSchema())
def get_instrument(instrument_id: int):
    return tenancy.get_instrument(api_user(), instrument_id)


@bp.post("/touchpoints/<int:touchpoint_id>/instruments")
@operation(
    "Create an instrument from a JSON definition (as a draft)",
    tag="instruments",
    description="The body is a 'surveyor.instrument/1' definition, the same format as the "
    "workspace's JSON import and export. Publish the draft to start collecting responses.",
    body=InstrumentDefinitionSchema(),
    raw_body=True,
    response=InstrumentSchema(),
    status=201,
)
def create_instrument(touchpoint_id: int, data):
    touchpoint = tenancy.get_touchpoint(api_user(), touchpoint_id)
    tenancy.require_editor(api_user())
    try:
        instrument = instrument_io.create_from_definition(touchpoint, data)
    except instrument_io.DefinitionInvalid as invalid:
        raise _definition_errors(invalid) from None
    return instrument


@bp.get("/instruments/<int:instrument_id>/definition")
@operation(
    "Export a version as a JSON definition",
    tag="instruments",
    query=DefinitionQuerySchema(),
    response=InstrumentDefinitionSchema(),
)
def get_definition(instrument_id: int, args: dict):
    instrument = tenancy.get_instrument(api_user(), instrument_id)
    number = args.get("version")
    version = next((v for v in instrument.versions if v.number == number), None)
    if number is None:
        version = instruments.newest_version(instrument)
    if version is None:
        raise ApiError(404, "This instrument has no version with this number.")
    return instrument_io.export_definition(version)


@bp.put("/instruments/<int:instrument_id>/definition")
@operation(
    "Replace the draft with a JSON definition",
    tag="instruments",
    description="Loads the definition into the instrument's draft, or into a new draft when the "
    "newest version is published. Published versions never change.",
    body=InstrumentDefinitionSchema(),
    raw_body=True,
    response=InstrumentSchema(),
)
def put_definition(instrument_id: int, data):
    instrument = tenancy.get_instrument(api_user(), instrument_id)
    tenancy.require_editor(api_user())
    try:
        instrument_io.import_definition(instrument, data)
    except instrument_io.DefinitionInvalid as invalid:
        raise _definition_errors(invalid) from None
    return instrument


@bp.post("/instruments/<int:instrument_id>/publish")
@operation(
    "Publish the newest version",
    tag="instruments",
    description="Freezes the draft; respondents answer it from now on.",
    response=InstrumentSchema(),
    extra_statuses={409: "The newest version is published already."},
)
def publish(instrument_id: int):
    instrument = tenancy.get_instrument(api_user(), instrument_id)
    tenancy.require_editor(api_user())
    try:
        instruments.publish_newest(api_user(), instrument)
    except instruments.InstrumentIncomplete as incomplete:
        raise ApiError(422, str(incomplete)) from None
    except instruments.VersionFrozen:
        raise ApiError(409, "The newest version is published already.") from None
    return instrument


def _definition_errors(invalid: instrument_io.DefinitionInvalid) -> ApiError:
    errors: dict[str, list[str]] = {}
    paths = invalid.paths or ["_schema"] * len(invalid.errors)
    for path, message in zip(paths, invalid.errors, strict=False):
        errors.setdefault(path or "_schema", []).append(message)
    return ApiError(422, "The definition is invalid; see errors.", errors)
