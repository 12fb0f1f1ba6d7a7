"""A pilot measure's effect as the API sends it, and the body that chooses its pilots."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from surveyor.api.schemas.trends import Number


class MeansSchema(Schema):
    pilot_before = Number()
    pilot_after = Number()
    others_before = Number()
    others_after = Number()


class DidSchema(Schema):
    estimate = Number()
    se = Number()
    df = Number()
    low = Number()
    high = Number()
    p_value = Number()
    level = Number()
    method = fields.String(
        required=True,
        metadata={"description": "'welch', or 'pooled' when one side has a single location."},
    )


class MetricEffectSchema(Schema):
    metric = fields.String(required=True)
    label = fields.String(required=True)
    pilot_locations = fields.Integer(required=True)
    other_locations = fields.Integer(required=True)
    means = fields.Nested(MeansSchema, required=True)
    result = fields.Nested(
        DidSchema,
        allow_none=True,
        required=True,
        metadata={"description": "Null where no effect can be estimated; 'problem' says why."},
    )
    problem = fields.String(required=True)
    sentence_en = fields.Function(
        lambda effect: effect.sentence("en"), required=True, metadata={"type": "string"}
    )
    sentence_de = fields.Function(
        lambda effect: effect.sentence("de"), required=True, metadata={"type": "string"}
    )


class PilotReportSchema(Schema):
    measure_id = fields.Integer(attribute="measure.id", required=True)
    go_live = fields.Date(attribute="measure.go_live", allow_none=True, required=True)
    pilot_location_ids = fields.Function(
        lambda report: [location.id for location in report.measure.pilot_locations],
        required=True,
        metadata={"type": "array", "items": {"type": "integer"}},
    )
    problem = fields.String(
        required=True, metadata={"description": "Why nothing can be estimated; else empty."}
    )
    method = fields.String(required=True)
    waves_before = fields.Integer(required=True)
    waves_after = fields.Integer(required=True)
    effects = fields.List(fields.Nested(MetricEffectSchema), required=True)
    pretrends = fields.List(
        fields.Nested(MetricEffectSchema),
        required=True,
        metadata={
            "description": "The same estimate between the first and the last wave before "
            "go-live (a placebo); an interval without zero casts doubt on parallel trends."
        },
    )
    pretrend_findings = fields.List(fields.String(), required=True)


class PilotLocationsSchema(Schema):
    location_ids = fields.List(
        fields.Integer(validate=validate.Range(min=1, max=2**31 - 1)),
        required=True,
        validate=validate.Length(max=1000),
        metadata={"description": "Own branches of the measure's project; [] ends the pilot."},
    )
