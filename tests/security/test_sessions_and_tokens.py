"""Session cookies and secrets: HttpOnly, SameSite, Secure behind HTTPS; tokens of >= 128 bits.

Reproduce: ``.venv/bin/python -m pytest tests/security/test_sessions_and_tokens.py -q``.
"""

from __future__ import annotations

import math

from surveyor import create_app
from surveyor.extensions import db
from surveyor.models import SurveyLink, User
from surveyor.services.accounts import api_tokens
from surveyor.services.surveys import surveys
from tests.conftest import testing_config as base_config
from tests.factories import PASSWORD

SAMPLES = 300


def _login_cookie(app, user):
    client = app.test_client()
    assert (
        client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    )
    return client.get_cookie("session")


def test_session_cookie_is_httponly_and_samesite_lax(app, make):
    cookie = _login_cookie(app, make.user())
    assert cookie.http_only and cookie.same_site == "Lax"
    assert not cookie.secure  # plain-HTTP development default


def test_session_cookie_is_secure_behind_https(app, make, monkeypatch):
    """``SURVEYOR_SECURE_COOKIES=1`` (README, production) makes every cookie TLS-only."""
    monkeypatch.setenv("SURVEYOR_SECURE_COOKIES", "1")
    monkeypatch.setenv("SURVEYOR_BEHIND_PROXY", "1")
    secure_app = create_app(base_config(app.config["SQLALCHEMY_DATABASE_URI"]))
    assert secure_app.config["REMEMBER_COOKIE_SECURE"] is True
    cookie = _login_cookie(secure_app, make.user())
    assert cookie.secure and cookie.http_only and cookie.same_site == "Lax"


def test_behind_the_proxy_survey_links_are_https(app, make, monkeypatch):
    monkeypatch.setenv("SURVEYOR_BEHIND_PROXY", "1")
    proxied = create_app(base_config(app.config["SQLALCHEMY_DATABASE_URI"]))
    *_objects, link = make.open_survey()
    consultant = make.user("admin")
    client = proxied.test_client()
    client.post("/login", data={"email": consultant.email, "password": PASSWORD})
    page = client.get(f"/links/{link.id}", headers={"X-Forwarded-Proto": "https"})
    assert f"https://localhost/s/{link.token}".encode() in page.data


def _bits(tokens: list[str]) -> float:
    """Entropy estimate: length x log2(alphabet actually used), over many samples."""
    alphabet = set("".join(tokens))
    return min(map(len, tokens)) * math.log2(len(alphabet))


def test_survey_and_invitation_tokens_have_at_least_128_bits(app, make):
    *_objects, link = make.open_survey()
    with app.app_context():
        attached = db.session.get(SurveyLink, link.id)
        invitations = surveys.add_invitations(
            attached, [(f"p{n}@example.com", "") for n in range(SAMPLES)]
        )
        db.session.flush()
        tokens = [invitation.token for invitation in invitations] + [link.token]
        db.session.rollback()
    assert len(set(tokens)) == len(tokens)
    assert _bits(tokens) >= 128, f"{_bits(tokens):.0f} bits"


def test_api_tokens_have_at_least_128_bits(app, make):
    user = make.user()
    with app.app_context():
        owner = db.session.get(User, user.id)
        secrets = [api_tokens.create_token(owner, "t")[1] for _ in range(SAMPLES)]
        db.session.rollback()
    bodies = [secret.removeprefix(api_tokens.TOKEN_PREFIX) for secret in secrets]
    assert len(set(bodies)) == SAMPLES
    assert _bits(bodies) >= 128, f"{_bits(bodies):.0f} bits"


def test_generated_secret_key_has_256_bits(tmp_path):
    from surveyor.config import instance_secret_key

    key = instance_secret_key(tmp_path)
    assert len(bytes.fromhex(key)) * 8 >= 256
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
