"""A consultant keeps the location directory and the ranking's threshold through the API."""

from __future__ import annotations

from surveyor.extensions import db
from surveyor.models import Location, Touchpoint
from surveyor.services.locations import directory
from tests.locations.test_results import answered

__all__ = ["answered"]


def test_a_branch_moves_to_another_region_and_gets_a_code(api_as, branches):
    api = api_as(branches["consultant"])
    hafen = branches["hafen"].id
    moved = api.patch(f"/locations/{hafen}", json={"parent_id": branches["south"].id})
    assert moved.status_code == 200, moved.json
    assert (moved.json["parent_id"], moved.json["code"]) == (branches["south"].id, "HAFEN")
    assert moved.json["name"] == "Hafen"
    renamed = api.patch(f"/locations/{hafen}", json={"code": "PORT", "city": "Kiel"})
    assert (renamed.json["code"], renamed.json["city"]) == ("PORT", "Kiel")
    assert api.get(f"/locations/{hafen}").json["code"] == "PORT"


def test_location_changes_breaking_the_hierarchy_are_refused(api_as, app, make, branches):
    api = api_as(branches["consultant"])
    hafen, north = branches["hafen"].id, branches["north"].id
    with app.app_context():
        foreign = db.session.query(Location).filter_by(code="ELSE").one().id
    refusals = {
        "code": (hafen, {"code": "NORD"}),
        "parent_id": (hafen, {"parent_id": branches["sued"].id}),
        "kind": (north, {"kind": "branch"}),
    }
    for field, (location_id, body) in refusals.items():
        refused = api.patch(f"/locations/{location_id}", json=body)
        assert refused.status_code == 422, (field, refused.json)
        assert field in refused.json["errors"] and refused.json["message"]
    foreign_region = api.patch(f"/locations/{hafen}", json={"parent_id": foreign})
    assert "parent_id" in foreign_region.json["errors"]
    rival = api.patch(f"/locations/{branches['rival'].id}", json={"parent_id": north})
    assert rival.status_code == 422 and "parent_id" in rival.json["errors"]
    assert api.patch(f"/locations/{foreign}", json={"name": "Mine"}).status_code == 404
    assert api.patch(f"/locations/{hafen}", json={"kind": "shop"}).status_code == 422
    unchanged = api.get(f"/locations/{hafen}").json
    assert (unchanged["code"], unchanged["parent_id"]) == ("HAFEN", north)
    viewer = api_as(make.user("viewer", clients=(branches["client"],)))
    assert viewer.patch(f"/locations/{hafen}", json={"city": "x"}).status_code == 403


def test_the_consultant_sets_the_small_sample_threshold(api_as, make, answered):
    api = api_as(answered["consultant"])
    project_id = answered["project_id"]
    assert api.get(f"/projects/{project_id}").json["min_location_n"] == 2
    changed = api.patch(f"/projects/{project_id}", json={"min_location_n": 1})
    assert changed.status_code == 200, changed.json
    assert changed.json["min_location_n"] == 1
    body = api.get(f"/projects/{project_id}/results/locations?metric=csat").json
    assert body["min_n"] == 1
    ranks = {unit["code"]: (unit["rank"], unit["small_sample"]) for unit in body["branches"]}
    assert ranks["SUED"] == (2, False)
    for bad in (0, 100_001, "ten", None):
        refused = api.patch(f"/projects/{project_id}", json={"min_location_n": bad})
        assert refused.status_code == 422 and "min_location_n" in refused.json["errors"]
    viewer = api_as(make.user("viewer", clients=(answered["client"],)))
    assert viewer.patch(f"/projects/{project_id}", json={"min_location_n": 5}).status_code == 403
    assert api.get(f"/projects/{project_id}").json["min_location_n"] == 1


def test_the_ranking_reads_the_features_of_the_chosen_questionnaire(api_as, make, app, answered):
    api = api_as(answered["consultant"])
    project_id = answered["project_id"]
    instrument, _wave, _link = answered["survey"]
    with app.app_context():
        touchpoint = db.session.get(Touchpoint, instrument.touchpoint_id)
        db.session.expunge(touchpoint)
    second = make.kano_instrument(touchpoint, features=3)
    path = f"/projects/{project_id}/results/locations"
    chosen = api.get(f"{path}?metric=csat&instrument_id={instrument.id}").json
    assert {f["key"] for f in chosen["client"]["features"]} == {"f1", "f2"}
    other = api.get(f"{path}?metric=csat&instrument_id={second.id}")
    assert other.status_code == 200 and other.json["client"]["features"] == []
    foreign = make.kano_instrument()
    refused = api.get(f"{path}?instrument_id={foreign.id}")
    assert refused.status_code == 422 and "instrument_id" in refused.json["errors"]


def test_a_code_taken_at_the_same_moment_is_a_field_error(api_as, monkeypatch, branches):
    """Both requests pass the check before either is stored; the unique index decides."""
    monkeypatch.setattr(directory, "_code_taken", lambda *args: False)
    api = api_as(branches["consultant"])
    project_id = branches["project_id"]
    twin = api.post(f"/projects/{project_id}/locations", json={"name": "Twin", "code": "NORD"})
    assert twin.status_code == 422, twin.json
    assert twin.json["errors"]["code"] == [
        "The code NORD is used by another location of this project."
    ]
    moved = api.patch(f"/locations/{branches['hafen'].id}", json={"code": "SUED"})
    assert moved.status_code == 422 and "code" in moved.json["errors"]
    assert api.get(f"/locations/{branches['hafen'].id}").json["code"] == "HAFEN"
