"""Sessions end on the server: logout, a password change or reset, deactivation (issue 18).

A session cookie is signed, not stored; before the fix a copy taken before logout kept working.
Also here: the CSRF secret is new after login and logout, password reset by e-mail, the login's
``next`` parameter, and ``Cache-Control: no-store`` on what signed-in users see.
Reproduce: ``.venv/bin/python -m pytest tests/security/test_session_revocation.py -q``.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import OutboxMessage, PasswordReset, User
from tests.factories import PASSWORD

NEW_PASSWORD = "a new long password"


def _logged_in(app, user, password: str = PASSWORD):
    client = app.test_client()
    answer = client.post("/login", data={"email": user.email, "password": password})
    assert answer.status_code == 302
    return client


def _with_cookie_of(app, client):
    """Another browser that holds a copy of ``client``'s session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def _signed_in(client) -> bool:
    return client.get("/clients/").status_code == 200


def test_a_cookie_copied_before_logout_is_dead_after_it(app, make):
    owner = _logged_in(app, make.user())
    thief = _with_cookie_of(app, owner)
    assert _signed_in(thief)
    logout = owner.post("/logout")
    assert logout.status_code == 302
    assert logout.headers["Clear-Site-Data"] == '"cache"'
    assert not _signed_in(thief)
    assert not _signed_in(owner)


def test_deactivating_an_account_ends_its_sessions(app, make):
    user = make.user()
    client = _logged_in(app, user)
    with app.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()
    assert not _signed_in(client)


def _csrf_secret(client) -> str | None:
    with client.session_transaction() as session:
        return session.get("csrf_token")


def _token_on(page) -> str:
    return re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page.data).group(1)


def test_the_csrf_secret_is_new_after_login_and_logout(app, make):
    from surveyor import create_app
    from tests.conftest import testing_config

    csrf_app = create_app(
        testing_config(app.config["SQLALCHEMY_DATABASE_URI"]) | {"WTF_CSRF_ENABLED": True}
    )
    user = make.user()
    client = csrf_app.test_client()
    client.get("/login")
    before_login = _csrf_secret(client)
    assert before_login
    login = {
        "email": user.email,
        "password": PASSWORD,
        "csrf_token": _token_on(client.get("/login")),
    }
    assert client.post("/login", data=login).status_code == 302
    page = client.get("/settings")
    after_login = _csrf_secret(client)
    assert after_login and after_login != before_login
    assert client.post("/logout", data={"csrf_token": _token_on(page)}).status_code == 302
    client.get("/login")
    assert _csrf_secret(client) not in (None, before_login, after_login)


def test_changing_the_password_ends_the_other_sessions(app, make):
    user = make.user()
    here, elsewhere = _logged_in(app, user), _logged_in(app, user)
    wrong = here.post(
        "/password/",
        data={
            "current_password": "not it!!",
            "new_password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
        },
    )
    assert wrong.status_code == 422 and b"The current password is wrong." in wrong.data
    changed = here.post(
        "/password/",
        data={"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    assert _signed_in(here)
    assert not _signed_in(elsewhere)
    _logged_in(app, user, NEW_PASSWORD)


def _reset_link(app) -> str:
    with app.app_context():
        body = db.session.scalars(select(OutboxMessage.body)).one()
    return re.search(r"http://localhost(/password/reset/\S+)", body).group(1)


def test_a_reset_link_works_once_and_ends_every_session(app, make):
    user = make.user()
    old_session = _logged_in(app, user)
    anonymous = app.test_client()
    answer = anonymous.post("/password/forgot", data={"email": user.email.upper()})
    assert answer.status_code == 302
    link = _reset_link(app)
    with app.app_context():
        stored = db.session.scalars(select(PasswordReset.token_hash)).one()
    assert stored not in link  # only the hash is kept
    assert anonymous.get(link).headers["Cache-Control"] == "no-store"
    done = anonymous.post(link, data={"new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302
    assert not _signed_in(old_session)
    _logged_in(app, user, NEW_PASSWORD)
    again = anonymous.post(
        link, data={"new_password": "yet another one", "confirm": "yet another one"}
    )
    assert again.status_code == 410


def test_an_expired_reset_link_is_refused(app, make):
    user = make.user()
    app.test_client().post("/password/forgot", data={"email": user.email})
    link = _reset_link(app)
    with app.app_context():
        reset = db.session.scalars(select(PasswordReset)).one()
        reset.expires_at = reset.expires_at - timedelta(hours=2)
        db.session.commit()
    assert app.test_client().get(link).status_code == 410


def test_asking_for_a_reset_does_not_tell_whether_an_account_exists(app, make):
    user = make.user()
    known = app.test_client().post("/password/forgot", data={"email": user.email})
    unknown = app.test_client().post("/password/forgot", data={"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    with app.app_context():
        recipients = db.session.scalars(select(OutboxMessage.recipient)).all()
    assert recipients == [user.email]


@pytest.mark.parametrize(
    "target",
    ["////evil.example/x", "//evil.example", "/\\evil.example", "/\t/evil.example", "https://e.x/"],
)
def test_next_never_leaves_the_site(client, make, target):
    user = make.user()
    answer = client.post(
        "/login", query_string={"next": target}, data={"email": user.email, "password": PASSWORD}
    )
    assert answer.headers["Location"] == "/"


def test_signed_in_pages_are_never_stored(app, make, client, auth):
    user = make.user()
    assert "no-store" not in (client.get("/login").headers.get("Cache-Control") or "")
    auth.login(user)
    for url in ("/clients/", "/settings", "/password/"):
        assert client.get(url).headers["Cache-Control"] == "no-store", url
    assert "no-store" not in (client.get("/static/style.css").headers.get("Cache-Control") or "")


def test_the_language_picked_before_login_survives_it(app, make):
    user = make.user()
    client = app.test_client()
    client.get("/login?lang=de")
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert b"Abmelden" in client.get("/clients/").data


def test_reset_requests_cannot_flood_an_inbox(app, make):
    user = make.user()
    for _ in range(6):
        answer = app.test_client().post("/password/forgot", data={"email": user.email})
        assert answer.status_code == 302  # the same answer every time
    with app.app_context():
        assert len(db.session.scalars(select(OutboxMessage.recipient)).all()) == 3


def test_the_reset_mail_speaks_the_accounts_language(app, make):
    user = make.user()
    with app.app_context():
        db.session.get(User, user.id).locale = "de"
        db.session.commit()
    app.test_client().post("/password/forgot", data={"email": user.email})
    with app.app_context():
        subject = db.session.scalars(select(OutboxMessage.subject)).one()
    assert subject != "Reset your Surveyor password" and "Passwort" in subject
