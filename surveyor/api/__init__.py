"""The JSON API under /api/v1 for integrations: CRM triggers, kiosks, BI tools, scripts.

Requests authenticate with a personal API token (``Authorization: Bearer TOKEN``) only: no
session cookie is read for authentication or set in answers, which is also why CSRF protection
does not apply. Every lookup goes through :mod:`surveyor.services.tenancy`, as in the workspace.
"""

from __future__ import annotations

from flask import Blueprint, Flask, g, request, session

from surveyor import permissions
from surveyor.api import errors
from surveyor.extensions import csrf
from surveyor.permissions import Action
from surveyor.services.accounts import api_tokens

MAX_BODY_BYTES = 1024 * 1024
PUBLIC_ENDPOINTS = frozenset({"api.openapi_document"})

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


@bp.record_once
def _setup(state) -> None:
    """Ids in API paths use the app's ``int`` converter (:mod:`surveyor.web.converters`)."""
    app: Flask = state.app
    app.before_request(errors.routing_error)


@bp.before_request
def authenticate() -> None:
    request.max_content_length = MAX_BODY_BYTES
    if request.endpoint in PUBLIC_ENDPOINTS:
        return
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise errors.ApiError(401, errors.MESSAGES[401])
    user = api_tokens.user_for(secret.strip())
    if user is None:
        raise errors.ApiError(401, "The API token is unknown, revoked, or its user is inactive.")
    if not permissions.allows(user.role, Action.USE_API):
        raise errors.ApiError(403, "This account's role has no access to the API.")
    g.api_user = user


@bp.after_request
def no_session_cookie(response):
    """The API never starts or refreshes a browser session."""
    session.modified = False
    response.headers["Cache-Control"] = "no-store"
    return response


bp.register_error_handler(errors.ApiError, errors.handle_api_error)
bp.register_error_handler(errors.DomainError, errors.handle_domain_error)
bp.register_error_handler(errors.HTTPException, errors.handle_http_error)
bp.register_error_handler(errors.DBAPIError, errors.handle_database_error)
bp.register_error_handler(Exception, errors.handle_unexpected_error)

from surveyor.api import (  # noqa: E402  (the views register themselves on ``bp``)
    engagement,
    instruments,
    invitations,
    journey,
    locations,
    loop,
    measures,
    openapi,
    pilots,
    responses,
    results,
    scorecards,
    survey_links,
    waves,
    webhooks,
    workshops,
)

__all__ = [
    "bp",
    "engagement",
    "instruments",
    "invitations",
    "journey",
    "locations",
    "loop",
    "measures",
    "openapi",
    "pilots",
    "responses",
    "results",
    "scorecards",
    "survey_links",
    "waves",
    "webhooks",
    "workshops",
]
