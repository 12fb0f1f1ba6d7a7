"""A Content-Security-Policy (and the other hardening headers) on every page the app serves.

Every GET route from ``app.url_map`` is requested as an administrator with real ids, as a
visitor, and with ids that do not exist, so error pages and redirects are covered too.
Reproduce: ``.venv/bin/python -m pytest tests/security/test_headers.py -q``.
"""

from __future__ import annotations

import pytest

from tests.security.routes import ALL_ROUTES, MissingKind, Route

GET_ROUTES = [route for route in ALL_ROUTES if "GET" in route.methods]


def _directives(policy: str) -> dict[str, str]:
    return dict(
        (part.strip().partition(" ")[0], part.strip().partition(" ")[2])
        for part in policy.split(";")
        if part.strip()
    )


@pytest.mark.parametrize("route", GET_ROUTES, ids=lambda route: route.endpoint)
def test_every_page_carries_a_strict_csp(route: Route, as_role, own):
    try:
        urls = route.urls(own.ids) + route.urls({k: 999999 for k in own.ids})
    except MissingKind as missing:
        pytest.skip(f"tenant fixture has no {missing.args[0]!r} yet (tests/security/conftest.py)")
    for role in ("admin", "anonymous"):
        user = as_role(role)
        for url in urls:
            response = user.open("GET", url)
            policy = _directives(response.headers.get("Content-Security-Policy", ""))
            # 'none' is stricter still (downloads such as photos are never rendered as pages)
            assert policy.get("default-src") in ("'self'", "'none'"), f"{role} GET {url}"
            assert "unsafe-inline" not in policy.get("script-src", "'self'"), url
            assert "unsafe-eval" not in policy.get("script-src", "'self'"), url
            assert policy.get("frame-ancestors") == "'none'", url
            assert response.headers["X-Content-Type-Options"] == "nosniff", url
