"""Instruments through the API: create from a JSON definition, export, replace, publish."""

import pytest

from surveyor.extensions import db
from surveyor.models import Touchpoint

DEFINITION = {
    "format": "surveyor.instrument/1",
    "kind": "kano",
    "name": "Hotline expectations",
    "languages": ["en"],
    "title_en": "Your call",
    "items": [
        {
            "key": "wait",
            "type": "kano_feature",
            "functional_en": "You reach someone within a minute.",
            "dysfunctional_en": "You wait longer than a minute.",
        },
        {"type": "csat"},
    ],
}


@pytest.fixture
def consultant_touchpoint(make, app):
    touchpoint = make.touchpoint()
    with app.app_context():
        client = db.session.get(Touchpoint, touchpoint.id).project.client
        db.session.expunge(client)
    return touchpoint, make.user("consultant", clients=(client,)), client


def test_a_script_creates_publishes_and_exports_an_instrument(consultant_touchpoint, api_as):
    touchpoint, consultant, _ = consultant_touchpoint
    api = api_as(consultant)
    response = api.post(f"/touchpoints/{touchpoint.id}/instruments", json=DEFINITION)
    assert response.status_code == 201, response.json
    instrument = response.json
    assert instrument["kind"] == "kano" and instrument["versions"][0]["status"] == "draft"
    response = api.post(f"/instruments/{instrument['id']}/publish")
    assert response.status_code == 200
    assert response.json["versions"][0]["status"] == "published"
    assert api.post(f"/instruments/{instrument['id']}/publish").status_code == 409
    exported = api.get(f"/instruments/{instrument['id']}/definition").json
    assert exported["format"] == "surveyor.instrument/1"
    assert [item["key"] for item in exported["items"]] == ["wait", "csat"]
    listed = api.get(f"/touchpoints/{touchpoint.id}/instruments").json["items"]
    assert [i["id"] for i in listed] == [instrument["id"]]


def test_replacing_the_definition_makes_a_new_draft(consultant_touchpoint, api_as, make):
    touchpoint, consultant, _ = consultant_touchpoint
    instrument = make.kano_instrument(touchpoint)
    api = api_as(consultant)
    changed = {**DEFINITION, "title_en": "Your call, revised"}
    response = api.put(f"/instruments/{instrument.id}/definition", json=changed)
    assert response.status_code == 200
    assert [(v["number"], v["status"]) for v in response.json["versions"]] == [
        (1, "published"),
        (2, "draft"),
    ]
    assert api.get(f"/instruments/{instrument.id}/definition?version=1").json["title_en"] == (
        "Your call"
    )
    assert api.get(f"/instruments/{instrument.id}/definition?version=7").status_code == 404


def test_an_invalid_definition_names_the_field(consultant_touchpoint, api_as):
    touchpoint, consultant, _ = consultant_touchpoint
    api = api_as(consultant)
    broken = {**DEFINITION, "format": "other", "items": [{"type": "kano_feature", "x": 1}]}
    response = api.post(f"/touchpoints/{touchpoint.id}/instruments", json=broken)
    assert response.status_code == 422
    assert {"format", "items.0.x"} <= set(response.json["errors"])


def test_instruments_of_other_tenants_are_404_and_viewers_read_only(
    consultant_touchpoint, api_as, make
):
    touchpoint, _, client = consultant_touchpoint
    instrument = make.kano_instrument(touchpoint)
    stranger = api_as(make.user("consultant", clients=(make.client(),)))
    for path in (
        f"/instruments/{instrument.id}",
        f"/instruments/{instrument.id}/definition",
        f"/touchpoints/{touchpoint.id}/instruments",
    ):
        assert stranger.get(path).status_code == 404, path
    assert stranger.post(f"/instruments/{instrument.id}/publish").status_code == 404
    viewer = api_as(make.user("viewer", clients=(client,)))
    assert viewer.get(f"/instruments/{instrument.id}/definition").status_code == 200
    response = viewer.post(f"/touchpoints/{touchpoint.id}/instruments", json=DEFINITION)
    assert response.status_code == 403
    assert (
        viewer.put(f"/instruments/{instrument.id}/definition", json=DEFINITION).status_code == 403
    )


def test_a_definition_with_several_problems_in_one_field_is_a_422(consultant_touchpoint, api_as):
    """Found by the schemathesis run: options on a CSAT item that also repeat a value."""
    touchpoint, consultant, _ = consultant_touchpoint
    item = {
        "key": "k",
        "type": "ces",
        "options": [{"points": 0.0, "value": "0"}, {"points": 0.0, "value": "0"}],
    }
    response = api_as(consultant).post(
        f"/touchpoints/{touchpoint.id}/instruments", json={**DEFINITION, "items": [item]}
    )
    assert response.status_code == 422
    assert any(path.startswith("items.0.options") for path in response.json["errors"])
