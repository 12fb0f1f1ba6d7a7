"""Logging in and out, roles, throttling and the language of the interface."""

import pytest

from tests.factories import PASSWORD


def test_login_page_renders(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert b'name="password"' in response.data


def test_login_with_valid_credentials_reaches_the_workspace(client, auth, make):
    user = make.user(role="admin")
    response = auth.login(user)
    assert response.status_code == 302
    assert client.get("/clients/").status_code == 200


def test_a_shopper_lands_on_their_assignments_not_the_workspace(client, auth, make):
    shopper = make.shopper()
    auth.login(shopper)
    response = client.get("/", follow_redirects=True)
    assert response.request.path == "/shop/"
    assert b'href="/clients/"' not in response.data


def test_wrong_password_is_refused_with_a_message(client, auth, make):
    user = make.user()
    response = auth.login(user, password="wrong password")
    assert response.status_code == 422
    assert b"E-mail or password is wrong." in response.data
    assert client.get("/clients/").status_code == 302


def test_email_is_case_insensitive(client, make):
    make.user(email="Anna@Example.com")
    response = client.post("/login", data={"email": "ANNA@example.com", "password": PASSWORD})
    assert response.status_code == 302


def test_missing_fields_are_named(client):
    response = client.post("/login", data={"email": ""})
    assert response.status_code == 422
    assert b"This field is required." in response.data


def test_logout_ends_the_session(client, auth, make):
    auth.login(make.user())
    auth.logout()
    assert client.get("/clients/").status_code == 302


def test_pages_require_login(client):
    response = client.get("/clients/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_next_parameter_cannot_redirect_elsewhere(client, make):
    user = make.user()
    response = client.post(
        "/login?next=//evil.example/x", data={"email": user.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/"


def test_next_parameter_returns_to_the_page(client, make):
    user = make.user()
    response = client.post(
        "/login?next=/clients/", data={"email": user.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/clients/"


def test_repeated_failures_throttle_the_account_even_with_the_right_password(client, make, app):
    user = make.user()
    for _ in range(app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]):
        client.post("/login", data={"email": user.email, "password": "nope nope"})
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert b"Too many failed log-ins" in response.data


def test_throttling_is_stored_in_the_database_not_the_process(app, make):
    """A second app (another worker process) sees the same failures."""
    from surveyor import create_app

    user = make.user()
    other_worker = create_app(dict(app.config))
    with other_worker.test_client() as other:
        for _ in range(app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]):
            other.post("/login", data={"email": user.email, "password": "nope nope"})
    response = app.test_client().post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429


def test_inactive_user_cannot_log_in(client, make, app):
    from surveyor.extensions import db
    from surveyor.models import User

    user = make.user()
    with app.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()
    assert (
        client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 422
    )


@pytest.mark.parametrize(
    ("header", "expected"), [("de-DE,de;q=0.9", "Anmelden"), ("en-GB,en;q=0.8", "Log in")]
)
def test_login_page_follows_the_browser_language(client, header, expected):
    response = client.get("/login", headers={"Accept-Language": header})
    assert expected.encode() in response.data


def test_user_setting_overrides_the_browser_language(client, auth, make):
    auth.login(make.user(role="admin", locale="de"))
    response = client.get("/clients/", headers={"Accept-Language": "en"})
    assert b"Kunden" in response.data


def test_user_can_change_the_interface_language(client, auth, make):
    auth.login(make.user(role="admin"))
    client.post("/settings", data={"locale": "de"})
    assert b"Abmelden" in client.get("/clients/").data


def _stored_as(app, user, email: str) -> None:
    """An account whose address was stored with capitals (before addresses were lower-cased)."""
    from surveyor.extensions import db
    from surveyor.models import User

    with app.app_context():
        db.session.get(User, user.id).email = email
        db.session.commit()


def test_an_account_stored_with_capitals_logs_in_and_resets_its_password(app, client, make):
    from sqlalchemy import select

    from surveyor.extensions import db
    from surveyor.models import OutboxMessage

    _stored_as(app, make.user(), "Kim@Example.org")
    response = client.post("/login", data={"email": "kim@example.org", "password": PASSWORD})
    assert response.status_code == 302
    client.post("/logout")
    client.post("/password/forgot", data={"email": "KIM@EXAMPLE.ORG"})
    with app.app_context():
        assert db.session.scalars(select(OutboxMessage.recipient)).all() == ["Kim@Example.org"]


def test_accounts_differing_only_in_capitals_stay_two(app, client, make):
    """Nothing merges them: each logs in with its own password, typed as stored; a third with
    the same address in other capitals cannot be created."""
    from surveyor.extensions import db
    from surveyor.services.accounts.accounts import AccountError, create_user

    older = make.user(password="password of Kim")
    _stored_as(app, older, "Kim@Example.org")
    _stored_as(app, make.user(password="password of kim"), "kim@example.org")
    for typed, password in (
        ("Kim@Example.org", "password of Kim"),
        ("kim@example.org", "password of kim"),
    ):
        assert client.post("/login", data={"email": typed, "password": password}).status_code == 302
        client.post("/logout")
    with app.app_context(), pytest.raises(AccountError, match="exists already"):
        create_user("KIM@example.ORG", "long enough pw", "viewer")
    with app.app_context():
        db.session.rollback()


def test_an_address_with_an_accented_capital_is_one_address_on_every_database(app, client, make):
    """``JÖRG@…`` stored before addresses were lower-cased logs in as ``jörg@…``: SQLite's own
    ``lower()`` folds ASCII only, so the app gives SQLite the same Unicode lower case as
    PostgreSQL's and Python's (surveyor/database.py)."""
    _stored_as(app, make.user(), "JÖRG.ÄRGER@Example.org")
    response = client.post("/login", data={"email": "jörg.ärger@example.org", "password": PASSWORD})
    assert response.status_code == 302
