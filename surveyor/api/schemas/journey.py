"""Clients, projects, touchpoints and locations as the API reads and writes them."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from surveyor.api.schemas.fields import Timestamp, flag, list_of, object_id, text
from surveyor.models.journey import CHANNELS, LOCATION_KINDS


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
    created_at = Timestamp(dump_only=True, required=True)


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


CLIENT_LIST = list_of(ClientSchema, "ClientList")
PROJECT_LIST = list_of(ProjectSchema, "ProjectList")
TOUCHPOINT_LIST = list_of(TouchpointSchema, "TouchpointList")
LOCATION_LIST = list_of(LocationSchema, "LocationList")
