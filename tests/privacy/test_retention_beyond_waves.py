"""Retention of what belongs to no wave: webhook deliveries, workshop names, case contacts.

The project keeps personal data for 30 days. Each test sets the scene in February 2026 (frozen
time) and runs the retention job once just before and once just after the period.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from freezegun import freeze_time
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import (
    FollowUpCase,
    Project,
    Wave,
    WebhookDelivery,
    WebhookSubscription,
    Workshop,
    WorkshopCard,
    WorkshopParticipant,
)
from surveyor.models.base import utcnow
from surveyor.services.privacy import retention
from tests.cases.helpers import answer, detractor_survey
from tests.web.test_workshops import card, join

DAY = datetime(2026, 2, 1, 12, tzinfo=UTC)


def _retain(app, project_id: int, days: int | None = 30) -> None:
    with app.app_context():
        db.session.get(Project, project_id).retention_days = days
        db.session.commit()


def _run_retention(app, moment: datetime) -> None:
    with freeze_time(moment), app.app_context():
        retention.remove_expired_personal_data(utcnow())


def _deliveries(app, project_id: int) -> dict[str, str]:
    """Delivered a day apart, one still failing and retried, one being sent: id → status."""
    with app.app_context():
        subscription = WebhookSubscription(
            project_id=project_id,
            url="https://crm.example.com/hook",
            events=["response.stored"],
            secret="whsec_test",
            active=False,  # paused: the worker leaves the rows alone
            pause_reason="consultant",
            failures=0,
        )
        db.session.add(subscription)
        db.session.flush()
        rows = {
            "old": ("delivered", DAY),
            "newer": ("delivered", DAY + timedelta(days=3)),
            "failing": ("pending", None),
            "sending": ("sending", None),
        }
        for name, (status, delivered_at) in rows.items():
            db.session.add(
                WebhookDelivery(
                    subscription_id=subscription.id,
                    delivery_id=f"dlv_{name}_{uuid.uuid4().hex[:8]}",
                    event="response.stored",
                    body='{"data": {"response_id": 1}}',
                    status=status,
                    attempts=3 if name == "failing" else 1,
                    delivered_at=delivered_at,
                    created_at=DAY,
                    last_error="HTTP 500" if name == "failing" else None,
                )
            )
        db.session.commit()
    return rows


def _left(app) -> set[str]:
    with app.app_context():
        ids = db.session.scalars(select(WebhookDelivery.delivery_id)).all()
    return {delivery_id.split("_")[1] for delivery_id in ids}


def test_delivered_webhook_deliveries_go_after_the_period_waiting_ones_stay(app, make):
    project = make.project()
    _retain(app, project.id)
    _deliveries(app, project.id)
    _run_retention(app, DAY + timedelta(days=29))
    assert _left(app) == {"old", "newer", "failing", "sending"}
    _run_retention(app, DAY + timedelta(days=30, minutes=1))
    assert _left(app) == {"newer", "failing", "sending"}
    _run_retention(app, DAY + timedelta(days=60))
    assert _left(app) == {"failing", "sending"}


def test_without_a_period_the_delivery_log_is_kept(app, make):
    project = make.project()
    _retain(app, project.id, None)
    _deliveries(app, project.id)
    _run_retention(app, DAY + timedelta(days=400))
    assert len(_left(app)) == 4


def _workshop_with_a_card(app, client, auth, make) -> tuple[Workshop, object]:
    """A consultant's workshop held on 1 February, where Kim (a pseudonym) added a card."""
    tenant = make.client()
    project = make.project(tenant)
    consultant = make.user("consultant", clients=(tenant,))
    _retain(app, project.id)
    with freeze_time(DAY):
        auth.login(consultant)
        created = client.post(
            f"/projects/{project.id}/workshops",
            data={"title": "Hotline workshop", "held_on": "2026-02-01"},
        )
        assert created.status_code == 302
        with app.app_context():
            workshop = db.session.scalar(select(Workshop))
            db.session.expunge(workshop)
        client.post(f"/workshops/{workshop.id}/world", data={"world": "perception"})
        phone, board = join(app, workshop.join_code, name="Kim Pseudonym")
        assert phone.post(f"{board}cards", json=card("Nobody calls back")).status_code == 201
    return workshop, consultant


def _names(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(WorkshopParticipant.name)))


def test_workshop_names_go_after_the_period_and_the_cards_stay(app, client, auth, make):
    workshop, consultant = _workshop_with_a_card(app, client, auth, make)
    _run_retention(app, DAY + timedelta(days=29))
    assert _names(app) == ["Kim Pseudonym"]
    _run_retention(app, DAY + timedelta(days=31))
    assert _names(app) == [""]
    auth.login(consultant)
    with app.app_context():
        [kept] = db.session.scalars(select(WorkshopCard)).all()
        assert kept.text == "Nobody calls back"
    board = client.get(f"/workshops/{workshop.id}/board.json").json
    assert board["cards"][0]["author"] == "Anonymous participant"
    assert board["cards"][0]["role"] == "customer"


def test_an_open_board_sees_the_names_go_at_its_next_poll(app, client, auth, make):
    """The board polls with its ETag; blanking names must not be answered 304 with old ones."""
    workshop, consultant = _workshop_with_a_card(app, client, auth, make)
    auth.login(consultant)
    url = f"/workshops/{workshop.id}/board.json"
    seen = client.get(url)
    assert seen.json["cards"][0]["author"] == "Kim Pseudonym"
    etag = seen.headers["ETag"]
    _run_retention(app, DAY + timedelta(days=29))  # nothing expired: still the same board
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    _run_retention(app, DAY + timedelta(days=31))
    after = client.get(url, headers={"If-None-Match": etag})
    assert after.status_code == 200 and after.headers["ETag"] != etag
    assert after.json["cards"][0]["author"] == "Anonymous participant"
    again = after.headers["ETag"]
    _run_retention(app, DAY + timedelta(days=32))  # nothing left to blank: no new revision
    assert client.get(url, headers={"If-None-Match": again}).status_code == 304


def test_a_workshop_dated_later_keeps_its_names_until_its_own_period_ends(app, client, auth, make):
    workshop, _consultant = _workshop_with_a_card(app, client, auth, make)
    with app.app_context():
        db.session.get(Workshop, workshop.id).held_on = date(2026, 3, 1)
        db.session.commit()
    _run_retention(app, DAY + timedelta(days=31))
    assert _names(app) == ["Kim Pseudonym"]
    _run_retention(app, datetime(2026, 4, 1, 12, tzinfo=UTC))
    assert _names(app) == [""]


def test_case_contacts_go_with_their_wave_after_the_period(app, client, make):
    with freeze_time(DAY):
        setup = detractor_survey(make)
        answer(client, setup.link, nps=2, contact="kim@example.com")
    _retain(app, setup.project_id)
    with app.app_context():
        wave = db.session.get(Wave, setup.link.wave_id)
        wave.status, wave.closes_at = "closed", DAY + timedelta(days=1)
        db.session.commit()
    _run_retention(app, DAY + timedelta(days=30))
    with app.app_context():
        assert db.session.scalar(select(FollowUpCase.contact_details)) == "kim@example.com"
    _run_retention(app, DAY + timedelta(days=31, minutes=1))
    with app.app_context():
        [case] = db.session.scalars(select(FollowUpCase)).all()
        assert (case.contact_name, case.contact_details) == ("", "")
        assert case.status == "open" and case.opened_at is not None
