"""Kano results per feature and checklist scores as the API sends them."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from surveyor.models.base import MAX_ID
from surveyor.services.results.checklist_results import DIMENSIONS

CATEGORY_CODES = (
    "A attractive (delighter), O one-dimensional (performance), M must-be (basic), "
    "I indifferent, R reverse, Q questionable"
)


class ContinuousSchema(Schema):
    n = fields.Integer(required=True)
    functional_mean = fields.Float(required=True)
    functional_sd = fields.Float(allow_none=True, required=True)
    dysfunctional_mean = fields.Float(required=True)
    dysfunctional_sd = fields.Float(allow_none=True, required=True)
    importance_weighted = fields.Boolean(required=True)


class KanoFeatureSchema(Schema):
    """One feature's classification (Berger et al. 1993; Lee & Newcomb 1997; Fong 1996)."""

    key = fields.String(required=True)
    text = fields.String(required=True)
    position = fields.Integer(required=True)
    n = fields.Integer(required=True)
    category = fields.String(
        allow_none=True,
        required=True,
        attribute="kano.category",
        metadata={"description": CATEGORY_CODES},
    )
    tied_with = fields.List(fields.String(), required=True, attribute="kano.tied_with")
    counts = fields.Dict(
        keys=fields.String(), values=fields.Integer(), required=True, attribute="kano.counts"
    )
    better = fields.Float(allow_none=True, required=True, attribute="kano.better")
    worse = fields.Float(allow_none=True, required=True, attribute="kano.worse")
    category_strength = fields.Float(
        allow_none=True, required=True, attribute="kano.category_strength"
    )
    total_strength = fields.Float(allow_none=True, required=True, attribute="kano.total_strength")
    fong_significant = fields.Boolean(
        allow_none=True, required=True, attribute="kano.fong_significant"
    )
    continuous = fields.Nested(ContinuousSchema, allow_none=True, required=True)
    weighted = fields.Nested(ContinuousSchema, allow_none=True, required=True)
    importance_mean = fields.Float(allow_none=True, required=True)
    importance_n = fields.Integer(required=True)


class KanoResultsSchema(Schema):
    instrument_id = fields.Integer(required=True)
    wave_id = fields.Integer(required=True)
    respondent_group = fields.String(allow_none=True, required=True)
    items = fields.List(fields.Nested(KanoFeatureSchema), required=True)


class KanoQuerySchema(Schema):
    wave_id = fields.Integer(required=True, validate=validate.Range(1, MAX_ID))
    respondent_group = fields.String(
        validate=validate.OneOf(("customer", "employee")),
        metadata={"description": "Leave out for all respondents."},
    )
    locale = fields.String(load_default="en", validate=validate.OneOf(("en", "de")))


class ScoreRowSchema(Schema):
    key = fields.List(fields.Raw(allow_none=True), required=True)
    label = fields.List(fields.Raw(allow_none=True), required=True)
    earned = fields.Float(required=True)
    possible = fields.Float(required=True)
    percent = fields.Float(
        allow_none=True, required=True, metadata={"description": "Null: nothing applicable."}
    )
    shops = fields.Integer(required=True)
    critical_failures = fields.Integer(required=True)
    critical_shops = fields.Integer(required=True)


class ChecklistScoresSchema(Schema):
    by = fields.List(fields.String(), required=True)
    items = fields.List(fields.Nested(ScoreRowSchema), required=True)


class ChecklistQuerySchema(Schema):
    by = fields.String(
        load_default="",
        validate=validate.Regexp(
            r"^(" + "|".join(DIMENSIONS) + r")?(,(" + "|".join(DIMENSIONS) + r"))*$",
            error=f"Comma-separated dimensions from: {', '.join(DIMENSIONS)}.",
        ),
        metadata={"description": "Group by these dimensions; none gives the total."},
    )
    touchpoint_id = fields.Integer(validate=validate.Range(1, MAX_ID))
    instrument_id = fields.Integer(validate=validate.Range(1, MAX_ID))
    wave_id = fields.Integer(validate=validate.Range(1, MAX_ID))
    location_id = fields.Integer(validate=validate.Range(1, MAX_ID))
    competitor = fields.Boolean()
