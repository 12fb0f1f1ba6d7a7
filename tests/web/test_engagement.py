"""The engagement tracker: the ten steps with the evidence Surveyor holds, the client interview."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

INTERVIEW = {
    "held_on": "2026-01-12",
    "attendees": "Petra Lindner (head of service)",
    "situations": "Customers call twice about the same bill.",
    "challenges": "Nobody owns a concern across hotline and store.",
    "goals": "Solve concerns at the first contact.",
    "vision": "The utility you like to call.",
}


def _consultant_project(make, auth):
    client = make.client()
    project = make.project(client)
    auth.login(make.user("consultant", clients=(client,)))
    return client, project


def _step(page: str, number: int) -> str:
    start = page.index(f'id="step-{number}"')
    end = page.find('id="step-', start + 10)
    return page[start : end if end > 0 else len(page)]


def test_a_new_project_has_ten_open_steps_that_say_what_is_missing(client, auth, make):
    _, project = _consultant_project(make, auth)
    page = client.get(f"/projects/{project.id}/engagement").get_data(as_text=True)
    assert page.count('class="card engagement-step') == 10
    first = _step(page, 1)
    assert "not started" in first and "Record the client interview" in first
    assert "Close the baseline wave" in _step(page, 5)


def test_recording_the_interview_completes_step_one(client, auth, make):
    _, project = _consultant_project(make, auth)
    response = client.post(f"/projects/{project.id}/interview", data=INTERVIEW)
    assert response.status_code == 302
    page = client.get(f"/projects/{project.id}/engagement").get_data(as_text=True)
    first = _step(page, 1)
    assert "The client interview is recorded." in first and ">done<" in first
    form = client.get(f"/projects/{project.id}/interview").get_data(as_text=True)
    assert "Nobody owns a concern across hotline and store." in form


def test_an_interview_without_goals_leaves_step_one_started(client, auth, make):
    _, project = _consultant_project(make, auth)
    client.post(f"/projects/{project.id}/interview", data={**INTERVIEW, "goals": ""})
    first = _step(client.get(f"/projects/{project.id}/engagement").get_data(as_text=True), 1)
    assert ">started<" in first and "challenges and goals" in first


def test_evidence_follows_the_data(client, auth, make):
    _, project = _consultant_project(make, auth)
    touchpoint = make.touchpoint(project, weight=3.0)
    make.touchpoint(project, weight=1.0)
    make.measure(touchpoint, status="live", go_live=date(2026, 3, 1))
    make.wave(project, sequence=0, status="closed")
    page = client.get(f"/projects/{project.id}/engagement").get_data(as_text=True)
    assert "2 touchpoints mapped" in _step(page, 3)
    assert "The baseline wave is closed." in _step(page, 5)
    assert "The touchpoints are weighted." in _step(page, 6)
    assert ">done<" in _step(page, 6)
    assert "1 measure, in 1 cluster." in _step(page, 7)
    assert "1 measure is live." in _step(page, 9)
    assert "Close a follow-up wave" in _step(page, 10)
    make.wave(project, sequence=1, status="closed")
    assert "1 follow-up wave closed." in _step(
        client.get(f"/projects/{project.id}/engagement").get_data(as_text=True), 10
    )


def test_the_consultant_confirms_a_step_outside_surveyor_with_a_note(client, auth, make):
    _, project = _consultant_project(make, auth)
    response = client.post(
        f"/projects/{project.id}/engagement/4",
        data={"step4-note": "CRM and phone system analysed on 9 Feb.", "step4-done": "y"},
    )
    assert response.status_code == 302
    fourth = _step(client.get(f"/projects/{project.id}/engagement").get_data(as_text=True), 4)
    assert ">done<" in fourth and "CRM and phone system analysed" in fourth
    assert "then confirm this step" not in fourth


def test_bad_step_input_gets_a_message_not_a_500(client, auth, make):
    _, project = _consultant_project(make, auth)
    too_long = client.post(f"/projects/{project.id}/engagement/4", data={"step4-note": "x" * 2001})
    assert too_long.status_code == 422
    assert "2000" in too_long.get_data(as_text=True)
    assert client.post(f"/projects/{project.id}/engagement/11", data={}).status_code in (404, 422)
    bad_date = client.post(f"/projects/{project.id}/interview", data={**INTERVIEW, "held_on": "x"})
    assert bad_date.status_code == 422


def test_client_staff_read_but_cannot_change_the_engagement(client, auth, make):
    customer = make.client()
    project = make.project(customer)
    auth.login(make.user("consultant", clients=(customer,)))
    client.post(f"/projects/{project.id}/interview", data=INTERVIEW)
    auth.logout()
    auth.login(make.user("viewer", clients=(customer,)))
    page = client.get(f"/projects/{project.id}/engagement").get_data(as_text=True)
    assert "Save note" not in page
    assert "Solve concerns at the first contact." in client.get(
        f"/projects/{project.id}/interview"
    ).get_data(as_text=True)
    assert client.post(f"/projects/{project.id}/interview", data=INTERVIEW).status_code == 403
    assert client.post(f"/projects/{project.id}/engagement/4", data={}).status_code == 403


def test_another_clients_engagement_does_not_exist(client, auth, make):
    _, project = _consultant_project(make, auth)
    stranger_project = make.project(make.client())
    for path in ("engagement", "interview", "engagement.xlsx"):
        assert client.get(f"/projects/{stranger_project.id}/{path}").status_code == 404
    assert client.get(f"/projects/{project.id}/engagement").status_code == 200


def test_the_engagement_workbook_holds_the_interview_and_the_steps(client, auth, make):
    _, project = _consultant_project(make, auth)
    client.post(f"/projects/{project.id}/interview", data={**INTERVIEW, "goals": "=HYPERLINK(1)"})
    response = client.get(f"/projects/{project.id}/engagement.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Interview", "Steps"]
    answers = {row[0]: row[1] for row in workbook["Interview"].iter_rows(values_only=True)}
    assert answers["Challenges"] == INTERVIEW["challenges"]
    assert not str(answers["Goals"]).startswith("=")  # a formula from a form stays text
    steps = list(workbook["Steps"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in steps] == list(range(1, 11))
    assert steps[0][2] == "done"


def test_the_tracker_reads_in_german(client, auth, make):
    client_ = make.client()
    project = make.project(client_)
    auth.login(make.user("consultant", clients=(client_,), locale="de"))
    page = client.get(f"/projects/{project.id}/engagement").get_data(as_text=True)
    assert "Projektfortschritt: die zehn Schritte" in page
    assert "Erprobung im Testmarkt" in page and "Nullmessung" in page


def test_a_piloted_measure_is_the_evidence_of_the_test_market_step(client, auth, make, app):
    from surveyor.extensions import db
    from surveyor.models import Location, Measure

    _, project = _consultant_project(make, auth)
    touchpoint = make.touchpoint(project)
    measure = make.measure(touchpoint, go_live=date(2026, 3, 1))
    pilot = make.location(project)
    assert "pilot locations" in _step(
        client.get(f"/projects/{project.id}/engagement").get_data(as_text=True), 8
    )
    with app.app_context():
        found = db.session.get(Measure, measure.id)
        found.pilot_locations.append(db.session.get(Location, pilot.id))
        db.session.commit()
    eighth = _step(client.get(f"/projects/{project.id}/engagement").get_data(as_text=True), 8)
    assert "1 measure is piloted in chosen locations" in eighth and ">done<" in eighth
