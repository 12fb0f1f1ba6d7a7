"""CSRF: every state-changing route refuses a request without the session's CSRF token.

Runs against a second app on the same database with ``WTF_CSRF_ENABLED = True`` (the shared test
app switches CSRF off to keep other tests short). Exemptions are listed here with their reason;
a newly exempted view fails the test until it is reviewed and added.
Reproduce: ``.venv/bin/python -m pytest tests/security/test_csrf.py -q``.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask

from surveyor import create_app
from surveyor.extensions import csrf
from tests.conftest import testing_config as base_config
from tests.security.conftest import RoleClient, fingerprint
from tests.security.routes import ALL_ROUTES, MissingKind, Route

REVIEWED_EXEMPTIONS = {
    "survey": "public questionnaire: a signed, single-purpose form token replaces the session "
    "token, and the survey grants no ambient authority (surveyor/web/survey.py)",
    "api": "bearer tokens only; the API never reads the session cookie (tests below)",
    "workshop_join.add_card": "JSON only (no cross-site form can send it without a preflight) "
    "and the participant cookie is SameSite=Lax; an offline phone's session token would be stale "
    "(surveyor/web/workshop_cookie.py)",
}
EXPIRED = b"Your form has expired"
STATE_CHANGING = [route for route in ALL_ROUTES if route.changes_state]


@pytest.fixture
def csrf_app(app: Flask) -> Flask:
    config = base_config(app.config["SQLALCHEMY_DATABASE_URI"]) | {"WTF_CSRF_ENABLED": True}
    return create_app(config)


def _exempt_blueprint(app: Flask, route: Route) -> str | None:
    blueprint = route.endpoint.partition(".")[0]
    if app.blueprints.get(blueprint) in csrf._exempt_blueprints:
        return blueprint
    view = app.view_functions[route.endpoint]
    if f"{view.__module__}.{view.__name__}" in csrf._exempt_views:
        return route.endpoint
    return None


@pytest.mark.parametrize("route", STATE_CHANGING, ids=lambda route: route.endpoint)
def test_state_changing_route_needs_the_csrf_token(route: Route, csrf_app, own, admin):
    exempt = _exempt_blueprint(csrf_app, route)
    if exempt is not None:
        assert exempt in REVIEWED_EXEMPTIONS, f"{exempt} is exempt from CSRF without review"
        pytest.skip(f"exempt: {REVIEWED_EXEMPTIONS[exempt]}")
    try:
        urls = route.urls(own.ids)
    except MissingKind as missing:
        pytest.skip(f"tenant fixture has no {missing.args[0]!r} yet (tests/security/conftest.py)")
    user = RoleClient(csrf_app, admin)
    before = fingerprint(csrf_app)
    for url in urls:
        for method in set(route.methods) - {"GET"}:
            response = user.client.open(url, method=method, data={"name": "forged"})
            assert response.status_code == 400, f"{method} {url}"
            assert EXPIRED in response.data or b"refused" in response.data
    assert fingerprint(csrf_app) == before


def test_the_same_form_with_its_token_is_accepted(csrf_app, own, admin):
    """The control: the refusal above is CSRF, not some other validation."""
    user = RoleClient(csrf_app, admin)
    url = f"/projects/{own.ids['project']}/phases/new"
    page = user.client.get(url)
    token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page.data)
    token = token or re.search(rb'name="csrf_token" value="([^"]+)"', page.data)
    data = {"csrf_token": token.group(1).decode(), "name": "Aftercare", "kind": "after_sales"}
    assert user.client.post(url, data=data).status_code == 302


API_WRITES = [r for r in STATE_CHANGING if r.endpoint.startswith("api.")]


@pytest.mark.parametrize("route", API_WRITES, ids=lambda route: route.endpoint)
def test_the_csrf_exempt_api_ignores_the_session_cookie(route: Route, csrf_app, own, admin):
    """A browser session alone (what a forged cross-site request carries) gets 401."""
    try:
        urls = route.urls(own.ids)
    except MissingKind as missing:
        pytest.skip(f"tenant fixture has no {missing.args[0]!r} yet")
    user = RoleClient(csrf_app, admin)
    before = fingerprint(csrf_app)
    for url in urls:
        for method in set(route.methods) - {"GET"}:
            response = user.client.open(url, method=method, json={"name": "forged"})
            assert response.status_code == 401, f"{method} {url}"
    assert fingerprint(csrf_app) == before
