"""Webhook subscriptions through the API, and the event payloads in the OpenAPI document."""

from __future__ import annotations

import json

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import WebhookDelivery
from surveyor.services.webhooks.events import EVENT_KINDS


def _consultant_project(make):
    client = make.client()
    project = make.project(client)
    return project, client, make.user("consultant", clients=(client,))


def test_a_consultant_subscribes_and_gets_the_secret_once(make, api_as):
    project, _client, consultant = _consultant_project(make)
    api = api_as(consultant)
    created = api.post(
        f"/projects/{project.id}/webhooks",
        json={"name": "CRM", "url": "https://8.8.8.8/in", "events": ["response.stored"]},
    )
    assert created.status_code == 201
    assert created.json["secret"].startswith("whsec_") and created.json["active"] is True
    [listed] = api.get(f"/projects/{project.id}/webhooks").json["items"]
    assert listed["url"] == "https://8.8.8.8/in" and "secret" not in listed


def test_bad_targets_and_events_name_the_field(make, api_as):
    project, _client, consultant = _consultant_project(make)
    api = api_as(consultant)
    private = api.post(
        f"/projects/{project.id}/webhooks",
        json={"url": "https://192.168.1.5/in", "events": ["wave.opened"]},
    )
    assert private.status_code == 422 and "192.168.1.5" in private.json["errors"]["url"][0]
    unknown = api.post(
        f"/projects/{project.id}/webhooks",
        json={"url": "https://8.8.8.8/in", "events": ["everything"]},
    )
    assert unknown.status_code == 422 and "events" in str(unknown.json["errors"])


def test_viewers_may_not_list_webhooks(make, api_as):
    project, client, _consultant = _consultant_project(make)
    viewer = make.user("viewer", clients=(client,))
    assert api_as(viewer).get(f"/projects/{project.id}/webhooks").status_code == 403


def test_the_openapi_document_describes_every_event(client):
    schemas = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    event = schemas["WebhookEvent"]
    assert event["properties"]["event"]["enum"] == list(EVENT_KINDS)
    assert "Surveyor-Signature" in event["description"]
    assert set(schemas["DriftData"]["required"]) >= {"feature_key", "category_after"}


def test_waves_opened_and_closed_through_the_api_are_told(make, api_as, app):
    project, _client, consultant = _consultant_project(make)
    api = api_as(consultant)
    api.post(
        f"/projects/{project.id}/webhooks",
        json={"url": "https://8.8.8.8/in", "events": ["wave.opened", "wave.closed"]},
    )
    wave = api.post(
        f"/projects/{project.id}/waves", json={"sequence": 0, "label": "B", "status": "open"}
    ).json
    api.patch(f"/waves/{wave['id']}", json={"label": "Baseline"})
    api.patch(f"/waves/{wave['id']}", json={"status": "closed"})
    with app.app_context():
        bodies = db.session.scalars(select(WebhookDelivery.body).order_by(WebhookDelivery.id))
        told = [(e["event"], e["data"]["wave_id"]) for e in map(json.loads, bodies)]
    assert told == [("wave.opened", wave["id"]), ("wave.closed", wave["id"])]


def test_a_consultant_rotates_the_secret_through_the_api(make, api_as):
    project, client, consultant = _consultant_project(make)
    api = api_as(consultant)
    created = api.post(
        f"/projects/{project.id}/webhooks",
        json={"url": "https://8.8.8.8/in", "events": ["wave.opened"]},
    ).json
    path = f"/projects/{project.id}/webhooks/{created['id']}/rotate-secret"
    rotated = api.post(path)
    assert rotated.status_code == 200
    assert rotated.json["secret"].startswith("whsec_")
    assert rotated.json["secret"] != created["secret"]
    assert rotated.json["previous_secret_until"] is not None
    [listed] = api.get(f"/projects/{project.id}/webhooks").json["items"]
    assert "secret" not in listed and listed["rotated_at"] is not None
    ended = api.post(f"{path}?end_previous=true")
    assert ended.status_code == 200 and ended.json["previous_secret_until"] is None
    assert api.post(f"{path}?end_previous=maybe").status_code == 422
    viewer = api_as(make.user("viewer", clients=(client,)))
    assert viewer.post(path).status_code == 403
    stranger = api_as(make.user("consultant", clients=(make.client(),)))
    assert stranger.post(path).status_code == 404
    missing = f"/projects/{project.id}/webhooks/999999/rotate-secret"
    assert api.post(missing).status_code == 404
