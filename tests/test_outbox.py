"""E-mail leaves through a transactional outbox: committed with its cause, delivered once after.

A local SMTP sink (``tests/smtp_sink.py``) counts what a mail server would have accepted.
"""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from surveyor import scheduler
from surveyor.extensions import db
from surveyor.models import Invitation, OutboxMessage, SurveyLink, Wave
from surveyor.models.base import utcnow
from surveyor.services.messaging import mail, outbox
from surveyor.services.surveys import surveys
from surveyor.services.waves import scheduling
from tests.smtp_sink import SmtpSink

DAY = 86_400


@pytest.fixture
def smtp(app):
    sinks = []

    def start(**options) -> SmtpSink:
        sink = SmtpSink(**options).__enter__()
        sink.configure(app)
        sinks.append(sink)
        return sink

    yield start
    for sink in sinks:
        sink.__exit__()
    for name in ("SMTP_HOST", "SMTP_PORT", "SMTP_STARTTLS"):
        app.config.pop(name, None)


def _messages(app) -> list[OutboxMessage]:
    with app.app_context():
        found = list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
        for message in found:
            db.session.expunge(message)
        return found


def test_a_rolled_back_transaction_sends_nothing(app, make, smtp):
    sink = smtp()
    project = make.project()
    with app.app_context():
        mail.send("kim@example.com", "Hello", "Body", project_id=project.id)
        db.session.flush()
        db.session.rollback()
        assert outbox.deliver_due(utcnow()) == 0
    assert sink.messages == []
    assert _messages(app) == []


def test_a_committed_message_is_delivered_once_with_its_message_id(app, make, smtp):
    sink = smtp()
    project = make.project()
    with app.app_context():
        mail.send("kim@example.com", "Hello", "Body", project_id=project.id)
        db.session.commit()
        assert sink.messages == []  # nothing leaves before the scheduler's delivery step
        assert outbox.deliver_due(utcnow()) == 1
        assert outbox.deliver_due(utcnow() + timedelta(days=1)) == 0
    [message] = _messages(app)
    assert (message.status, message.attempts, message.last_error) == ("sent", 1, None)
    assert message.delivered_at is not None
    assert [m["Message-ID"] for m in sink.messages] == [message.message_id]
    assert sink.messages[0]["To"] == "kim@example.com"


def test_links_in_delivered_invitations_point_to_committed_tokens(app, make, smtp):
    sink = smtp()
    project = make.project()
    instrument = make.kano_instrument(make.touchpoint(project))
    start = utcnow() - timedelta(days=40)
    make.plan(
        project,
        recurrence="monthly",
        starts_at=start,
        field_seconds=60 * DAY,
        instrument_ids=[instrument.id],
    )
    with app.app_context():
        scheduling.open_due_waves(start)
        link = db.session.scalar(select(SurveyLink))
        surveys.add_invitations(link, [("ann@example.com", "Ann"), ("bo@example.com", "Bo")])
        db.session.commit()
    for _name, job in scheduler.JOBS:
        scheduler.run_job(app, _name, job)
    assert len(sink.messages) == 2
    with app.app_context():
        tokens = set(db.session.scalars(select(Invitation.token)))
        newest = db.session.scalar(select(Wave.id).order_by(Wave.sequence.desc()).limit(1))
        new_tokens = set(
            db.session.scalars(
                select(Invitation.token).join(SurveyLink).where(SurveyLink.wave_id == newest)
            )
        )
    for message in sink.messages:
        token = re.search(r"/s/(\S+)", message.get_content()).group(1)
        assert token in tokens and token in new_tokens


