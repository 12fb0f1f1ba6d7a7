"""Workshops as the API reads them: the workshop, its report, and a measure's origin.

Read-only on purpose: the board belongs to the room (phones and the facilitator's screen); the
API serves reporting tools that want the cards, causes, dots and measures afterwards. Card
authors are pseudonyms chosen in the room and stay out of the API; the role is included.
"""

from __future__ import annotations

from marshmallow import Schema, fields

from surveyor.api.schemas.fields import Timestamp, list_of


class WorkshopSchema(Schema):
    id = fields.Integer(dump_only=True, required=True)
    project_id = fields.Integer(dump_only=True, required=True)
    title = fields.String(dump_only=True, required=True)
    title_de = fields.String(dump_only=True, required=True)
    held_on = fields.Date(dump_only=True, allow_none=True)
    world = fields.String(dump_only=True, allow_none=True)
    join_open = fields.Boolean(dump_only=True, required=True)
    voting_open = fields.Boolean(dump_only=True, required=True)
    vote_budget = fields.Integer(dump_only=True, required=True)
    created_at = Timestamp(dump_only=True, required=True)


class CardSchema(Schema):
    id = fields.Integer(dump_only=True, required=True)
    world = fields.String(dump_only=True, required=True)
    text = fields.String(dump_only=True, required=True)
    role = fields.String(dump_only=True, required=True)
    touchpoint = fields.String(dump_only=True, required=True)
    phase = fields.String(dump_only=True, required=True)
    cluster = fields.String(dump_only=True, required=True)


class MeasureRefSchema(Schema):
    id = fields.Integer(dump_only=True, required=True)
    title = fields.String(dump_only=True, required=True)
    cluster = fields.String(dump_only=True, required=True)
    status = fields.String(dump_only=True, required=True)
    touchpoint_id = fields.Integer(dump_only=True, required=True)


class CauseSchema(Schema):
    id = fields.Integer(dump_only=True, required=True)
    title = fields.String(dump_only=True, required=True)
    stage = fields.String(dump_only=True, required=True)
    clusters = fields.List(fields.String(), dump_only=True, required=True)
    dots = fields.Dict(keys=fields.String(), values=fields.Integer(), dump_only=True)
    total = fields.Integer(dump_only=True, required=True)
    measures = fields.List(fields.Nested(MeasureRefSchema), dump_only=True, required=True)


class WorkshopReportSchema(Schema):
    id = fields.Integer(dump_only=True, required=True)
    title = fields.String(dump_only=True, required=True)
    held_on = fields.Date(dump_only=True, allow_none=True)
    participants = fields.Dict(keys=fields.String(), values=fields.Integer(), dump_only=True)
    cards = fields.List(fields.Nested(CardSchema), dump_only=True, required=True)
    causes = fields.List(fields.Nested(CauseSchema), dump_only=True, required=True)


class OriginSchema(Schema):
    workshop_id = fields.Integer(dump_only=True, required=True)
    workshop = fields.String(dump_only=True, required=True)
    causes = fields.List(fields.Nested(CauseSchema), dump_only=True, required=True)
    cards = fields.List(fields.Nested(CardSchema), dump_only=True, required=True)


WORKSHOP_LIST = list_of(WorkshopSchema, "WorkshopList")
ORIGIN_LIST = list_of(OriginSchema, "MeasureOriginList")
