"""Recording what happened in a project for its webhook subscriptions: a transactional outbox.

:func:`record` is called *inside* the business transaction (a response stored, a shop approved,
a wave opened) and only inserts one delivery row per subscription that wants the event. The row
is committed with the change or rolled back with it, so a receiver never hears of a change that
did not happen and never misses one that did; nothing here talks to the network, so a receiver
that is down or slow cannot block or fail the change. The worker POSTs the rows afterwards
(:mod:`surveyor.services.webhooks.delivery`).

Events are thin: ids and states, no answers or personal data. A receiver that needs more reads
it through the API with a token, whose permissions then apply.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import insert, select

from surveyor.extensions import db
from surveyor.models import WebhookDelivery, WebhookSubscription
from surveyor.models.base import utcnow

EVENT_KINDS = (
    "response.stored",
    "shop.approved",
    "case.opened",
    "case.closed",
    "wave.opened",
    "wave.closed",
    "drift.detected",
)
DELIVERY_PREFIX = "dlv_"


def record(project_id: int, kind: str, payload: dict[str, Any]) -> None:
    """Queue ``kind`` with ``payload`` for every subscription of the project that wants it.

    Paused subscriptions get the event too: it is delivered once they are resumed, so pausing
    (by hand or after failures) loses nothing. The caller commits.
    """
    wanted = subscribers(project_id, kind)
    if not wanted:
        return
    now = utcnow()
    rows = []
    for subscription_id in wanted:
        delivery_id = DELIVERY_PREFIX + uuid.uuid4().hex
        body = envelope(delivery_id, kind, project_id, payload, now)
        rows.append(
            {
                "subscription_id": subscription_id,
                "delivery_id": delivery_id,
                "event": kind,
                "body": body,
                "status": "pending",
                "attempts": 0,
                "created_at": now,
            }
        )
    db.session.execute(insert(WebhookDelivery.__table__), rows)


def subscribers(project_id: int, kind: str) -> list[int]:
    """Ids of the project's subscriptions to ``kind``; an event nobody wants costs one SELECT.

    Also lets a caller skip computing an expensive payload (drift) that nobody subscribed to.
    """
    if kind not in EVENT_KINDS:
        raise ValueError(f"unknown event kind {kind!r}; known: {', '.join(EVENT_KINDS)}")
    return [
        subscription_id
        for subscription_id, kinds in db.session.execute(
            select(WebhookSubscription.id, WebhookSubscription.events).where(
                WebhookSubscription.project_id == project_id
            )
        )
        if kind in (kinds or ())
    ]


def envelope(delivery_id: str, kind: str, project_id: int, payload: dict, now) -> str:
    """The JSON body as it is sent and signed (documented as ``WebhookEvent`` in OpenAPI)."""
    return json.dumps(
        {
            "delivery_id": delivery_id,
            "event": kind,
            "occurred_at": now.isoformat(timespec="seconds"),
            "project_id": project_id,
            "data": payload,
        },
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
