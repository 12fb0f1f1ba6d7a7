"""Error pages: a user who sent something wrong gets a clear message, never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from surveyor.extensions import db

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected_error)


def handle_csrf_error(error: CSRFError):
    message = _(
        "Your form has expired or was sent from elsewhere. Please reload the page and try again."
    )
    return render_template("error.html", code=400, message=message), 400


def handle_http_error(error: HTTPException):
    return render_template("error.html", code=error.code, message=_explain(error)), error.code


def handle_unexpected_error(error: Exception):
    log.exception("Unhandled error on %s %s", request.method, request.path)
    # A failed statement leaves the session unusable; the error page (current_user, the
    # locale) may query again, so roll back first or the error page itself fails.
    db.session.rollback()
    wrapped = InternalServerError()
    return render_template("error.html", code=500, message=_explain(wrapped)), 500


def _explain(error: HTTPException) -> str:
    messages = {
        400: _("The request could not be understood. Please check your input."),
        403: _("You do not have permission to do that."),
        404: _("This page does not exist, or you have no access to it."),
        405: _("This action is not available here."),
        409: _("This conflicts with data that was already saved."),
        413: _("The upload is too large."),
        429: _("Too many attempts. Please wait a few minutes and try again."),
        500: _("Something went wrong on our side. The error was logged."),
    }
    if error.description and error.code in (400, 409, 429) and _is_own_message(error):
        return error.description
    return messages.get(error.code, error.name)


def _is_own_message(error: HTTPException) -> bool:
    """Our code passes plain-language descriptions; werkzeug's defaults are replaced."""
    return error.description != type(error).description
