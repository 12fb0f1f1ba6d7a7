"""A project whose checklist items observe Kano features, for scorecard tests."""

from __future__ import annotations

from surveyor.extensions import db
from surveyor.services.scorecards import links
from tests.export.conftest import respond


def customer_answers(
    app, instrument, wave, location, pairs: dict, count: int, numbers: dict | None = None
) -> None:
    """``count`` customers at ``location`` answering each feature key with its (F, D) pair
    and each standard item (by key, e.g. ``{"csat": 4}``) with its number."""
    for _ in range(count):
        respond(app, instrument, wave, "customer", pairs, numbers=numbers, location_id=location.id)


def scorecard_project(app, make):
    """Greeting observes f1 (a basic, missed at North), the offer observes f2 (a delighter
    delivered at both branches). Returns project, consultant, kano and checklist instruments."""
    client = make.client()
    project = make.project(client)
    touchpoint = make.touchpoint(project, channel="store")
    kano = make.kano_instrument(touchpoint)
    checklist = make.checklist_instrument(touchpoint)
    wave = make.wave(project, 0)
    north = make.location(project, name="North")
    south = make.location(project, name="South")
    make.location(project, name="Rival", is_competitor=True)
    make.approved_shop(checklist, {"greet": 0}, location=north, wave=wave)
    make.approved_shop(checklist, {"greet": 1}, location=south, wave=wave)
    customer_answers(app, kano, wave, north, {"f1": (2, 5), "f2": (1, 3)}, 3)
    customer_answers(app, kano, wave, south, {"f1": (2, 5), "f2": (1, 3)}, 2)
    with app.app_context():
        from surveyor.models import Project

        stored = db.session.get(Project, project.id)
        links.link(stored, f"{checklist.id}:greet", f"{kano.id}:f1")
        links.link(stored, f"{checklist.id}:offer", f"{kano.id}:f2")
        db.session.commit()
    return project, make.user("consultant", clients=(client,)), kano, checklist
