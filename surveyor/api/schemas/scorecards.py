"""The scorecard per feature as the API sends it, and the body of a feature link."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from surveyor.api.schemas.fields import list_of
from surveyor.api.schemas.trends import Number
from surveyor.models.base import MAX_ID


class ScorecardQuerySchema(Schema):
    wave_id = fields.Integer(
        validate=validate.Range(1, MAX_ID),
        metadata={"description": "Leave out for the latest wave that is not just planned."},
    )
    locale = fields.String(load_default="en", validate=validate.OneOf(("en", "de")))


class ScorecardRowSchema(Schema):
    feature = fields.String(required=True)
    observed_by = fields.String(required=True)
    location = fields.String(
        required=True, metadata={"description": "'All locations' for the feature's total row."}
    )
    customers = fields.String(required=True, metadata={"description": "Kano category used."})
    customers_n = fields.Integer(required=True)
    employees = fields.String(required=True)
    employees_n = fields.Integer(required=True)
    compliance = Number(metadata={"description": "Share 0-1; null with no applicable answer."})
    delivered = fields.Integer(required=True)
    applicable = fields.Integer(required=True)
    rank = fields.Integer(required=True, metadata={"description": "1 = work on it first."})
    priority = fields.String(required=True)


class ScorecardSchema(Schema):
    items = fields.List(fields.Nested(ScorecardRowSchema), required=True)


class FeatureLinkSchema(Schema):
    checklist_item = fields.String(
        required=True,
        validate=validate.Length(max=60),
        metadata={"description": "'instrument id:item key' of a scored checklist item."},
    )
    kano_feature = fields.String(
        required=True,
        validate=validate.Length(max=60),
        metadata={"description": "'instrument id:item key' of a Kano feature."},
    )


class StoredFeatureLinkSchema(Schema):
    id = fields.Integer(required=True)
    checklist_item = fields.Function(
        lambda link: f"{link.checklist_instrument_id}:{link.checklist_key}",
        required=True,
        metadata={"type": "string", "description": "'instrument id:item key'"},
    )
    kano_feature = fields.Function(
        lambda link: f"{link.kano_instrument_id}:{link.kano_key}",
        required=True,
        metadata={"type": "string", "description": "'instrument id:item key'"},
    )


FEATURE_LINK_LIST = list_of(StoredFeatureLinkSchema, "FeatureLinkList")
