"""Every page is hardened, and errors explain themselves without a stack trace."""

import logging

import pytest


def test_security_headers_on_every_page(client):
    for url in ("/login", "/does-not-exist"):
        headers = client.get(url).headers
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/nope")
    assert response.status_code == 404
    assert b"This page does not exist" in response.data


def test_csrf_is_enforced_when_enabled(app, client, make):
    user = make.user()
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post("/login", data={"email": user.email, "password": "x"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400
    assert b"Your form has expired" in response.data


def test_session_cookie_is_httponly_and_samesite(client, auth, make):
    auth.login(make.user())
    cookie = client.get_cookie("session")
    assert cookie.http_only
    assert cookie.same_site == "Lax"


def test_health_check(client):
    assert client.get("/healthz").json == {"status": "ok"}


@pytest.fixture
def failing_app(tmp_path):
    from surveyor import create_app

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'e.sqlite'}", "SECRET_KEY": "x"}
    )

    # on the app, not a blueprint: an unlisted blueprint needs a signed-in user (role_guard.py)
    @app.get("/boom")
    def boom():
        raise RuntimeError("kaputt")

    return app


def test_unexpected_errors_are_logged_and_hidden(failing_app, caplog):
    with caplog.at_level(logging.ERROR, logger="surveyor.errors"):
        response = failing_app.test_client().get("/boom")
    assert response.status_code == 500
    assert b"kaputt" not in response.data
    assert b"The error was logged" in response.data
    assert "GET /boom" in caplog.text


def test_every_id_in_a_url_uses_the_one_database_id_converter(app):
    """Workspace and API share one converter, so an id beyond MAX_ID is a 404 everywhere."""
    from werkzeug.routing.converters import NumberConverter

    from surveyor.models.base import MAX_ID
    from surveyor.web.converters import DatabaseIdConverter

    numeric = [
        (rule.rule, converter)
        for rule in app.url_map.iter_rules()
        for converter in rule._converters.values()
        if isinstance(converter, NumberConverter)
    ]
    assert any(path.startswith("/api/v1/") for path, _ in numeric)
    for path, converter in numeric:
        assert type(converter) is DatabaseIdConverter, path
        assert (converter.min, converter.max) == (1, MAX_ID), path
