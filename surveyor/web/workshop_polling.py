"""Conditional JSON for the polled board: a 304 when the client's ETag is still current.

The version is computed first (one small query) and the body only when it changed, so sixty
phones polling an unchanged board cost sixty tiny answers and no rendering.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, jsonify, request
from flask_babel import get_locale

from surveyor.models.base import MAX_ID


def conditional_json(version: str, body: Callable[[], dict]) -> Response:
    """The body (built only when needed) under an ETag of the board's version and language."""
    etag = f"{version}-{get_locale()}"
    response = Response(status=304) if request.if_none_match.contains(etag) else jsonify(body())
    response.set_etag(etag)
    response.headers["Cache-Control"] = "no-cache"
    return response


def cursor() -> tuple[int | None, int | None]:
    """``?after=<last card id>&revision=<revision seen>`` of a poll; None where missing or bad."""
    return _number("after"), _number("revision")


def _number(name: str) -> int | None:
    value = request.args.get(name, "")
    if value.isascii() and value.isdigit() and int(value) <= MAX_ID:
        return int(value)
    return None
