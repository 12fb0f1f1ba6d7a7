"""The demo holds one completed workshop whose causes became the demo's measures."""

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Measure, User, Workshop, WorkshopCause
from surveyor.models.workshops import cause_measure
from tests.factories import PASSWORD


def test_the_demo_workshop_traces_every_demo_measure_to_its_cards(runner, app, client):
    result = runner.invoke(args=["demo", "--responses", "0", "--no-serve"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        workshop = db.session.scalar(select(Workshop))
        assert not workshop.join_open and not workshop.voting_open
        traced = set(db.session.scalars(select(cause_measure.c.measure_id)))
        assert traced == set(db.session.scalars(select(Measure.id)))
        assert len(traced) == 4
        causes = db.session.scalars(select(WorkshopCause)).all()
        assert {cause.stage for cause in causes} == {"reason", "cause"}
        hotline_measure = db.session.scalar(
            select(Measure).where(Measure.title == "Call-back booking in the IVR")
        )
        admin = db.session.scalar(select(User).where(User.role == "admin"))
        admin.set_password(PASSWORD)
        db.session.commit()
        email, measure_id, workshop_id = admin.email, hotline_measure.id, workshop.id
    client.post("/login", data={"email": email, "password": PASSWORD})
    trace = client.get(f"/measures/{measure_id}/trace?lang=de").get_data(as_text=True)
    assert "Kein Rückruf bei Spitzenlast" in trace
    assert "Ich hing 20 Minuten in der Warteschleife." in trace
    report = client.get(f"/workshops/{workshop_id}/report")
    assert report.status_code == 200
