"""Error pages: a user who sent something wrong gets a clear message, never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException, InternalServerError

from surveyor import database
from surveyor.services.errors import DomainError

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(DBAPIError, handle_database_error)
    app.register_error_handler(Exception, handle_unexpected_error)


def handle_csrf_error(error: CSRFError):
    message = _(
        "Your form has expired or was sent from elsewhere. Please reload the page and try again."
    )
    return render_template("error.html", code=400, message=message), 400


JSON_BLUEPRINTS = frozenset({"shop_sync"})
"""Web blueprints whose every answer is JSON: the offline shopper app's sync (photos too)."""


def handle_domain_error(error: DomainError):
    """A service's domain error as an error page: its own message, or the status's usual one.

    The web's one mapping of domain errors. Scripts of its pages that send JSON (a workshop
    card) or sync a shop read ``{"status": "rejected", "message", "errors"}`` instead.
    """
    database.rollback_quietly()
    message = error.message or _explain_status(error.status)
    if request.is_json or request.blueprint in JSON_BLUEPRINTS:
        answer = jsonify(status="rejected", message=message, errors=error.errors)
        return answer, error.status
    cards_of = getattr(error, "project_id", None)  # LocationLimited: to the report cards
    page = render_template("error.html", code=error.status, message=message, cards_of=cards_of)
    return page, error.status


def handle_http_error(error: HTTPException):
    return render_template("error.html", code=error.code, message=_explain(error)), error.code


def handle_unexpected_error(error: Exception):
    log.exception("Unhandled error on %s %s", request.method, request.path)
    # A failed statement leaves the session unusable; the error page (current_user, the
    # locale) may query again, so roll back first or the error page itself fails.
    database.rollback_quietly()
    wrapped = InternalServerError()
    return render_template("error.html", code=500, message=_explain(wrapped)), 500


RETRY_AFTER_SECONDS = 30


def handle_database_error(error: DBAPIError):
    """A lost connection or a full disk is not "something went wrong": the customer must learn
    that the answers were not saved and can be sent again (every submission is exactly-once,
    so sending again is safe even if the commit did get through)."""
    if not database.is_unavailable(error):
        return handle_unexpected_error(error)
    log.warning("database unavailable on %s %s: %s", request.method, request.path, error.orig)
    database.rollback_quietly()
    message = unavailable_message()
    try:
        page = render_template("error.html", code=503, message=message)
    except Exception:  # the page itself may need the database (the signed-in user)
        log.warning("error page needs the database; answering plain HTML", exc_info=True)
        page = f"<!doctype html><title>503</title><p>{escape(message)}</p>"
    return Response(page, 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}, mimetype="text/html")


def unavailable_message() -> str:
    """What a user is told when the database is unavailable, in the user's language."""
    if request.method in database.SAFE_METHODS:
        return _("The service is briefly unavailable. Please try again in a moment.")
    return _("Your answers were not saved. Please send them again.")


def _explain(error: HTTPException) -> str:
    if error.description and error.code in (400, 409, 429) and _is_own_message(error):
        return error.description
    return _explain_status(error.code, error.name)


def _explain_status(status: int | None, fallback: str = "") -> str:
    messages = {
        400: _("The request could not be understood. Please check your input."),
        403: _("You do not have permission to do that."),
        404: _("This page does not exist, or you have no access to it."),
        405: _("This action is not available here."),
        409: _("This conflicts with data that was already saved."),
        413: _("The upload is too large."),
        429: _("Too many attempts. Please wait a few minutes and try again."),
        410: _("This link or code is no longer valid."),
        422: _("The request could not be understood. Please check your input."),
        500: _("Something went wrong on our side. The error was logged."),
    }
    return messages.get(status, fallback or messages[400])


def _is_own_message(error: HTTPException) -> bool:
    """Our code passes plain-language descriptions; werkzeug's defaults are replaced."""
    return error.description != type(error).description
