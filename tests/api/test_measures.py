"""An integration plans a pilot through the API: the measure with its go-live, then its pilots."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Measure


def _touchpoint(make):
    client = make.client()
    project = make.project(client)
    touchpoint = make.touchpoint(project, channel="store")
    return touchpoint, project, make.user("consultant", clients=(client,)), client


def test_a_consultant_creates_lists_changes_and_deletes_a_measure(make, api_as):
    touchpoint, _project, consultant, _client = _touchpoint(make)
    api = api_as(consultant)
    created = api.post(
        f"/touchpoints/{touchpoint.id}/measures",
        json={"title": "Greet at the door", "cluster": "training", "go_live": "2026-05-01"},
    )
    assert created.status_code == 201, created.json
    measure = created.json
    assert measure["go_live"] == "2026-05-01"
    assert measure["status"] == "planned" and measure["pilot_location_ids"] == []
    listed = api.get(f"/touchpoints/{touchpoint.id}/measures").json["items"]
    assert [item["id"] for item in listed] == [measure["id"]]
    changed = api.patch(f"/measures/{measure['id']}", json={"status": "live", "owner": "Ann"})
    assert changed.status_code == 200, changed.json
    assert (changed.json["status"], changed.json["owner"]) == ("live", "Ann")
    assert changed.json["title"] == "Greet at the door"
    assert api.get(f"/measures/{measure['id']}").json["go_live"] == "2026-05-01"
    assert api.delete(f"/measures/{measure['id']}").status_code == 204
    assert api.get(f"/measures/{measure['id']}").status_code == 404


def test_measure_input_is_checked_and_nothing_is_stored(make, api_as, app):
    touchpoint, _project, consultant, client = _touchpoint(make)
    api = api_as(consultant)
    bad = api.post(
        f"/touchpoints/{touchpoint.id}/measures",
        json={"title": " ", "cluster": "magic", "go_live": "1 May"},
    )
    assert bad.status_code == 422
    assert {"title", "cluster", "go_live"} <= set(bad.json["errors"])
    other, *_ = _touchpoint(make)
    assert api.post(f"/touchpoints/{other.id}/measures", json={"title": "x"}).status_code == 404
    viewer = api_as(make.user("viewer", clients=(client,)))
    refused = viewer.post(f"/touchpoints/{touchpoint.id}/measures", json={"title": "x"})
    assert refused.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Measure)) == 0


def test_a_pilot_is_planned_end_to_end_and_bad_pilots_say_why(make, api_as):
    touchpoint, project, consultant, _client = _touchpoint(make)
    make.wave(project, 0, opens_at=datetime(2026, 6, 10, tzinfo=UTC))
    only = make.location(project, name="Only branch")
    api = api_as(consultant)
    measure = api.post(
        f"/touchpoints/{touchpoint.id}/measures",
        json={"title": "Pilot", "go_live": "2026-05-01"},
    ).json
    chosen = api.put(f"/measures/{measure['id']}/pilot", json={"location_ids": [only.id]})
    assert chosen.status_code == 200, chosen.json
    assert chosen.json["problem"].startswith("No comparison locations")
    assert chosen.json["effects"] == []
    make.location(project, name="Second branch")
    report = api.get(f"/measures/{measure['id']}/pilot").json
    assert report["problem"].startswith("No data before go-live")
    assert report["effects"] == []
