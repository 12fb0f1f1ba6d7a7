"""Instruments and their versions as the API reads them."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from surveyor.api.schemas.fields import Timestamp, list_of


class VersionSummarySchema(Schema):
    id = fields.Integer(required=True)
    number = fields.Integer(required=True)
    status = fields.String(required=True, metadata={"enum": ["draft", "published"]})
    published_at = Timestamp(allow_none=True, required=True)


class InstrumentSchema(Schema):
    id = fields.Integer(required=True)
    touchpoint_id = fields.Integer(required=True)
    kind = fields.String(required=True, metadata={"enum": ["kano", "checklist"]})
    name = fields.String(required=True)
    versions = fields.List(fields.Nested(VersionSummarySchema), required=True)
    created_at = Timestamp(required=True)


INSTRUMENT_LIST = list_of(InstrumentSchema, "InstrumentList")


class DefinitionQuerySchema(Schema):
    version = fields.Integer(
        validate=validate.Range(1, 100_000),
        metadata={"description": "Version number; the newest version when left out."},
    )
