"""The client interview and the engagement tracker as the API reads them."""

from __future__ import annotations

from marshmallow import Schema, fields


class InterviewSchema(Schema):
    project_id = fields.Integer(dump_only=True, required=True)
    held_on = fields.Date(dump_only=True, allow_none=True)
    attendees = fields.String(dump_only=True, required=True)
    situations = fields.String(dump_only=True, required=True)
    challenges = fields.String(dump_only=True, required=True)
    goals = fields.String(dump_only=True, required=True)
    vision = fields.String(dump_only=True, required=True)


class StepSchema(Schema):
    step = fields.Integer(dump_only=True, required=True, metadata={"description": "1 to 10"})
    name = fields.String(dump_only=True, required=True)
    state = fields.String(
        dump_only=True, required=True, metadata={"enum": ["done", "started", "open"]}
    )
    evidence = fields.List(fields.String(), dump_only=True, required=True)
    missing = fields.List(fields.String(), dump_only=True, required=True)
    confirmed = fields.Boolean(
        dump_only=True, required=True, metadata={"description": "confirmed by the consultant"}
    )
    note = fields.String(dump_only=True, required=True)


class EngagementSchema(Schema):
    project_id = fields.Integer(dump_only=True, required=True)
    steps = fields.List(fields.Nested(StepSchema), dump_only=True, required=True)
