"""JSON endpoints the phone's outbox talks to: a fresh CSRF token, the shop, its photos.

CSRF protection stays on (Flask-WTF checks the ``X-CSRFToken`` header). The checklist page may
have been opened hours or days before the shop is sent, so the outbox does not reuse a token from
the page: before each sync it asks ``/shop/sync/token`` for one tied to the current session. Every
answer is JSON, including "not logged in" (401), so the outbox can tell "try again later" from
"the server said no" and never loses a shop because a redirect to the login page looked like
success.
"""

from __future__ import annotations

import logging

from flask import Blueprint, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError, generate_csrf
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from surveyor import database, errors
from surveyor.models.base import utcnow
from surveyor.services.shops import photos, shop_submissions
from surveyor.services.shops.shop_answers import InvalidShop
from surveyor.services.surveys.submissions import SubmissionRejected
from surveyor.web.shop_messages import describe

log = logging.getLogger(__name__)
bp = Blueprint("shop_sync", __name__, url_prefix="/shop/sync")


@bp.before_request
def require_login():
    if not current_user.is_authenticated:
        return _error(401, _("Please log in again; the shop stays saved on this device."))
    return None


@bp.errorhandler(CSRFError)
@bp.errorhandler(HTTPException)
def as_json(error: HTTPException):
    """Errors of these endpoints (404, 413, CSRF 400) answer JSON, not an HTML page."""
    status = error.code or 500
    return _error(status, _usual_message(status) or error.name)


def _usual_message(status: int) -> str | None:
    messages = {
        400: _("The request was refused. Please reload the page and try again."),
        404: _("This assignment does not exist, or it is not yours."),
        413: _("The upload is too large."),
    }
    return messages.get(status)


@bp.errorhandler(DBAPIError)
def database_error(error: DBAPIError):
    """A lost connection or full disk: 503, so the phone keeps the shop and sends it again."""
    database.rollback_quietly()
    if not database.is_unavailable(error):
        log.exception("database error on %s", request.path)
        return _error(500, _("Something went wrong on our side. The error was logged."))
    log.warning("database unavailable on %s: %s", request.path, error.orig)
    response = _error(503, errors.unavailable_message())
    response.headers["Retry-After"] = str(errors.RETRY_AFTER_SECONDS)
    return response


@bp.get("/token")
def token():
    response = jsonify(csrf_token=generate_csrf())
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/assignments/<int:assignment_id>/shop")
def submit(assignment_id: int):
    try:
        receipt = shop_submissions.submit_shop(
            current_user, assignment_id, request.get_json(silent=True), utcnow().date()
        )
    except InvalidShop as invalid:
        errors = {key: describe(problem) for key, problem in invalid.errors.items()}
        return _error(422, _("Some answers need attention."), errors=errors)
    except SubmissionRejected as rejected:
        return _error(rejected.status, str(rejected))
    return jsonify(
        status="received", response_id=receipt.response_id, duplicate=receipt.duplicate
    ), 200 if receipt.duplicate else 201


@bp.post("/assignments/<int:assignment_id>/photos")
def upload_photo(assignment_id: int):
    upload = request.files.get("photo")
    if upload is None:
        return _error(400, _("No photo was sent."))
    try:
        assignment = shop_submissions.own_assignment(current_user, assignment_id)
        photo, duplicate = photos.store_photo(
            assignment,
            request.form.get("submission_id", ""),
            request.form.get("item", ""),
            request.form.get("upload_id", ""),
            upload.stream,
        )
    except SubmissionRejected as rejected:
        return _error(rejected.status, str(rejected))
    return jsonify(status="received", photo_id=photo.id, duplicate=duplicate), (
        200 if duplicate else 201
    )


def _error(status: int, message: str, **extra):
    response = jsonify(status="rejected", message=message, **extra)
    response.status_code = status
    return response
