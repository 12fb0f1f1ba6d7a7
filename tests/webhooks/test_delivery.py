"""The worker delivers each committed event to its receiver, signed, exactly once per id.

A receiver that fails or is down never blocks a submission and never loses an event: the event
waits with back-off, and the subscription is paused with its reason when failures go on.
"""

from __future__ import annotations

import json
import re
import socket
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Response, WebhookDelivery, WebhookSubscription
from surveyor.models.base import utcnow
from surveyor.services.webhooks import delivery, sending, signing

pytestmark = pytest.mark.usefixtures("local_targets")


def _token(page: bytes) -> str:
    return re.search(rb'name="form_token" value="([^"]+)"', page).group(1).decode()


def _answer_survey(client, link) -> None:
    url = f"/s/{link.token}"
    data = {"form_token": _token(client.get(url).data)}
    for number in (1, 2, 3):
        data[f"f-f{number}"], data[f"d-f{number}"] = "1", "5"
    assert client.post(url, data=data).status_code == 303


def _run_worker(app, now) -> int:
    with app.app_context():
        try:
            return delivery.deliver_due(now)
        finally:
            db.session.remove()


def _deliveries(app) -> list[WebhookDelivery]:
    with app.app_context():
        rows = db.session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id)).all()
        db.session.expunge_all()
        return rows


def _subscription(app, subscription_id) -> WebhookSubscription:
    with app.app_context():
        found = db.session.get(WebhookSubscription, subscription_id)
        db.session.expunge(found)
        return found


def test_failing_receiver_gets_each_event_exactly_once_with_a_valid_signature(
    app, client, make, receiver, subscribe
):
    receiver.failures = 2
    _instrument, wave, link = make.open_survey()
    _id, secret = subscribe(wave.project_id, receiver.url)
    _answer_survey(client, link)
    _answer_survey(make.app.test_client(), link)

    now = utcnow()
    for minutes in (0, 2, 10, 60, 600):  # past every back-off
        _run_worker(app, now + timedelta(minutes=minutes))

    assert [r.status for r in receiver.requests] == [500, 500, 200, 200]
    assert len(receiver.accepted) == 2
    with app.app_context():
        response_ids = set(db.session.scalars(select(Response.id)))
    events = [json.loads(r.body) for r in receiver.accepted.values()]
    assert {e["data"]["response_id"] for e in events} == response_ids
    for delivery_id, received in receiver.accepted.items():
        body = json.loads(received.body)
        assert body["delivery_id"] == delivery_id and body["event"] == "response.stored"
        assert received.headers["Surveyor-Event"] == "response.stored"
        assert signing.verify(
            secret, received.headers["Surveyor-Signature"], received.body, int(time.time())
        )
        assert not signing.verify(
            "whsec_other", received.headers["Surveyor-Signature"], received.body, int(time.time())
        )
    retried = [r.headers["Surveyor-Delivery"] for r in receiver.requests]
    assert set(retried) == set(receiver.accepted)  # retries carried the same delivery id
    stored = _deliveries(app)
    assert [d.status for d in stored] == ["delivered", "delivered"]
    assert [d.attempts for d in stored] == [2, 2]  # each failed once (first two requests)


def test_a_signature_from_the_past_is_refused_as_a_replay():
    header = signing.header("whsec_key", 1_000_000, '{"a":1}')
    assert signing.verify("whsec_key", header, '{"a":1}', 1_000_100)
    assert not signing.verify("whsec_key", header, '{"a":1}', 1_000_000 + 301)
    assert not signing.verify("whsec_key", header, '{"a":2}', 1_000_100)


def test_a_slow_receiver_times_out_and_the_retry_keeps_the_delivery_id(
    app, client, make, receiver, subscribe, monkeypatch
):
    monkeypatch.setattr(sending, "TIMEOUT_SECONDS", 0.3)
    receiver.delay = 0.8
    _instrument, wave, link = make.open_survey()
    subscribe(wave.project_id, receiver.url)
    _answer_survey(client, link)
    now = utcnow()
    assert _run_worker(app, now) == 0
    [waiting] = _deliveries(app)
    assert waiting.status == "pending" and "timed out" in waiting.last_error
    receiver.delay = 0
    assert _run_worker(app, now + timedelta(minutes=2)) == 1
    time.sleep(1)  # the first, abandoned request reaches the receiver late
    ids = {r.headers["Surveyor-Delivery"] for r in receiver.requests}
    assert ids == {waiting.delivery_id} and len(receiver.accepted) == 1


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_submission_succeeds_while_the_receiver_is_down(app, client, make, subscribe):
    _instrument, wave, link = make.open_survey()
    subscribe(wave.project_id, f"http://127.0.0.1:{_closed_port()}/down")
    _answer_survey(client, link)
    assert _run_worker(app, utcnow()) == 0
    with app.app_context():
        assert len(db.session.scalars(select(Response)).all()) == 1
    [waiting] = _deliveries(app)
    assert waiting.status == "pending" and waiting.attempts == 1
    assert "Connection refused" in waiting.last_error or "Refused" in waiting.last_error


def test_a_subscription_that_keeps_failing_is_paused_and_its_events_wait(
    app, client, make, receiver, subscribe
):
    receiver.failures = 10_000
    _instrument, wave, link = make.open_survey()
    subscription_id, _secret = subscribe(wave.project_id, receiver.url)
    _answer_survey(client, link)
    now = utcnow()
    for attempt in range(delivery.PAUSE_AFTER + 3):
        _run_worker(app, now + timedelta(hours=7 * attempt))
    assert len(receiver.requests) == delivery.PAUSE_AFTER
    paused = _subscription(app, subscription_id)
    assert (paused.active, paused.pause_reason) == (False, "failing")
    assert paused.last_error == "HTTP 500 Internal Server Error"
    [waiting] = _deliveries(app)
    assert waiting.status == "pending"  # not given up: resuming delivers it

    _answer_survey(make.app.test_client(), link)  # events are still recorded while paused
    assert len(_deliveries(app)) == 2


def test_no_event_without_a_commit_and_none_for_unsubscribed_kinds(app, client, make, subscribe):
    _instrument, wave, link = make.open_survey()
    subscribe(wave.project_id, "http://127.0.0.1:9/", events=("wave.closed",))
    _answer_survey(client, link)
    assert _deliveries(app) == []
