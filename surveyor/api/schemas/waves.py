"""Measurement waves as the API reads and writes them."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from surveyor.api.schemas.fields import Timestamp, list_of, text
from surveyor.models.base import as_utc
from surveyor.models.waves import WAVE_STATUSES


class WaveSchema(Schema):
    id = fields.Integer(dump_only=True, required=True)
    project_id = fields.Integer(dump_only=True, required=True)
    sequence = fields.Integer(
        strict=True, required=True, validate=validate.Range(min=0, max=10_000)
    )
    label = text(120, required=True)
    opens_at = Timestamp(allow_none=True, load_default=None)
    closes_at = Timestamp(allow_none=True, load_default=None)
    status = fields.String(load_default="planned", validate=validate.OneOf(WAVE_STATUSES))
    is_baseline = fields.Boolean(dump_only=True, required=True)
    created_at = Timestamp(dump_only=True, required=True)

    @validates_schema
    def _period(self, data: dict, **kwargs) -> None:
        check_period(data.get("opens_at"), data.get("closes_at"))


class WaveChangeSchema(Schema):
    """A partial update: only the fields sent are changed."""

    label = text(120, nonblank=True)
    opens_at = Timestamp(allow_none=True)
    closes_at = Timestamp(allow_none=True)
    status = fields.String(validate=validate.OneOf(WAVE_STATUSES))


def check_period(opens_at, closes_at) -> None:
    if opens_at and closes_at and as_utc(closes_at) <= as_utc(opens_at):
        raise ValidationError("Must be after opens_at.", field_name="closes_at")


WAVE_LIST = list_of(WaveSchema, "WaveList")
