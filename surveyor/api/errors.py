"""Every API error has one JSON shape, so integrations can handle all of them the same way.

``{"status": 422, "code": "validation_failed", "message": "...", "errors": {"field": ["..."]}}``;
``errors`` is empty unless individual fields are at fault.
"""

from __future__ import annotations

import logging

from flask import Response, jsonify, request
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException, InternalServerError

from surveyor import database
from surveyor.services.errors import DomainError

log = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    410: "gone",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}
MESSAGES = {
    401: "Send a valid API token as 'Authorization: Bearer TOKEN'.",
    403: "Your role may read but not change this.",
    404: "No such resource, or you have no access to it.",
    405: "This method is not allowed here.",
    413: "The request body is too large.",
    415: "Send the body as JSON with 'Content-Type: application/json'.",
    500: "Something went wrong on our side. The error was logged.",
    503: "The database is briefly unavailable. Please try again in a moment.",
}
NOT_SAVED = "Your data was not saved. Please send it again."


class ApiError(Exception):
    """Raised by API views for an answer that is not a plain werkzeug HTTP error."""

    def __init__(
        self,
        status: int,
        message: str,
        errors: dict[str, list[str]] | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.message = status, message
        self.errors = errors or {}
        self.code = code or CODES.get(status, "error")


def error_response(
    status: int, message: str, errors: dict | None = None, code: str | None = None
) -> Response:
    response = jsonify(
        status=status,
        code=code or CODES.get(status, "error"),
        message=message,
        errors=errors or {},
    )
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="surveyor"'
    return response


def handle_api_error(error: ApiError) -> Response:
    return error_response(error.status, error.message, error.errors, error.code)


def handle_domain_error(error: DomainError) -> Response:
    """A service's domain error in the one JSON shape; nothing it did is kept."""
    database.rollback_quietly()
    message = error.message or MESSAGES.get(error.status) or CODES.get(error.status, "error")
    return error_response(error.status, message, error.errors, error.code)


def handle_http_error(error: HTTPException) -> Response:
    status = error.code or 500
    own = error.description if error.description != type(error).description else None
    message = own or MESSAGES.get(status) or error.name
    response = error_response(status, message)
    if status == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def handle_unexpected_error(error: Exception) -> Response:
    log.exception("Unhandled API error on %s %s", request.method, request.path)
    return handle_http_error(InternalServerError())


def handle_database_error(error: DBAPIError) -> Response:
    """A lost connection or full disk: 503 with Retry-After, and a write says it was not saved."""
    database.rollback_quietly()
    if not database.is_unavailable(error):
        return handle_unexpected_error(error)
    log.warning("database unavailable on %s %s: %s", request.method, request.path, error.orig)
    saved_nothing = request.method not in database.SAFE_METHODS
    response = error_response(503, NOT_SAVED if saved_nothing else MESSAGES[503])
    response.headers["Retry-After"] = "30"
    return response


def routing_error() -> Response | None:
    """Unknown URLs and wrong methods under /api/ answer in JSON too.

    Flask raises routing errors before any blueprint is chosen, so the API's error handlers never
    see them; this app-wide ``before_request`` hook answers them first (redirects pass through).
    """
    failure = request.routing_exception
    if failure is None or not request.path.startswith("/api/"):
        return None
    if isinstance(failure, HTTPException) and (failure.code or 500) >= 400:
        return handle_http_error(failure)
    return None
