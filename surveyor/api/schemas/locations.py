"""Results by location as the API sends them: rankings and the report cards of a branch and of a
region."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from surveyor.models.base import MAX_ID
from surveyor.services.locations.scores import METRICS


class EstimateSchema(Schema):
    value = fields.Float(required=True)
    low = fields.Float(allow_none=True, required=True, metadata={"description": "95 % CI"})
    high = fields.Float(allow_none=True, required=True, metadata={"description": "95 % CI"})
    n = fields.Integer(required=True)


def _estimate() -> fields.Nested:
    return fields.Nested(EstimateSchema, allow_none=True, required=True)


class FeatureScoreSchema(Schema):
    key = fields.String(required=True)
    category = fields.String(allow_none=True, required=True)
    better = _estimate()
    worse = _estimate()
    n = fields.Integer(required=True)


class ScoresSchema(Schema):
    responses = fields.Integer(required=True, metadata={"description": "Customer responses."})
    csat = _estimate()
    nps = _estimate()
    ces = _estimate()
    contacts = _estimate()
    checklist = _estimate()
    index = fields.Float(allow_none=True, required=True)
    features = fields.List(fields.Nested(FeatureScoreSchema), required=True)


class UnitSchema(Schema):
    location_id = fields.Integer(required=True)
    name = fields.String(required=True)
    code = fields.String(required=True)
    region_id = fields.Integer(allow_none=True, required=True)
    rank = fields.Integer(allow_none=True, required=True)
    small_sample = fields.Boolean(required=True)
    scores = fields.Nested(ScoresSchema, required=True)


class RankingSchema(Schema):
    project_id = fields.Integer(required=True)
    wave_id = fields.Integer(allow_none=True, required=True)
    metric = fields.String(required=True)
    min_n = fields.Integer(required=True)
    ranked_branches = fields.Integer(required=True)
    branches = fields.List(fields.Nested(UnitSchema), required=True)
    regions = fields.List(fields.Nested(UnitSchema), required=True)
    client = fields.Nested(ScoresSchema, required=True)


class CardWaveSchema(Schema):
    wave_id = fields.Integer(required=True)
    label = fields.String(required=True)
    rank = fields.Integer(allow_none=True, required=True)
    ranked = fields.Integer(required=True)
    location = fields.Nested(ScoresSchema, required=True)
    region = fields.Nested(ScoresSchema, allow_none=True, required=True)
    client = fields.Nested(ScoresSchema, required=True)


class ReportCardSchema(Schema):
    location_id = fields.Integer(required=True)
    region_id = fields.Integer(allow_none=True, required=True)
    metric = fields.String(required=True)
    min_n = fields.Integer(required=True)
    waves = fields.List(fields.Nested(CardWaveSchema), required=True)


class RegionCardWaveSchema(Schema):
    wave_id = fields.Integer(required=True)
    label = fields.String(required=True)
    rank = fields.Integer(
        allow_none=True, required=True, metadata={"description": "Among the client's regions."}
    )
    ranked = fields.Integer(required=True, metadata={"description": "Regions holding a rank."})
    region = fields.Nested(ScoresSchema, required=True)
    client = fields.Nested(ScoresSchema, required=True)


class RegionCardSchema(Schema):
    region_id = fields.Integer(required=True)
    name = fields.String(required=True)
    metric = fields.String(required=True)
    min_n = fields.Integer(required=True)
    waves = fields.List(fields.Nested(RegionCardWaveSchema), required=True)
    branches_wave_id = fields.Integer(
        allow_none=True,
        required=True,
        metadata={"description": "The wave of the branches' scores: the card's newest."},
    )
    ranked_branches = fields.Integer(
        required=True, metadata={"description": "The client's branches holding a rank then."}
    )
    branches = fields.List(
        fields.Nested(UnitSchema),
        required=True,
        metadata={"description": "Ranked among all the client's branches by the metric."},
    )


class RankingQuerySchema(Schema):
    wave_id = fields.Integer(
        validate=validate.Range(min=1, max=MAX_ID),
        metadata={"description": "Defaults to the newest wave with answers."},
    )
    metric = fields.String(load_default="index", validate=validate.OneOf(tuple(METRICS)))
    instrument_id = fields.Integer(
        validate=validate.Range(min=1, max=MAX_ID),
        metadata={
            "description": "The Kano questionnaire whose features are scored; defaults to the "
            "project's first."
        },
    )


class CardQuerySchema(Schema):
    metric = fields.String(load_default="index", validate=validate.OneOf(tuple(METRICS)))
