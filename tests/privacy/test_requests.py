"""A consultant finds, exports and erases what is stored about one person (Art. 15 and 17)."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import (
    AuditEvent,
    Invitation,
    KanoAnswer,
    OutboxMessage,
    Photo,
    Response,
    ShopVisit,
    User,
)
from tests.privacy.helpers import PERSON, answer_survey, build_scene


@pytest.fixture
def scene(app, make, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "PHOTO_STORAGE_PATH", str(tmp_path))
    return build_scene(app, make, tmp_path)


def _count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_the_page_lists_everything_stored_about_the_person(client, auth, make, scene):
    assert answer_survey(client, scene.invitation.token).status_code == 303
    auth.login(make.user("consultant", clients=(scene.client,)))
    page = client.post("/privacy/requests", data={"email": " Kim@Example.com "})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Stored about kim@example.com" in text
    assert "1 response given through these invitations." in text
    assert "Your opinion" in text
    assert "1 visit" in text and "1 with GPS position" in text and "1 photo" in text


def test_a_consultant_of_another_client_finds_nothing(client, auth, make, scene):
    auth.login(make.user("consultant", clients=(make.client(),)))
    page = client.post("/privacy/requests", data={"email": PERSON})
    assert "Nothing is stored about this e-mail address" in page.get_data(as_text=True)


def test_viewers_and_shoppers_do_not_reach_the_page(client, auth, make, scene):
    auth.login(make.user("viewer", clients=(scene.client,)))
    assert client.get("/privacy/requests").status_code == 404
    assert client.post("/privacy/requests/erase", data={"email": PERSON}).status_code == 404


def test_a_malformed_address_gets_a_clear_422(client, auth, make):
    auth.login(make.user("admin"))
    page = client.post("/privacy/requests", data={"email": "not an address"})
    assert page.status_code == 422
    assert "Invalid email address" in page.get_data(as_text=True)
    assert client.post("/privacy/requests/export.json", data={}).status_code == 400


def test_the_copy_downloads_as_json_and_workbook_and_is_audited(client, auth, make, scene):
    assert answer_survey(client, scene.invitation.token).status_code == 303
    auth.login(make.user("admin", email="dpo@consultancy.example"))
    download = client.post("/privacy/requests/export.json", data={"email": PERSON})
    assert download.status_code == 200
    assert download.headers["Cache-Control"] == "no-store"
    document = json.loads(download.data)
    assert document["email"] == PERSON
    assert document["invitations"][0]["name"] == "Kim"
    assert document["responses"][0]["kano"]["f1"] == {
        "functional": 1,
        "dysfunctional": 5,
        "importance": None,
    }
    assert document["messages"][0]["body"] == "Hello Kim"
    assert document["shopper"]["name"] == "Kim Shopper"
    assert document["visits"][0]["latitude"] == 52.52
    assert len(document["photos"]) == 1
    workbook = client.post("/privacy/requests/export.xlsx", data={"email": PERSON})
    sheets = load_workbook(io.BytesIO(workbook.data), read_only=True).sheetnames
    assert {"person", "invitations", "responses", "visits", "photos"} <= set(sheets)
    with make.app.app_context():
        exported = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "person.exported")
        ).all()
        assert [event.details["format"] for event in exported] == ["json", "xlsx"]
        assert all(event.actor_email == "dpo@consultancy.example" for event in exported)


def test_erasure_needs_a_confirmation(client, auth, make, scene):
    auth.login(make.user("admin"))
    page = client.post("/privacy/requests/erase", data={"email": PERSON})
    assert page.status_code == 422
    assert "Tick the box to confirm the erasure." in page.get_data(as_text=True)
    assert _count(make.app, Invitation) == 1


def test_erasure_removes_the_person_and_the_log_says_only_that_it_happened(
    app, client, auth, make, scene
):
    assert answer_survey(client, scene.invitation.token).status_code == 303
    other = make.invitation(scene.link, "someone.else@example.com")
    assert answer_survey(client, other.token).status_code == 303
    auth.login(make.user("admin", email="dpo@consultancy.example"))
    erased = client.post("/privacy/requests/erase", data={"email": PERSON, "confirm": "y"})
    assert erased.status_code == 302
    assert _count(app, Invitation, Invitation.email == PERSON) == 0
    assert _count(app, OutboxMessage) == 0
    assert _count(app, Photo) == 0
    assert not scene.photo_file.exists()
    # the other respondent's answers stay; Kim's are gone with her invitation
    assert _count(app, Response, Response.respondent_group == "customer") == 1
    assert _count(app, KanoAnswer) == 3
    with app.app_context():
        visit = db.session.scalar(select(ShopVisit))
        assert visit.latitude is None and visit.visit_date is not None
        account = db.session.get(User, scene.shopper.id)
        assert account.email.endswith("@erased.invalid") and account.name == ""
        assert not account.active
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person.erased"))
        assert event.actor_email == "dpo@consultancy.example"
        assert PERSON not in json.dumps([event.target, event.details])
    again = client.post("/privacy/requests", data={"email": PERSON})
    assert "Nothing is stored about this e-mail address" in again.get_data(as_text=True)
    log = client.get("/admin/audit?action=person.erased")
    assert "person.erased" in log.get_data(as_text=True)


def test_a_consultant_erases_the_shops_traces_but_not_the_global_account(
    app, client, auth, make, scene
):
    auth.login(make.user("consultant", clients=(scene.client,)))
    data = {"email": PERSON, "confirm": "y"}
    assert client.post("/privacy/requests/erase", data=data).status_code == 302
    assert _count(app, Photo) == 0
    with app.app_context():
        assert db.session.get(User, scene.shopper.id).email == PERSON


def test_admins_also_find_messages_outside_any_project(app, client, auth, make):
    with app.app_context():
        db.session.add(OutboxMessage(recipient=PERSON, subject="Welcome", body="Hi"))
        db.session.commit()
    auth.login(make.user("consultant", clients=(make.client(),)))
    page = client.post("/privacy/requests", data={"email": PERSON}).get_data(as_text=True)
    assert "Welcome" not in page
    auth.logout()
    auth.login(make.user("admin"))
    page = client.post("/privacy/requests", data={"email": PERSON}).get_data(as_text=True)
    assert "Welcome" in page
    erased = client.post("/privacy/requests/erase", data={"email": PERSON, "confirm": "y"})
    assert erased.status_code == 302
    assert _count(app, OutboxMessage) == 0


def test_addresses_stored_with_capitals_are_found_and_erased(app, client, auth, make, scene):
    """Rows written before addresses were lower-cased (or typed so by a CRM) still name Kim:
    the search and the erasure find them whatever the capitals."""
    with app.app_context():
        db.session.get(Invitation, scene.invitation.id).email = "Kim@Example.COM"
        db.session.scalar(select(OutboxMessage)).recipient = "KIM@example.com"
        db.session.get(User, scene.shopper.id).email = "Kim@Example.com"
        db.session.commit()
    auth.login(make.user("admin"))
    page = client.post("/privacy/requests", data={"email": "kim@EXAMPLE.com"})
    text = page.get_data(as_text=True)
    assert "Nothing is stored" not in text
    assert "Your opinion" in text and "1 visit" in text
    erased = client.post("/privacy/requests/erase", data={"email": PERSON, "confirm": "y"})
    assert erased.status_code == 302
    assert _count(app, Invitation) == 0
    assert _count(app, OutboxMessage) == 0
    with app.app_context():
        assert db.session.get(User, scene.shopper.id).email.endswith("@erased.invalid")
