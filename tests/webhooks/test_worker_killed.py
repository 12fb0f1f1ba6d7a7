"""Issue 19's process-level fault test for webhooks: a ``surveyor scheduler`` killed with
SIGKILL in the middle of a delivery leaves it to the next worker, and the receiver, which
deduplicates by ``Surveyor-Delivery``, gets the event exactly once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from surveyor.extensions import db
from surveyor.models import Project, User, WebhookDelivery
from surveyor.models.base import utcnow
from surveyor.services.webhooks import events, subscriptions
from tests.test_scheduler import Schedulers, _wait_for

pytestmark = pytest.mark.usefixtures("local_targets")


def _delivery(app) -> WebhookDelivery:
    with app.app_context():
        found = db.session.scalar(select(WebhookDelivery))
        db.session.expunge(found)
        db.session.remove()
        return found


def test_a_worker_killed_mid_delivery_leaves_the_event_to_the_next_one(
    app, make, receiver, tmp_path
):
    receiver.hold_first = True
    project = make.project()
    consultant = make.user("consultant")
    with app.app_context():
        subscriptions.create(
            db.session.get(Project, project.id),
            db.session.get(User, consultant.id),
            "CRM",
            receiver.url,
            ["wave.opened"],
        )
        events.record(project.id, "wave.opened", {"wave_id": 1})
        db.session.commit()
    workers = Schedulers(app, tmp_path)
    workers.env["SURVEYOR_WEBHOOKS_ALLOW_LOCAL_TARGETS"] = "1"
    try:
        first = workers.start()
        assert receiver.arrived.wait(timeout=120), workers.logs()
        first.kill()  # SIGKILL: no clean-up, the claim stays behind
        first.wait(timeout=30)
        receiver.release()
        abandoned = _delivery(app)
        assert (abandoned.status, abandoned.attempts) == ("sending", 1)

        with app.app_context():  # the claim's lease runs out (60 s), without waiting for it
            db.session.execute(
                update(WebhookDelivery).values(next_attempt_at=utcnow() - timedelta(seconds=1))
            )
            db.session.commit()
        workers.start()
        _wait_for(lambda: _delivery(app).status == "delivered", timeout=120)
    finally:
        workers.stop_all()
    done = _delivery(app)
    assert done.attempts == 2
    assert {r.headers["Surveyor-Delivery"] for r in receiver.requests} == {done.delivery_id}
    assert list(receiver.accepted) == [done.delivery_id]
