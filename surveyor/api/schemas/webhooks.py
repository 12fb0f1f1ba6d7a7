"""Webhook subscriptions as the API reads and writes them, and the JSON of the events sent.

The event schemas document what a receiver gets (``WebhookEvent`` and one ``data`` schema per
kind); they are the contract of :func:`surveyor.services.webhooks.events.record`'s callers.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from surveyor.api.schemas.fields import Timestamp, list_of, text
from surveyor.models.webhooks import PAUSE_REASONS
from surveyor.services.webhooks.events import EVENT_KINDS


class WebhookSubscriptionSchema(Schema):
    id = fields.Integer(dump_only=True, required=True)
    project_id = fields.Integer(dump_only=True, required=True)
    name = text(80, load_default="")
    url = text(2000, required=True, metadata={"example": "https://crm.example.com/surveyor"})
    events = fields.List(
        fields.String(validate=validate.OneOf(EVENT_KINDS)),
        required=True,
        validate=validate.Length(min=1, max=len(EVENT_KINDS)),
    )
    active = fields.Boolean(dump_only=True, required=True)
    pause_reason = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={"enum": list(PAUSE_REASONS), "description": "Why it is paused, if it is."},
    )
    last_error = fields.String(dump_only=True, allow_none=True)
    rotated_at = Timestamp(
        dump_only=True,
        allow_none=True,
        metadata={"description": "When the signing secret was last rotated, if ever."},
    )
    previous_secret_until = Timestamp(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "After a rotation: until when deliveries also carry a signature "
            "under the previous secret (a second v1 entry)."
        },
    )
    created_at = Timestamp(dump_only=True, required=True)


class WebhookSubscriptionCreatedSchema(WebhookSubscriptionSchema):
    secret = fields.String(
        dump_only=True,
        required=True,
        metadata={"description": "The signing secret; returned only in this answer."},
    )


class RotateSecretQuery(Schema):
    end_previous = fields.Boolean(
        load_default=False,
        metadata={
            "description": "true: the previous secret stops signing at once (it leaked); "
            "false: it keeps signing next to the new one for 24 hours."
        },
    )


SUBSCRIPTION_LIST = list_of(WebhookSubscriptionSchema, "WebhookSubscriptionList")


class ResponseStoredData(Schema):
    response_id = fields.Integer(required=True)
    wave_id = fields.Integer(required=True)
    instrument_id = fields.Integer(required=True)
    version_id = fields.Integer(required=True)
    respondent_group = fields.String(required=True, metadata={"example": "customer"})


class ShopApprovedData(Schema):
    assignment_id = fields.Integer(required=True)
    response_id = fields.Integer(required=True)
    wave_id = fields.Integer(required=True)
    location_id = fields.Integer(required=True)
    instrument_id = fields.Integer(required=True)
    score_percent = fields.Float(allow_none=True, required=True)
    critical_failures = fields.Integer(required=True)


class WaveData(Schema):
    wave_id = fields.Integer(required=True)
    sequence = fields.Integer(required=True)
    label = fields.String(required=True)
    status = fields.String(required=True, metadata={"enum": ["open", "closed"]})
    opens_at = fields.String(allow_none=True, required=True, metadata={"format": "date-time"})
    closes_at = fields.String(allow_none=True, required=True, metadata={"format": "date-time"})
    plan_id = fields.Integer(allow_none=True, required=True)


class DriftData(Schema):
    wave_id = fields.Integer(required=True)
    touchpoint_id = fields.Integer(required=True)
    instrument = fields.String(required=True)
    feature_key = fields.String(required=True)
    feature = fields.String(required=True)
    since = fields.String(required=True, metadata={"enum": ["previous", "baseline"]})
    category_before = fields.String(required=True, metadata={"example": "A"})
    category_after = fields.String(required=True, metadata={"example": "O"})
    p_value = fields.Float(allow_none=True, required=True)


EVENT_DATA: dict[str, type[Schema] | None] = {
    "response.stored": ResponseStoredData,
    "shop.approved": ShopApprovedData,
    "case.opened": None,
    "case.closed": None,
    "wave.opened": WaveData,
    "wave.closed": WaveData,
    "drift.detected": DriftData,
}
"""The ``data`` of each event kind; ``None``: documented by the follow-up cases feature."""
