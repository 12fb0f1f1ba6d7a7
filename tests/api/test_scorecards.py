"""The API's scorecard per feature and feature links."""

from surveyor.extensions import db
from surveyor.models import Project
from tests.scorecard_scenario import scorecard_project


def test_api_scorecard_rows_rank_the_missing_basic_first(app, make, api_as):
    project, consultant, _kano, _checklist = scorecard_project(app, make)
    rows = api_as(consultant).get(f"/projects/{project.id}/scorecard").json["items"]
    totals = [row for row in rows if row["location"] == "All locations"]
    assert [(row["feature"], row["rank"]) for row in totals] == [
        ("Feature 1 is there.", 1),
        ("Feature 2 is there.", 4),
    ]
    assert totals[0]["compliance"] == 0.5
    assert totals[0]["customers"] == "Basic"
    north = next(row for row in rows if row["location"] == "North" and row["rank"] == 1)
    assert (north["delivered"], north["applicable"]) == (0, 1)


def test_api_scorecard_in_german_and_link_errors_name_the_field(app, make, api_as):
    project, consultant, kano, _checklist = scorecard_project(app, make)
    api = api_as(consultant)
    rows = api.get(f"/projects/{project.id}/scorecard?locale=de").json["items"]
    assert rows[0]["location"] == "Alle Standorte"
    answer = api.post(
        f"/projects/{project.id}/scorecard/links",
        json={"checklist_item": "999:nope", "kano_feature": f"{kano.id}:f1"},
    )
    assert answer.status_code == 422
    assert list(answer.json["errors"]) == ["checklist_item"]


def test_api_lists_moves_and_removes_feature_links(app, make, api_as):
    project, consultant, kano, checklist = scorecard_project(app, make)
    api = api_as(consultant)
    listed = api.get(f"/projects/{project.id}/scorecard/links")
    assert listed.status_code == 200, listed.json
    pairs = {row["checklist_item"]: row["kano_feature"] for row in listed.json["items"]}
    assert pairs == {
        f"{checklist.id}:greet": f"{kano.id}:f1",
        f"{checklist.id}:offer": f"{kano.id}:f2",
    }
    moved = api.post(
        f"/projects/{project.id}/scorecard/links",
        json={"checklist_item": f"{checklist.id}:greet", "kano_feature": f"{kano.id}:f2"},
    )
    assert moved.status_code == 204
    items = api.get(f"/projects/{project.id}/scorecard/links").json["items"]
    greet = next(row for row in items if row["checklist_item"] == f"{checklist.id}:greet")
    assert greet["kano_feature"] == f"{kano.id}:f2" and len(items) == 2
    assert api.delete(f"/projects/{project.id}/scorecard/links/{greet['id']}").status_code == 204
    left = api.get(f"/projects/{project.id}/scorecard/links").json["items"]
    assert [row["checklist_item"] for row in left] == [f"{checklist.id}:offer"]


def test_api_feature_links_of_another_client_are_not_found(app, make, api_as):
    project, consultant, _kano, _checklist = scorecard_project(app, make)
    other, _stranger, _k, _c = scorecard_project(app, make)
    api = api_as(consultant)
    theirs = api_as(_stranger).get(f"/projects/{other.id}/scorecard/links").json["items"]
    gone = api.delete(f"/projects/{project.id}/scorecard/links/{theirs[0]['id']}")
    assert gone.status_code == 404 and gone.json["code"] == "not_found"
    assert api.get(f"/projects/{other.id}/scorecard/links").status_code == 404
    with app.app_context():
        client = db.session.get(Project, project.id).client
        db.session.expunge(client)
    viewer = api_as(make.user("viewer", clients=(client,)))
    mine = api.get(f"/projects/{project.id}/scorecard/links").json["items"][0]["id"]
    refused = viewer.delete(f"/projects/{project.id}/scorecard/links/{mine}")
    assert refused.status_code == 403
    assert len(api_as(_stranger).get(f"/projects/{other.id}/scorecard/links").json["items"]) == 2
