"""Improvement measures as the API reads and writes them (the fields of the workspace form)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from surveyor.api.schemas.fields import Timestamp, list_of, text
from surveyor.models.measures import MEASURE_CLUSTERS, MEASURE_STATUSES

GO_LIVE = (
    "The day the measure went live: the before/after split of trends and of the pilot's "
    "difference in differences."
)


class MeasureSchema(Schema):
    id = fields.Integer(dump_only=True, required=True)
    touchpoint_id = fields.Integer(dump_only=True, required=True)
    title = text(200, required=True)
    title_de = text(200, load_default="")
    description = text(5000, load_default="")
    cluster = fields.String(load_default="operational", validate=validate.OneOf(MEASURE_CLUSTERS))
    owner = text(120, load_default="")
    due_date = fields.Date(allow_none=True, load_default=None)
    go_live = fields.Date(allow_none=True, load_default=None, metadata={"description": GO_LIVE})
    status = fields.String(load_default="planned", validate=validate.OneOf(MEASURE_STATUSES))
    pilot_location_ids = fields.Function(
        lambda measure: [location.id for location in measure.pilot_locations],
        dump_only=True,
        required=True,
        metadata={
            "type": "array",
            "items": {"type": "integer"},
            "description": "Set with PUT /measures/{measure_id}/pilot.",
        },
    )
    created_at = Timestamp(dump_only=True, required=True)


class MeasureChangeSchema(Schema):
    """A partial update: only the fields sent are changed."""

    title = text(200, nonblank=True)
    title_de = text(200)
    description = text(5000)
    cluster = fields.String(validate=validate.OneOf(MEASURE_CLUSTERS))
    owner = text(120)
    due_date = fields.Date(allow_none=True)
    go_live = fields.Date(allow_none=True, metadata={"description": GO_LIVE})
    status = fields.String(validate=validate.OneOf(MEASURE_STATUSES))


MEASURE_LIST = list_of(MeasureSchema, "MeasureList")
