"""The participant's signed cookie: which workshop and which participant this phone is.

Participants have no account. Joining sets a cookie signed with the app's secret and scoped to
the workshop's own path (``/w/<key>/``), so it is sent to that workshop only and a second
workshop on the same phone gets a cookie of its own. ``SameSite=Lax`` keeps other sites from
sending it along with a forged POST, and the card endpoint takes JSON only (a cross-site form
cannot send that without a CORS preflight we never answer), which is why it can do without a
session CSRF token: a phone that was offline for an hour would otherwise hold a stale one.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Response, current_app, request
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

COOKIE = "surveyor_participant"
SALT = "workshop-participant"
MAX_AGE = timedelta(days=3)
"""Long enough for a two-day workshop; short enough that a lent phone does not stay in."""


def read() -> tuple[int, int] | None:
    """(workshop id, participant id) from the cookie, or None when missing, forged or old."""
    try:
        workshop_id, participant_id = _serializer().loads(
            request.cookies.get(COOKIE, ""), max_age=int(MAX_AGE.total_seconds())
        )
    except (BadSignature, SignatureExpired, ValueError, TypeError):
        return None
    if not isinstance(workshop_id, int) or not isinstance(participant_id, int):
        return None
    return workshop_id, participant_id


def remember(response: Response, path: str, workshop_id: int, participant_id: int) -> None:
    response.set_cookie(
        COOKIE,
        _serializer().dumps([workshop_id, participant_id]),
        max_age=MAX_AGE,
        path=path,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=SALT)
