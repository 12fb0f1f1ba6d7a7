"""The scorecard per feature puts a missing basic first and spots a delighter now expected."""

from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import FeatureLink
from tests.scorecard_scenario import scorecard_project


def test_scorecard_ranks_the_missing_basic_first(app, make, client, auth):
    project, consultant, _kano, _checklist = scorecard_project(app, make)
    auth.login(consultant)
    page = client.get(f"/projects/{project.id}/scorecard").get_data(as_text=True)
    basic = page.index("Feature 1 is there.")
    delighter = page.index("Feature 2 is there.")
    assert basic < delighter
    assert "1 Fix: a basic feature is missing" in page[basic:delighter]
    assert "50 %" in page[basic:delighter]  # 1 of 2 shops greeted
    assert "4 Now expected" in page[delighter:]
    assert "Rival" not in page


def test_linking_checks_the_items_belong_to_the_project(app, make, client, auth):
    project, consultant, kano, checklist = scorecard_project(app, make)
    auth.login(consultant)
    other_kano = make.kano_instrument()
    answer = client.post(
        f"/projects/{project.id}/scorecard",
        data={"checklist_item": f"{checklist.id}:wait", "kano_feature": f"{other_kano.id}:f1"},
    )
    assert answer.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(FeatureLink)) == 2
    moved = client.post(
        f"/projects/{project.id}/scorecard",
        data={"checklist_item": f"{checklist.id}:greet", "kano_feature": f"{kano.id}:f3"},
    )
    assert moved.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(FeatureLink)) == 2


def test_other_clients_cannot_see_the_scorecard(app, make, client, auth):
    project, _consultant, _kano, _checklist = scorecard_project(app, make)
    auth.login(make.user("consultant", clients=(make.client(),)))
    assert client.get(f"/projects/{project.id}/scorecard").status_code == 404
