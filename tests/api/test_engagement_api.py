"""The API reads a project's engagement: the ten steps and the client interview."""

from __future__ import annotations

from datetime import date


def test_the_api_reads_the_ten_steps_and_the_interview(make, api_as, app):
    from surveyor.extensions import db
    from surveyor.models import Project
    from surveyor.services.engagement import interview

    customer = make.client()
    project = make.project(customer)
    api = api_as(make.user("viewer", clients=(customer,)))
    assert api.get(f"/projects/{project.id}/interview").status_code == 404
    with app.test_request_context():
        interview.save_interview(
            db.session.get(Project, project.id),
            held_on=date(2026, 1, 12),
            challenges="Handovers",
            goals="First-contact resolution",
        )
    body = api.get(f"/projects/{project.id}/engagement").get_json()
    assert [step["step"] for step in body["steps"]] == list(range(1, 11))
    assert body["steps"][0]["state"] == "done"
    assert body["steps"][0]["name"] == "Initiation"
    assert body["steps"][4]["missing"]
    german = api.client.get(
        f"/api/v1/projects/{project.id}/engagement",
        headers={"Authorization": f"Bearer {api.token}", "Accept-Language": "de"},
    )
    assert german.get_json()["steps"][7]["name"] == "Erprobung im Testmarkt"
    read = api.get(f"/projects/{project.id}/interview").get_json()
    assert read["goals"] == "First-contact resolution" and read["held_on"] == "2026-01-12"


def test_another_clients_engagement_is_not_found(make, api_as):
    api = api_as(make.user("consultant", clients=(make.client(),)))
    stranger = make.project(make.client())
    assert api.get(f"/projects/{stranger.id}/engagement").status_code == 404
