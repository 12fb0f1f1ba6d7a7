"""Response headers that every page carries: a strict CSP and the usual hardening headers, and
``Cache-Control: no-store`` on everything a signed-in user is answered.

The Content-Security-Policy allows scripts and styles from our own origin only, so a stored
XSS payload that slipped past escaping still could not run inline script.
"""

from flask import Flask, Response, request
from flask_login import current_user

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

CACHEABLE_ENDPOINTS = frozenset({"static", "shop.service_worker"})
"""Public files; every other answer to a signed-in user is private and never stored."""


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)


def add_security_headers(response: Response) -> Response:
    cache_control = response.headers.get("Cache-Control", "")
    private = request.endpoint not in CACHEABLE_ENDPOINTS and "no-store" not in cache_control
    if private and current_user.is_authenticated:
        # Results, invitations and exports must not stay in a shared or back-button cache.
        response.headers["Cache-Control"] = "no-store"
        response.headers.pop("Expires", None)
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
