"""A touchpoint's trend over waves as the API sends it: series with intervals and tests."""

from __future__ import annotations

import math

from marshmallow import Schema, fields, validate


class Number(fields.Float):
    """A float that is sent as null when it is not finite (JSON has no NaN or Infinity)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(allow_none=True, required=True, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None or not math.isfinite(value):
            return None
        return super()._serialize(value, attr, obj, **kwargs)


class IntervalSchema(Schema):
    low = Number()
    high = Number()


class TestResultSchema(Schema):
    method = fields.String(required=True)
    statistic = Number()
    p_value = Number()
    df = Number()
    significant = fields.Boolean(required=True)


class PointSchema(Schema):
    wave_id = fields.Integer(required=True)
    n = fields.Integer(required=True)
    value = Number()
    interval = fields.Nested(IntervalSchema, allow_none=True, required=True)
    previous = fields.Nested(
        TestResultSchema,
        allow_none=True,
        required=True,
        metadata={"description": "Test of the change from the previous wave."},
    )
    baseline = fields.Nested(
        TestResultSchema,
        allow_none=True,
        required=True,
        metadata={"description": "Test of the change from the baseline."},
    )
    change_previous = Number()
    change_baseline = Number()


class SeriesSchema(Schema):
    name = fields.String(required=True)
    scale = fields.String(required=True, metadata={"enum": ["percent", "mean", "nps"]})
    method = fields.String(required=True)
    points = fields.List(fields.Nested(PointSchema), required=True)


class DriftSchema(Schema):
    before = fields.String(allow_none=True, required=True)
    after = fields.String(allow_none=True, required=True)
    moved = fields.Boolean(required=True)
    significant = fields.Boolean(required=True)
    test = fields.Nested(TestResultSchema, allow_none=True, required=True)


class KanoCellSchema(Schema):
    wave_id = fields.Integer(required=True)
    n = fields.Integer(required=True)
    category = fields.String(allow_none=True, required=True)
    better = Number()
    worse = Number()
    previous = fields.Nested(DriftSchema, allow_none=True, required=True)
    baseline = fields.Nested(DriftSchema, allow_none=True, required=True)


class FeatureTrendSchema(Schema):
    instrument = fields.String(required=True)
    key = fields.String(required=True)
    text = fields.String(required=True)
    cells = fields.List(fields.Nested(KanoCellSchema), required=True)


class TrendWaveSchema(Schema):
    id = fields.Integer(required=True)
    sequence = fields.Integer(required=True)
    label = fields.String(required=True)


class TouchpointTrendSchema(Schema):
    touchpoint_id = fields.Integer(required=True, attribute="touchpoint.id")
    waves = fields.List(fields.Nested(TrendWaveSchema), required=True)
    features = fields.List(fields.Nested(FeatureTrendSchema), required=True)
    checklist = fields.List(fields.Nested(SeriesSchema), required=True)
    scales = fields.List(fields.Nested(SeriesSchema), required=True)
    index = fields.Nested(SeriesSchema, required=True)
    project_index = fields.Nested(SeriesSchema, required=True)


class TrendQuerySchema(Schema):
    locale = fields.String(load_default="en", validate=validate.OneOf(("en", "de")))
