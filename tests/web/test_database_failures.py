"""A database that drops the connection or has a full disk: the sender learns nothing was saved.

PostgreSQL: the request's own server process is terminated (``pg_terminate_backend``) just
before it stores the response, as when the database restarts or a proxy drops the connection.
SQLite: the driver reports a full disk for that statement (raised at the DBAPI level, where
SQLite itself would raise it). Either way the answer is 503 with "not saved", and sending again
stores the answers once.
"""

from __future__ import annotations

import re
import sqlite3
import time
import uuid

import pytest
from sqlalchemy import event, func, select, text

from surveyor.extensions import db
from surveyor.models import Assignment, Response, Touchpoint, User
from surveyor.services.accounts import api_tokens
from tests.web.test_shop_submit import payload, submit_url

NOT_SAVED = b"Your answers were not saved. Please send them again."


class Outage:
    """Makes the next statement that contains ``fragment`` fail as a lost database would."""

    def __init__(self, app) -> None:
        with app.app_context():
            self.engine = db.engine
        self.fragment: str | None = None
        self.failures = 0
        event.listen(self.engine, "before_cursor_execute", self._before)

    def next(self, fragment: str) -> None:
        self.fragment = fragment

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._before)

    def _before(self, connection, _cursor, statement, *_args) -> None:
        if self.fragment is None or self.fragment not in statement:
            return
        self.fragment = None
        self.failures += 1
        if self.engine.dialect.name == "postgresql":
            self._terminate(connection.connection.dbapi_connection.info.backend_pid)
        else:
            raise sqlite3.OperationalError("database or disk is full")

    def _terminate(self, pid: int) -> None:
        with self.engine.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            gone = text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid")
            deadline = time.monotonic() + 10
            while other.execute(gone, {"pid": pid}).scalar() and time.monotonic() < deadline:
                time.sleep(0.05)
            other.commit()


@pytest.fixture
def outage(app):
    broken = Outage(app)
    yield broken
    broken.close()


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Response))


def _survey_answers(client, url: str) -> dict:
    page = client.get(url)
    token = re.search(rb'name="form_token" value="([^"]+)"', page.data).group(1).decode()
    answers = {"form_token": token}
    for number in (1, 2, 3):
        answers |= {f"f-f{number}": "1", f"d-f{number}": "5"}
    return answers


def test_a_survey_sent_while_the_database_is_lost_is_not_saved_and_can_be_sent_again(
    app, client, make, outage
):
    _instrument, _wave, link = make.open_survey()
    url = f"/s/{link.token}"
    answers = _survey_answers(client, url)
    outage.next("INSERT INTO response")
    refused = client.post(url, data=answers)
    assert outage.failures == 1
    assert refused.status_code == 503
    assert NOT_SAVED in refused.data
    assert refused.headers["Retry-After"]
    assert _count(app) == 0
    assert client.post(url, data=answers).status_code == 303
    assert _count(app) == 1


def test_in_german_too(app, client, make, outage):
    _instrument, _wave, link = make.open_survey()
    url = f"/s/{link.token}"
    answers = _survey_answers(client, url)
    outage.next("INSERT INTO response")
    refused = client.post(url, data=answers, headers={"Accept-Language": "de"})
    assert refused.status_code == 503
    assert "Ihre Antworten wurden nicht gespeichert" in refused.get_data(as_text=True)


def test_a_shop_sync_gets_503_json_and_the_phone_keeps_the_shop(app, client, auth, make, outage):
    instrument = make.checklist_instrument()
    assignment = make.assignment(instrument)
    with app.app_context():
        shopper = db.session.get(Assignment, assignment.id).shopper
        db.session.expunge(shopper)
    version_id = make.items_of(instrument)[0].version_id
    auth.login(shopper)
    shop = payload(version_id)
    outage.next("INSERT INTO response")
    refused = client.post(submit_url(assignment), json=shop)
    assert refused.status_code == 503
    assert refused.json["message"] == NOT_SAVED.decode()
    assert _count(app) == 0
    assert client.post(submit_url(assignment), json=shop).status_code == 201


def test_an_api_write_gets_503_json(app, client, make, outage):
    instrument, wave, _link = make.open_survey()
    with app.app_context():
        customer = db.session.get(Touchpoint, instrument.touchpoint_id).project.client
        db.session.expunge(customer)
    consultant = make.user("consultant", clients=(customer,))
    with app.app_context():
        _token, secret = api_tokens.create_token(db.session.get(User, consultant.id), "Kiosk")
        db.session.commit()
    answers = {f"f{n}": {"functional": 1, "dysfunctional": 5} for n in (1, 2, 3)}
    body = {
        "instrument_id": instrument.id,
        "wave_id": wave.id,
        "respondent_group": "customer",
        "submission_id": uuid.uuid4().hex,
        "answers": answers,
    }
    headers = {"Authorization": f"Bearer {secret}"}
    outage.next("INSERT INTO response")
    refused = client.post("/api/v1/responses", json=body, headers=headers)
    assert refused.status_code == 503, refused.json
    assert refused.json["code"] == "unavailable"
    assert "not saved" in refused.json["message"]
    assert _count(app) == 0


def test_a_page_read_while_the_database_is_lost_says_try_again(app, client, make, outage):
    _instrument, _wave, link = make.open_survey()
    outage.next("FROM survey_link")
    page = client.get(f"/s/{link.token}")
    assert outage.failures == 1
    assert page.status_code == 503
    assert b"Please try again in a moment." in page.data
    assert client.get(f"/s/{link.token}").status_code == 200


def test_a_failing_rollback_at_the_end_of_a_request_does_not_reach_the_server(app, client, make):
    """The last ROLLBACK runs after the answer is made, outside Flask's error handling; raised
    there, it reached gunicorn, which answered its own bare error page."""
    _instrument, _wave, link = make.open_survey()
    with app.app_context():
        engine = db.engine
    failed = []

    def rollback_fails(_connection) -> None:
        if not failed:
            failed.append(True)
            raise sqlite3.OperationalError("disk I/O error")

    event.listen(engine, "rollback", rollback_fails)
    try:
        page = client.get(f"/s/{link.token}")
    finally:
        event.remove(engine, "rollback", rollback_fails)
    assert failed
    assert page.status_code == 200
    assert client.get(f"/s/{link.token}").status_code == 200
