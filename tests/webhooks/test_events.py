"""Each business change records its event once, in its own transaction: waves opened and
closed (by the scheduler or by hand), shops approved, and Kano drift found when a wave closes."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Instrument, Wave, WebhookDelivery
from surveyor.models.base import utcnow
from surveyor.services.instruments import instruments
from surveyor.services.synthetic import SampleSpec, insert_kano_responses
from surveyor.services.waves import scheduling
from surveyor.services.webhooks import events
from tests.factories import _Ref

pytestmark = pytest.mark.usefixtures("local_targets")
DELIGHTER = {"A": 60, "O": 20, "I": 20}
PERFORMANCE = {"O": 60, "A": 20, "I": 20}
STABLE = {"M": 60, "O": 25, "I": 15}


def _events(app) -> list[dict]:
    with app.app_context():
        bodies = db.session.scalars(select(WebhookDelivery.body).order_by(WebhookDelivery.id))
        return [json.loads(body) for body in bodies]


def test_unknown_kinds_are_a_programming_error(app):
    with app.app_context(), pytest.raises(ValueError, match=r"case\.opened"):
        events.record(1, "case.reopened", {})


def test_the_scheduler_closes_a_wave_and_tells_it_once(app, make, subscribe):
    project = make.project()
    ended = utcnow() - timedelta(minutes=1)
    wave = make.wave(project, status="open", closes_at=ended)
    subscribe(project.id, "http://127.0.0.1:9/", events=("wave.closed", "wave.opened"))
    with app.app_context():
        assert scheduling.close_due_waves(utcnow()) == 1
        assert scheduling.close_due_waves(utcnow()) == 0
    [closed] = _events(app)
    assert closed["event"] == "wave.closed" and closed["project_id"] == project.id
    assert closed["data"]["wave_id"] == wave.id and closed["data"]["status"] == "closed"


def test_a_consultant_opens_and_closes_a_wave(client, auth, make, app, subscribe):
    project = make.project()
    wave = make.wave(project, status="planned")
    subscribe(project.id, "http://127.0.0.1:9/", events=("wave.closed", "wave.opened"))
    auth.login(make.user("consultant", clients=(_Ref(project.client_id),)))
    client.post(f"/waves/{wave.id}/open")
    client.post(f"/waves/{wave.id}/open")  # already open: nothing new happened
    client.post(f"/waves/{wave.id}/close")
    assert [e["event"] for e in _events(app)] == ["wave.opened", "wave.closed"]


def test_approving_a_shop_tells_its_score(client, auth, make, app, subscribe):
    project = make.project()
    instrument = make.checklist_instrument(make.touchpoint(project, channel="store"))
    assignment = make.submitted_shop(make.assignment(instrument), {"greet": 0})
    subscribe(project.id, "http://127.0.0.1:9/", events=("shop.approved",))
    auth.login(make.user("consultant", clients=(_Ref(project.client_id),)))
    assert client.post(f"/shops/{assignment.id}/approve").status_code == 302
    [approved] = _events(app)
    assert approved["data"]["assignment_id"] == assignment.id
    assert approved["data"]["critical_failures"] == 1
    # greet (2 points, critical) failed, everything else earned: 10 of 12 points
    assert approved["data"]["score_percent"] == pytest.approx(100 * 10 / 12)


def _answer(app, instrument, wave, mixes, improved):
    with app.app_context():
        version = instruments.published_version(db.session.get(Instrument, instrument.id))
        spec = SampleSpec(db.session.get(Wave, wave.id), "customer", 150, mixes, improved)
        insert_kano_responses(version.id, list(version.items), spec, random.Random(wave.id))
        db.session.commit()


def test_closing_a_wave_reports_significant_kano_drift(app, make, subscribe):
    project = make.project()
    touchpoint = make.touchpoint(project, name="Service hotline")
    instrument = make.kano_instrument(touchpoint, features=2)
    first = make.wave(project, 0, status="closed", opens_at=datetime(2026, 1, 5, tzinfo=UTC))
    second = make.wave(
        project, 1, status="open", opens_at=datetime(2026, 4, 5, tzinfo=UTC), closes_at=utcnow()
    )
    _answer(app, instrument, first, {"f1": DELIGHTER, "f2": STABLE}, improved=False)
    _answer(app, instrument, second, {"f1": PERFORMANCE, "f2": STABLE}, improved=True)
    subscribe(project.id, "http://127.0.0.1:9/", events=("drift.detected",))
    with app.app_context():
        scheduling.close_due_waves(utcnow() + timedelta(seconds=1))
    [drift] = _events(app)
    assert drift["event"] == "drift.detected"
    data = drift["data"]
    assert (data["wave_id"], data["touchpoint_id"], data["feature_key"]) == (
        second.id,
        touchpoint.id,
        "f1",
    )
    assert (data["category_before"], data["category_after"], data["since"]) == (
        "A",
        "O",
        "previous",
    )
    assert data["p_value"] < 0.05
