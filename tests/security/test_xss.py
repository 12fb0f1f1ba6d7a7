"""Stored XSS: script in every text a consultant or customer can enter renders inert.

Two paths. The customer's free-text comment goes in through the real survey form. Every other
free-text column of every table (found from the models, so new tables are covered) is then
overwritten with the payload, and every GET page is rendered as an administrator: HTML and SVG
must contain the payload only escaped; JSON and CSV must not be served as HTML.
Reproduce: ``.venv/bin/python -m pytest tests/security/test_xss.py -q``.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import String, Text, update

from surveyor.extensions import db
from tests.security.routes import ALL_ROUTES, MissingKind, Route

PAYLOAD = "'\"><script>alert(1)</script><img src=x onerror=alert(2)>"
LIVE = (b"<script>alert(1)", b"<img src=x onerror")
NOT_FREE_TEXT = frozenset(
    {
        "slug",
        "email",
        "password_hash",
        "token",
        "token_hash",
        "prefix",
        "content_hash",
        "submission_id",
        "upload_id",
        "storage_key",
        "stored_name",
        "mime",
        "key",
        "locale",
        "cron",
        "recipient",
        "period_key",
        "filename",
    }
)
LOG_TABLES = frozenset({"login_attempt", "token_miss"})
GET_ROUTES = [route for route in ALL_ROUTES if "GET" in route.methods]


def _free_text_columns():
    for table in db.metadata.sorted_tables:
        if table.name in LOG_TABLES:
            continue
        for column in table.columns:
            if column.foreign_keys or column.primary_key or column.name in NOT_FREE_TEXT:
                continue
            length = getattr(column.type, "length", None)
            if isinstance(column.type, Text) or (
                isinstance(column.type, String) and (length or 0) >= len(PAYLOAD)
            ):
                yield table, column


@pytest.fixture
def poisoned(app, client, own):
    """Tenant A with a customer comment and every free-text column set to the payload."""
    page = client.get(f"/s/{own.ids['survey_token']}")
    token = re.search(rb'name="form_token" value="([^"]+)"', page.data).group(1).decode()
    answers = {"form_token": token, **{f"{p}-f{n}": "2" for p in "fd" for n in (1, 2, 3)}}
    assert client.post(f"/s/{own.ids['survey_token']}", data=answers).status_code == 303
    with app.app_context():
        for table, column in _free_text_columns():
            db.session.execute(update(table).values({column.name: PAYLOAD}))
        db.session.commit()
    return own


def test_the_customer_comment_is_stored_verbatim_and_rendered_escaped(app, client, make):
    *_objects, link = make.open_survey(optional=("comment",))
    page = client.get(f"/s/{link.token}")
    token = re.search(rb'name="form_token" value="([^"]+)"', page.data).group(1).decode()
    answers = {"form_token": token, "t-comment": PAYLOAD, "f-f1": "9"}  # 9: invalid -> re-shown
    response = client.post(f"/s/{link.token}", data=answers)
    assert response.status_code == 422
    assert not any(marker in response.data for marker in LIVE)
    assert b"&lt;script&gt;alert(1)" in response.data


@pytest.mark.parametrize("route", GET_ROUTES, ids=lambda route: route.endpoint)
def test_stored_payloads_render_inert(route: Route, poisoned, as_role):
    try:
        urls = route.urls(poisoned.ids)
    except MissingKind as missing:
        pytest.skip(f"tenant fixture has no {missing.args[0]!r} yet (tests/security/conftest.py)")
    for role in ("admin", "anonymous"):
        user = as_role(role)
        for url in urls:
            response = user.open("GET", url)
            if response.mimetype in ("text/html", "image/svg+xml"):
                found = [marker for marker in LIVE if marker in response.get_data()]
                assert not found, f"{role} GET {url} renders {found}"
            else:
                assert response.headers["X-Content-Type-Options"] == "nosniff", url


def test_the_poisoned_texts_do_reach_the_pages(poisoned, as_role):
    """The control: the payload is on the page, escaped, so the test above is not vacuous."""
    page = as_role("admin").open("GET", f"/projects/{poisoned.ids['project']}").get_data()
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page
