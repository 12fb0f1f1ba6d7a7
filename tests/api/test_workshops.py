"""The API reads workshops: a project's list, a report with cards, causes and dots, and the
origin of a measure; other tenants get 404."""

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Measure, Project, User


def _demo(runner, app):
    result = runner.invoke(args=["demo", "--responses", "0", "--no-serve"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        admin = db.session.scalar(select(User).where(User.role == "admin"))
        project = db.session.scalar(select(Project))
        measure = db.session.scalar(
            select(Measure).where(Measure.title == "Call-back booking in the IVR")
        )
        db.session.expunge_all()
    return admin, project, measure


def test_a_reporting_tool_reads_the_workshop_and_a_measures_origin(runner, app, api_as):
    admin, project, measure = _demo(runner, app)
    api = api_as(admin)
    listed = api.get(f"/projects/{project.id}/workshops")
    assert listed.status_code == 200
    (workshop,) = listed.json["items"]
    assert workshop["title_de"] == "Kundenwerkstatt Hotline und Kundencenter"
    report = api.get(f"/workshops/{workshop['id']}/report").json
    assert {card["world"] for card in report["cards"]} >= {"company", "perception", "measure"}
    assert all("author" not in card for card in report["cards"])
    callback = next(c for c in report["causes"] if c["title"] == "Kein Rückruf bei Spitzenlast")
    assert callback["total"] == 10 and callback["dots"] == {
        "employee": 3,
        "customer": 5,
        "partner": 2,
    }
    assert [m["id"] for m in callback["measures"]] == [measure.id]
    origin = api.get(f"/measures/{measure.id}/origin").json["items"]
    assert [cause["title"] for cause in origin[0]["causes"]] == ["Kein Rückruf bei Spitzenlast"]
    assert {card["role"] for card in origin[0]["cards"]} == {"employee", "customer", "partner"}


def test_another_tenant_gets_404(runner, app, api_as, make):
    _, project, measure = _demo(runner, app)
    stranger = make.user("consultant", clients=(make.client(),))
    api = api_as(stranger)
    assert api.get(f"/projects/{project.id}/workshops").status_code == 404
    assert api.get(f"/measures/{measure.id}/origin").status_code == 404
