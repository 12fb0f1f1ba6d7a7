"""Loop metrics as the API sends them: cases opened, closed in time, median hours to close."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from surveyor.api.schemas.trends import Number
from surveyor.models.base import MAX_ID
from surveyor.services.cases.metrics import GROUPS


class LoopQuerySchema(Schema):
    by = fields.String(
        load_default="project",
        validate=validate.OneOf(sorted(GROUPS)),
        metadata={"description": "Group the cases by project, touchpoint, location or wave."},
    )
    touchpoint_id = fields.Integer(
        validate=validate.Range(1, MAX_ID),
        metadata={"description": "Only the cases of this touchpoint."},
    )


class LoopRowSchema(Schema):
    key = fields.Integer(allow_none=True, required=True)
    name = fields.String(required=True)
    opened = fields.Integer(attribute="figures.opened", required=True)
    closed = fields.Integer(attribute="figures.closed", required=True)
    closed_in_time = fields.Integer(attribute="figures.closed_in_time", required=True)
    share_closed_in_time = Number(
        attribute="figures.share_in_time",
        metadata={"description": "Closed within the due date / opened (0-1)."},
    )
    median_hours_to_close = Number(attribute="figures.median_hours")


class FollowUpEffectSchema(Schema):
    question = fields.String(required=True, metadata={"description": "nps or csat"})
    customers = fields.Integer(required=True)
    improved = fields.Integer(required=True)
    mean_change = Number()


class LoopMetricsSchema(Schema):
    project_id = fields.Integer(required=True)
    by = fields.String(required=True)
    rows = fields.List(fields.Nested(LoopRowSchema), required=True)
    follow_up_effects = fields.List(
        fields.Nested(FollowUpEffectSchema),
        required=True,
        metadata={
            "description": "Customers of resolved cases identifiable by a personal invitation "
            "who answered the same question in a later wave."
        },
    )
