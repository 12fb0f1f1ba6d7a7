"""Clients, projects, touchpoints and locations through the API, with the UI's tenancy."""

import pytest
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Phase


@pytest.fixture
def tenant(make):
    """A consultant's client with a project, and another client they must not see."""
    own = make.client("Stadtwerke")
    project = make.project(own, "Kundenkontakt")
    foreign_project = make.project(make.client("Konkurrenz"), "Geheim")
    consultant = make.user("consultant", clients=(own,))
    return own, project, foreign_project, consultant


def test_a_consultant_lists_only_their_clients(tenant, api_as):
    own, _, _, consultant = tenant
    response = api_as(consultant).get("/clients")
    assert response.status_code == 200
    assert [item["name"] for item in response.json["items"]] == ["Stadtwerke"]
    assert api_as(consultant).get(f"/clients/{own.id}").json["slug"] == own.slug


def test_foreign_and_unknown_ids_get_404(tenant, api_as, make):
    _, _, foreign, consultant = tenant
    api = api_as(consultant)
    foreign_touchpoint = make.touchpoint(foreign)
    foreign_location = make.location(foreign)
    for path in (
        f"/clients/{foreign.client_id}",
        f"/clients/{foreign.client_id}/projects",
        f"/projects/{foreign.id}",
        f"/projects/{foreign.id}/touchpoints",
        f"/projects/{foreign.id}/locations",
        f"/touchpoints/{foreign_touchpoint.id}",
        f"/locations/{foreign_location.id}",
        "/projects/2147483647",
        "/projects/99999999999999999999",
    ):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.json["code"] == "not_found"
    response = api.post(f"/projects/{foreign.id}/touchpoints", json={"name": "x", "channel": "web"})
    assert response.status_code == 404


def test_a_consultant_creates_a_project_touchpoint_and_location(tenant, api_as):
    own, _, _, consultant = tenant
    api = api_as(consultant)
    response = api.post(f"/clients/{own.id}/projects", json={"name": "Filialen 2026"})
    assert response.status_code == 201
    project = response.json
    assert project["client_id"] == own.id and project["description"] == ""
    response = api.post(
        f"/projects/{project['id']}/touchpoints",
        json={"name": "Hotline", "channel": "phone", "weight": 2.5},
    )
    assert response.status_code == 201
    assert response.json["weight"] == 2.5 and response.json["phase_id"] is None
    touchpoints = api.get(f"/projects/{project['id']}/touchpoints").json["items"]
    assert [t["name"] for t in touchpoints] == ["Hotline"]
    response = api.post(
        f"/projects/{project['id']}/locations",
        json={"name": "Wettbewerber Mitte", "is_competitor": True, "competitor_name": "EVU"},
    )
    assert response.status_code == 201
    assert api.get(f"/locations/{response.json['id']}").json["is_competitor"] is True


def test_invalid_input_names_the_fields(tenant, api_as, app):
    _, project, foreign, consultant = tenant
    api = api_as(consultant)
    response = api.post(
        f"/projects/{project.id}/touchpoints",
        json={"name": "", "channel": "telepathy", "weight": 0, "colour": "red"},
    )
    assert response.status_code == 422
    assert response.json["code"] == "validation_failed"
    assert set(response.json["errors"]) == {"name", "channel", "weight", "colour"}
    response = api.post(f"/projects/{project.id}/locations", json={"name": "a\x00b"})
    assert response.status_code == 422 and "name" in response.json["errors"]
    with app.app_context():
        foreign_phase_id = db.session.scalar(select(Phase.id).where(Phase.project_id == foreign.id))
    response = api.post(
        f"/projects/{project.id}/touchpoints",
        json={"name": "Chat", "channel": "chat", "phase_id": foreign_phase_id},
    )
    assert response.status_code == 422 and "phase_id" in response.json["errors"]


def test_bad_bodies_get_json_errors(tenant, api_as):
    _, project, _, consultant = tenant
    api = api_as(consultant)
    response = api.post(f"/projects/{project.id}/locations", data="name=x")
    assert response.status_code == 415 and response.json["code"] == "unsupported_media_type"
    response = api.post(
        f"/projects/{project.id}/locations", data="{nope", content_type="application/json"
    )
    assert response.status_code == 400 and response.json["code"] == "bad_request"
    response = api.post(f"/projects/{project.id}/locations", json=["a", "list"])
    assert response.status_code == 422
    response = api.post(
        f"/projects/{project.id}/locations",
        data='{"name": "' + "x" * 2_000_000 + '"}',
        content_type="application/json",
    )
    assert response.status_code == 413 and response.json["code"] == "payload_too_large"


def test_unknown_routes_and_methods_answer_json(tenant, api_as):
    api = api_as(tenant[3])
    response = api.get("/nothing-here")
    assert response.status_code == 404 and response.json["code"] == "not_found"
    response = api.client.delete("/api/v1/clients", headers=api._headers(None))
    assert response.status_code == 405 and response.json["code"] == "method_not_allowed"
    assert "GET" in response.headers["Allow"]


def test_a_viewer_reads_but_cannot_write(tenant, api_as, make):
    own, project, _, _ = tenant
    viewer = api_as(make.user("viewer", clients=(own,)))
    assert viewer.get(f"/projects/{project.id}/touchpoints").status_code == 200
    response = viewer.post(f"/clients/{own.id}/projects", json={"name": "Nope"})
    assert response.status_code == 403 and response.json["code"] == "forbidden"
    response = viewer.post(f"/projects/{project.id}/locations", json={"name": "Nope"})
    assert response.status_code == 403
