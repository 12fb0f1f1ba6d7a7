"""One decorator declares an API operation: its input and output schemas and its documentation.

The same declaration parses the request (query string and JSON body, through marshmallow) and
feeds the OpenAPI document, so the document cannot drift from what the views accept.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import g, jsonify, request
from marshmallow import Schema, ValidationError

from surveyor import safe_json
from surveyor.api.errors import ApiError
from surveyor.models import User


@dataclass(frozen=True)
class Operation:
    """What the OpenAPI document says about one view."""

    summary: str
    tag: str
    response: Schema | None
    status: int = 200
    body: Schema | None = None
    query: Schema | None = None
    description: str = ""
    extra_statuses: dict[int, str] = field(default_factory=dict)
    raw_body: bool = False


def operation(
    summary: str,
    *,
    tag: str,
    response: Schema | None,
    status: int = 200,
    body: Schema | None = None,
    query: Schema | None = None,
    description: str = "",
    extra_statuses: dict[int, str] | None = None,
    raw_body: bool = False,
) -> Callable:
    """Parse ``query`` into ``args`` and ``body`` into ``data``; dump what the view returns.

    A view returns an object (dumped with ``response`` and sent with ``status``) or a pair of
    object and status. With ``raw_body`` the view gets the JSON as sent and validates it
    through a service (which words its own errors); ``body`` then only documents it.
    """
    spec = Operation(
        summary, tag, response, status, body, query, description, extra_statuses or {}, raw_body
    )

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(**kwargs: Any):
            if query is not None:
                kwargs["args"] = load(query, request.args.to_dict())
            if body is not None:
                sent = json_body()
                kwargs["data"] = sent if raw_body else load(body, sent)
            result = view(**kwargs)
            answer, code = result if isinstance(result, tuple) else (result, status)
            if response is None:
                return "", code
            return jsonify(response.dump(answer)), code

        wrapper.api_operation = spec  # type: ignore[attr-defined]
        return wrapper

    return decorate


def api_user() -> User:
    """The user the bearer token belongs to (set by the blueprint's authentication hook)."""
    return g.api_user


def json_body() -> Any:
    if not request.is_json:
        raise ApiError(415, "Send the body as JSON with 'Content-Type: application/json'.")
    try:
        return safe_json.loads(request.get_data())
    except safe_json.UnsafeJson as unsafe:
        if unsafe.field:
            raise validation_failed({unsafe.field: [str(unsafe)]}) from None
        raise ApiError(400, str(unsafe)) from None
    except ValueError:
        raise ApiError(400, "The request body is not valid JSON.") from None


def load(schema: Schema, data: Any) -> Any:
    try:
        return schema.load(data)
    except ValidationError as invalid:
        raise validation_failed(invalid.messages) from None


def validation_failed(messages: Any) -> ApiError:
    return ApiError(422, "Some fields are invalid; see errors.", flatten(messages))


def flatten(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as ``{"recipients.0.email": ["..."]}``.

    Errors in a dict's values arrive under an extra ``value`` level, which is dropped.
    """
    if isinstance(messages, dict):
        flat: dict[str, list[str]] = {}
        for key, value in messages.items():
            name = prefix if key == "value" and prefix else f"{prefix}.{key}".lstrip(".")
            flat.update(flatten(value, name))
        return flat
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return {prefix or "_schema": list(messages)}
    return {prefix or "_schema": [str(messages)]}
