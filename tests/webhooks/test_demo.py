"""The demo shows a webhook subscription, paused, with the closed waves' events in its log."""

from __future__ import annotations

import json

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import WebhookDelivery, WebhookSubscription
from surveyor.models.base import utcnow
from surveyor.services.webhooks import delivery


def test_the_demo_has_a_paused_webhook_with_a_delivery_log(runner, app):
    result = runner.invoke(args=["demo", "--responses", "400", "--no-serve"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        subscription = db.session.scalar(select(WebhookSubscription))
        assert subscription.url.startswith("https://hooks.example.com/")
        assert (subscription.active, subscription.pause_reason) == (False, "consultant")
        bodies = db.session.scalars(select(WebhookDelivery.body)).all()
        events = [json.loads(body) for body in bodies]
        assert [e["event"] for e in events].count("wave.closed") == 2
        drifts = [e["data"] for e in events if e["event"] == "drift.detected"]
        assert ("callback", "A", "O") in {
            (d["feature_key"], d["category_before"], d["category_after"]) for d in drifts
        }
        assert delivery.deliver_due(utcnow()) == 0  # paused: a worker on the demo sends nothing
