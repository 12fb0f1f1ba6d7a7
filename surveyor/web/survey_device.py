"""Remembering on a device that it has answered a public survey link.

A customer who sends the survey, reaches the thanks page, presses Back and sends again gets a
fresh form with a new submission id, so the exactly-once insert (services/surveys/submissions.py)
cannot tell the two sends apart. The device therefore keeps a signed cookie, scoped to the link's
path, naming the link and the response it stored; a second send from it is answered with the earlier
receipt instead of a second row. Cookies are a best effort on purpose: a phone that drops them
can answer again, which is no worse than before, and nothing is lost when they are missing.

Counter tablets (``SurveyLink.many_per_device``) take many answers on one device and never get
the cookie; personal invitations are single-use in the database already.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import Response, current_app, request, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from surveyor.services.surveys.surveys import SurveyTarget

COOKIE = "surveyor_answered"
SALT = "survey-answered"
MAX_AGE = timedelta(days=400)  # the longest lifetime browsers accept


def remembers(target: SurveyTarget) -> bool:
    """Whether this target answers once per device: a public link that is no counter tablet."""
    return target.invitation is None and not target.link.many_per_device


@dataclass(frozen=True)
class Answered:
    """What the device remembers: the response it stored, and under which submission id."""

    response_id: int
    submission_id: str


def answered(target: SurveyTarget) -> Answered | None:
    """What this device stored for the target's link, if it remembers an answer."""
    if not remembers(target):
        return None
    try:
        link_id, response_id, submission_id = _serializer().loads(request.cookies.get(COOKIE, ""))
    except (BadSignature, ValueError, TypeError):
        return None
    if link_id != target.link.id or not isinstance(response_id, int):
        return None
    return Answered(response_id, str(submission_id))


def remember(
    response: Response, token: str, link_id: int, response_id: int, submission_id: str
) -> None:
    """Mark this device as having answered link ``link_id``; the caller asks :func:`remembers`
    first (before the submission commits, so that the link need not be read again)."""
    response.set_cookie(
        COOKIE,
        _serializer().dumps([link_id, response_id, submission_id]),
        max_age=MAX_AGE,
        path=url_for("survey.show", token=token),
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=SALT)