def test_a_refused_message_is_retried_with_back_off_then_given_up(app, make, smtp):
    sink = smtp(refuse=True)
    project = make.project()
    now = utcnow()
    with app.app_context():
        mail.send("kim@example.com", "Hello", "Body", project_id=project.id)
        db.session.commit()
        assert outbox.deliver_due(now) == 0
    [message] = _messages(app)
    assert (message.status, message.attempts) == ("pending", 1)
    assert "451" in message.last_error
    with app.app_context():
        assert outbox.deliver_due(now + timedelta(seconds=30)) == 0  # not due yet
        assert len(_messages(app)) == 1 and _messages(app)[0].attempts == 1
        sink.refuse = False
        assert outbox.deliver_due(now + outbox.retry_delay(1)) == 1
    assert _messages(app)[0].status == "sent"
    assert len(sink.messages) == 1

    sink.refuse = True
    with app.app_context():
        mail.send("bo@example.com", "Hello", "Body", project_id=project.id)
        db.session.commit()
        db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.recipient == "bo@example.com")
            .values(attempts=outbox.MAX_ATTEMPTS - 1)
        )
        db.session.commit()
        outbox.deliver_due(now)
    given_up = _messages(app)[1]
    assert (given_up.status, given_up.attempts, given_up.next_attempt_at) == (
        "failed",
        outbox.MAX_ATTEMPTS,
        None,
    )


def test_concurrent_deliverers_send_every_message_once(app, make, smtp):
    sink = smtp()
    project = make.project()
    with app.app_context():
        for number in range(20):
            mail.send(f"guest{number}@example.com", "Hello", "Body", project_id=project.id)
        db.session.commit()

    def deliver() -> None:
        with app.app_context():
            outbox.deliver_due(utcnow())
            db.session.remove()

    threads = [threading.Thread(target=deliver) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    ids = [message["Message-ID"] for message in sink.messages]
    assert len(ids) == len(set(ids)) == 20
    assert {message.status for message in _messages(app)} == {"sent"}


def test_a_claim_abandoned_by_a_killed_scheduler_is_delivered_again_with_the_same_id(
    app, make, smtp
):
    sink = smtp()
    project = make.project()
    now = utcnow()
    with app.app_context():
        message = mail.send("kim@example.com", "Hello", "Body", project_id=project.id)
        message.status, message.attempts, message.next_attempt_at = "sending", 1, now + outbox.LEASE
        db.session.commit()
        assert outbox.deliver_due(now) == 0  # another scheduler may still be talking to SMTP
        assert outbox.deliver_due(now + outbox.LEASE) == 1
    [stored] = _messages(app)
    assert (stored.status, stored.attempts) == ("sent", 2)
    assert sink.messages[0]["Message-ID"] == stored.message_id


def test_without_smtp_messages_wait_in_the_outbox(app, make):
    project = make.project()
    with app.app_context():
        mail.send("kim@example.com", "Hello", "Body", project_id=project.id)
        db.session.commit()
        assert outbox.deliver_due(utcnow()) == 0
    assert [(m.status, m.attempts) for m in _messages(app)] == [("pending", 0)]


def test_a_survey_is_stored_while_the_scheduler_waits_for_a_slow_mail_server(
    app, make, smtp, client
):
    """Before the outbox, the scheduler held SQLite's write lock during SMTP: submits got 500."""
    sink = smtp(hold=True)
    project = make.project()
    instrument = make.kano_instrument(make.touchpoint(project))
    start = utcnow() - timedelta(days=40)
    make.plan(
        project,
        recurrence="monthly",
        starts_at=start,
        field_seconds=60 * DAY,
        instrument_ids=[instrument.id],
    )
    with app.app_context():
        scheduling.open_due_waves(start)
        surveys.add_invitations(db.session.scalar(select(SurveyLink)), [("ann@example.com", "")])
        db.session.commit()
    _instrument, _wave, link = make.open_survey()

    def tick() -> None:
        for name, job in scheduler.JOBS:
            scheduler.run_job(app, name, job)

    ticking = threading.Thread(target=tick)
    ticking.start()
    try:
        assert sink.receiving.wait(timeout=60)
        page = client.get(f"/s/{link.token}")
        token = re.search(rb'name="form_token" value="([^"]+)"', page.data).group(1).decode()
        answers = {"form_token": token}
        for number in (1, 2, 3):
            answers |= {f"f-f{number}": "1", f"d-f{number}": "5"}
        submitted = client.post(f"/s/{link.token}", data=answers)
    finally:
        sink.release()
        ticking.join(timeout=120)
    assert submitted.status_code == 303
    assert len(sink.messages) == 1
