"""Consultants manage a project's webhooks in the workspace: secret once, state, delivery log."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import WebhookDelivery, WebhookSubscription
from surveyor.models.base import utcnow
from surveyor.services.webhooks import delivery


def _consultant_of_project(make, auth):
    client = make.client()
    project = make.project(client)
    auth.login(make.user("consultant", clients=(client,)))
    return project


def test_consultant_creates_a_webhook_and_sees_its_secret_once(client, auth, make, app):
    project = _consultant_of_project(make, auth)
    created = client.post(
        f"/projects/{project.id}/webhooks/",
        data={"name": "CRM", "url": "https://203.0.113.9/in", "events": ["wave.opened"]},
    )
    # 203.0.113.0/24 is a documentation range, so not global: refused like a private one
    assert created.status_code == 422
    assert "203.0.113.9 is an address in a private" in created.get_data(as_text=True)
    created = client.post(
        f"/projects/{project.id}/webhooks/",
        data={
            "name": "CRM",
            "url": "https://8.8.8.8/in",
            "events": ["wave.opened", "shop.approved"],
        },
    )
    assert created.status_code == 201
    assert created.headers["Cache-Control"] == "no-store"
    with app.app_context():
        secret = db.session.scalar(select(WebhookSubscription.secret))
    assert secret in created.get_data(as_text=True)
    listing = client.get(f"/projects/{project.id}/webhooks/").get_data(as_text=True)
    assert "https://8.8.8.8/in" in listing and "Mystery shop approved" in listing
    assert secret not in listing


def test_bad_input_gets_a_message_on_the_form(client, auth, make):
    project = _consultant_of_project(make, auth)
    answer = client.post(
        f"/projects/{project.id}/webhooks/", data={"url": "http://8.8.8.8/in", "events": []}
    )
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert "Choose at least one event." in page
    answer = client.post(
        f"/projects/{project.id}/webhooks/",
        data={"url": "http://8.8.8.8/in", "events": ["wave.opened"]},
    )
    assert "https only" in answer.get_data(as_text=True)


def test_viewers_and_other_tenants_do_not_reach_webhooks(client, auth, make):
    client_a = make.client()
    project = make.project(client_a)
    auth.login(make.user("viewer", clients=(client_a,)))
    assert client.get(f"/projects/{project.id}/webhooks/").status_code == 403
    auth.login(make.user("consultant", clients=(make.client(),)))
    assert client.get(f"/projects/{project.id}/webhooks/").status_code == 404


def test_a_paused_webhook_shows_why_and_resumes(client, auth, make, app, receiver, monkeypatch):
    monkeypatch.setitem(app.config, "WEBHOOKS_ALLOW_LOCAL_TARGETS", True)
    receiver.failures = 10_000
    project = _consultant_of_project(make, auth)
    client.post(
        f"/projects/{project.id}/webhooks/",
        data={"name": "Teams", "url": receiver.url, "events": ["wave.opened"]},
    )
    wave = make.wave(project, status="planned")
    client.post(f"/waves/{wave.id}/open")
    now = utcnow()
    with app.app_context():
        subscription_id = db.session.scalar(select(WebhookSubscription.id))
        for attempt in range(delivery.PAUSE_AFTER):
            delivery.deliver_due(now + timedelta(hours=7 * attempt))
    page = client.get(f"/projects/{project.id}/webhooks/{subscription_id}")
    text = page.get_data(as_text=True)
    assert "Paused automatically: the receiver failed too many deliveries in a row." in text
    assert "HTTP 500 Internal Server Error" in text and "Wave opened" in text

    receiver.failures = 0
    client.post(f"/projects/{project.id}/webhooks/{subscription_id}/resume")
    with app.app_context():
        assert delivery.deliver_due(utcnow()) == 1
    text = client.get(f"/projects/{project.id}/webhooks/{subscription_id}").get_data(as_text=True)
    assert "delivered" in text and "Paused" not in text
    assert len(receiver.accepted) == 1
    listing = client.get(f"/projects/{project.id}/webhooks/").get_data(as_text=True)
    assert "<td>1</td>\n            <td>0</td>" in listing  # delivered, waiting (GROUP BY)


def test_deleting_a_webhook_removes_its_log(client, auth, make, app):
    project = _consultant_of_project(make, auth)
    client.post(
        f"/projects/{project.id}/webhooks/",
        data={"url": "https://8.8.8.8/in", "events": ["wave.opened"]},
    )
    wave = make.wave(project, status="planned")
    client.post(f"/waves/{wave.id}/open")
    with app.app_context():
        subscription_id = db.session.scalar(select(WebhookSubscription.id))
        assert db.session.scalar(select(func.count()).select_from(WebhookDelivery)) == 1
    answer = client.post(f"/projects/{project.id}/webhooks/{subscription_id}/delete")
    assert answer.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(WebhookSubscription)) == 0
        assert db.session.scalar(select(func.count()).select_from(WebhookDelivery)) == 0
    assert client.get(f"/projects/{project.id}/webhooks/{subscription_id}").status_code == 404
