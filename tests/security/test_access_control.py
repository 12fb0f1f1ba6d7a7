"""Access-control matrix: users of client A against every object kind of client B.

Every route whose URL names an object (from ``app.url_map``) is requested with client B's ids by
A's consultant, viewer and shopper, with every method it accepts: the answer is 401/403/404 (or
the same 4xx that an id which does not exist gets, e.g. a 415 for a wrong body, so existence is
not confirmed), the page shows nothing of B, and B's data is unchanged row for row. Survey
routes addressed by a token are public by design (the token is the credential); a token reaches
only its own survey.
Reproduce: ``.venv/bin/python -m pytest tests/security/test_access_control.py -q``.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Response
from tests.security.conftest import VICTIM_MARKER, fingerprint, quick_user
from tests.security.routes import ALL_ROUTES, MissingKind, Route

ATTACKERS = ("consultant", "viewer", "shopper")
REFUSED = (401, 403, 404)


def _by_token(route: Route) -> bool:
    """Public survey routes: their only argument is a token, and the token is the credential."""
    return bool(route._rule.arguments) and all(
        name == "token" or name.endswith("_token") for name in route._rule.arguments
    )


ID_ROUTES = [route for route in ALL_ROUTES if route.has_ids and not _by_token(route)]
PLAIN_GET_ROUTES = [route for route in ALL_ROUTES if "GET" in route.methods]


@pytest.mark.parametrize("route", ID_ROUTES, ids=lambda route: route.endpoint)
def test_another_clients_objects_are_out_of_reach(route: Route, app, as_role, own, victim):
    try:
        urls = route.urls(victim.ids)
        absent = route.urls({kind: _absent(value) for kind, value in victim.ids.items()})
    except MissingKind as missing:
        pytest.skip(f"tenant fixture has no {missing.args[0]!r} yet (tests/security/conftest.py)")
    users = {role: as_role(role) for role in ATTACKERS}
    before = fingerprint(app)
    for role, user in users.items():
        for url, nothing in zip(urls, absent, strict=True):
            for method in route.methods:
                response = user.open(method, url, **_body(method, url))
                status = response.status_code
                like_absent = status >= 400 and status == (
                    user.open(method, nothing, **_body(method, nothing)).status_code
                )
                assert status in REFUSED or like_absent, f"{role} {method} {url} -> {status}"
                assert VICTIM_MARKER.encode() not in response.get_data(), f"{role} {url}"
    assert fingerprint(app) == before, f"{route.endpoint} changed client B's data"


def _absent(value: object) -> object:
    return "x" * 32 if isinstance(value, str) else 2**31 - 1


def _body(method: str, url: str) -> dict:
    """An innocent-looking change: JSON for the API, a form for HTML pages."""
    if method == "GET":
        return {}
    if url.startswith("/api/"):
        return {"json": {"name": "hijacked"}}
    return {"data": {"name": "hijacked"}}


@pytest.mark.parametrize("route", PLAIN_GET_ROUTES, ids=lambda route: route.endpoint)
def test_own_pages_never_show_another_clients_data(route: Route, as_role, own, victim):
    """Lists, pickers and exports reachable with A's own ids contain nothing of B."""
    try:
        urls = route.urls(own.ids)
    except MissingKind as missing:
        pytest.skip(f"tenant fixture has no {missing.args[0]!r} yet (tests/security/conftest.py)")
    for role in ATTACKERS:
        user = as_role(role)
        for url in urls:
            body = user.open("GET", url).get_data()
            assert VICTIM_MARKER.encode() not in body, f"{role} GET {url} shows client B's data"


ASSIGNMENT_ROUTES = [route for route in ID_ROUTES if "assignment_id" in route._rule.arguments]


@pytest.mark.parametrize("route", ASSIGNMENT_ROUTES, ids=lambda route: route.endpoint)
def test_shoppers_reach_only_their_own_assignments(route: Route, app, make, own, as_role):
    """Another shopper of the same client is refused, as is the client's viewer."""
    from tests.security.conftest import RoleClient

    users = (RoleClient(app, quick_user(make, "shopper", own.ids["client"])), as_role("viewer"))
    before = fingerprint(app)
    absent = route.urls({kind: _absent(value) for kind, value in own.ids.items()})
    for url, nothing in zip(route.urls(own.ids), absent, strict=True):
        for user in users:
            for method in route.methods:
                status = user.open(method, url, **_body(method, url)).status_code
                like_absent = status >= 400 and status == (
                    user.open(method, nothing, **_body(method, nothing)).status_code
                )
                assert status in REFUSED or like_absent, f"{method} {url} -> {status}"
    assert fingerprint(app) == before


def _form_token(page: bytes) -> str:
    return re.search(rb'name="form_token" value="([^"]+)"', page).group(1).decode()


def test_a_survey_token_reaches_only_its_own_survey(app, client, own, victim):
    """A form issued for A's survey, posted to B's survey link, is refused and stores nothing."""
    page = client.get(f"/s/{own.ids['survey_token']}")
    assert page.status_code == 200
    assert VICTIM_MARKER.encode() not in page.data
    answers = {"form_token": _form_token(page.data), "f-f1": "1", "d-f1": "5"}
    for number in (2, 3):
        answers |= {f"f-f{number}": "2", f"d-f{number}": "5"}
    for token in (victim.ids["survey_token"], victim.ids["invitation_token"]):
        assert client.post(f"/s/{token}", data=answers).status_code == 400
    with app.app_context():
        assert db.session.scalar(_survey_responses()) == 0
    assert client.post(f"/s/{own.ids['survey_token']}", data=answers).status_code == 303


def _survey_responses():
    """Survey answers only: each tenant fixture also holds one mystery shop (with a photo)."""
    return select(func.count()).select_from(Response).where(Response.respondent_group != "shopper")
