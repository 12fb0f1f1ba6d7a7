"""The API's scorecard per feature and feature links."""

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
