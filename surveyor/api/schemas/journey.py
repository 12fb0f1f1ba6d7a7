"""Clients, projects, touchpoints and locations as the API reads and writes them."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from surveyor.api.schemas.fields import Timestamp, flag, list_of, object_id, text
from surveyor.models.journey import CHANNELS, LOCATION_KINDS

MIN_N = (
    "The small-sample threshold: a branch or region with fewer answers (or shops) than this is "
    "marked small_sample and gets no rank in the results by location."
)


class ClientSchema(Schema):
    id = fields.Integer(dump_only=True, required=True)
    name = fields.String(dump_only=True, required=True)
    slug = fields.String(dump_only=True, required=True)
    created_at = Timestamp(dump_only=True, required=True)


class ProjectSchema(Schema):
    id = fields.Integer(dump_only=True, required=True)
    client_id = fields.Integer(dump_only=True, required=True)
    slug = fields.String(dump_only=True, required=True)
    name = text(120, required=True)
    description = text(5000, load_default="")
    min_location_n = fields.Integer(dump_only=True, required=True, metadata={"description": MIN_N})
    created_at = Timestamp(dump_only=True, required=True)


class ProjectChangeSchema(Schema):
    """A partial update: only the fields sent are changed."""

    name = text(120, nonblank=True)
    description = text(5000)
    min_location_n = fields.Integer(
        strict=True, validate=validate.Range(min=1, max=100_000), metadata={"description": MIN_N}
    )


class TouchpointSchema(Schema):
    id = fields.Integer(dump_only=True, required=True)
    project_id = fields.Integer(dump_only=True, required=True)
    phase_id = object_id(allow_none=True, load_default=None)
    name = text(120, required=True)
    channel = fields.String(required=True, validate=validate.OneOf(CHANNELS))
    weight = fields.Float(
        load_default=1.0, allow_nan=False, validate=validate.Range(min=0.01, max=1000)
    )
    description = text(5000, load_default="")
    position = fields.Integer(dump_only=True, required=True)
    created_at = Timestamp(dump_only=True, required=True)


class LocationSchema(Schema):
    id = fields.Integer(dump_only=True, required=True)
    project_id = fields.Integer(dump_only=True, required=True)
    name = text(120, required=True)
    city = text(80, load_default="")
    address = text(200, load_default="")
    is_competitor = flag(load_default=False)
    competitor_name = text(120, load_default="")
    kind = fields.String(load_default="branch", validate=validate.OneOf(LOCATION_KINDS))
    code = text(
        40, load_default="", metadata={"description": "Unique in the project; used in links."}
    )
    parent_id = object_id(
        load_default=None, allow_none=True, metadata={"description": "The branch's region."}
    )
    created_at = Timestamp(dump_only=True, required=True)


class LocationChangeSchema(Schema):
    """A partial update: only the fields sent are changed; the directory's rules apply to the
    result (a code unique in the project, a branch's parent a region, competitors outside)."""

    name = text(120, nonblank=True)
    city = text(80)
    address = text(200)
    is_competitor = flag()
    competitor_name = text(120)
    kind = fields.String(validate=validate.OneOf(LOCATION_KINDS))
    code = text(40, metadata={"description": "Unique in the project; used in links."})
    parent_id = object_id(allow_none=True, metadata={"description": "The branch's region."})


CLIENT_LIST = list_of(ClientSchema, "ClientList")
PROJECT_LIST = list_of(ProjectSchema, "ProjectList")
TOUCHPOINT_LIST = list_of(TouchpointSchema, "TouchpointList")
LOCATION_LIST = list_of(LocationSchema, "LocationList")
