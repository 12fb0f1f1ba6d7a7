"""JSON from outside, parsed so that nothing in it can reach the database as a 500.

Issue 18's attack run sent bodies that Python's parser accepts but nothing behind it can store:
nesting thousands deep (``RecursionError``), ``10**400`` (too large for any numeric column, and
``float()`` of it overflows), ``NaN``/``Infinity`` (PostgreSQL refuses them in JSON, SQLite
stores them and then emits invalid JSON), and NUL characters (PostgreSQL text cannot hold them).
:func:`loads` refuses all of these with :class:`UnsafeJson`, a ``ValueError``, which Flask turns
into 400 Bad Request; the app's JSON provider uses it for every request body.
"""

from __future__ import annotations

import json
import math
from typing import Any

from flask.json.provider import DefaultJSONProvider

MAX_DEPTH = 32
INT_LIMIT = 2**63 - 1
FLOAT_LIMIT = 1e15


class UnsafeJson(ValueError):
    """Valid JSON that Surveyor refuses to process; the message says why, ``field`` where
    (``recipients.0.name``) when it is known."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field

    def located(self) -> str:
        return f"{self.field}: {self}" if self.field else str(self)


def loads(text: str | bytes) -> Any:
    try:
        value = json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_int=_bounded_int,
            parse_float=_finite_float,
        )
    except RecursionError:
        raise UnsafeJson("The JSON is nested too deeply.") from None
    _check_structure(value)
    return value


def _refuse_constant(name: str) -> Any:
    raise UnsafeJson(f"{name} is not a number that can be stored.")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > 19 or abs(int(text)) > INT_LIMIT:
        raise UnsafeJson("A number in the JSON is too large.")
    return int(text)


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number) or abs(number) > FLOAT_LIMIT:
        raise UnsafeJson("A number in the JSON is too large.")
    return number


def _check_structure(value: Any) -> None:
    """Depth and NUL characters, without recursion (the check must not overflow either)."""
    pending: list[tuple[Any, int, str]] = [(value, 1, "")]
    while pending:
        current, depth, path = pending.pop()
        if depth > MAX_DEPTH:
            raise UnsafeJson(f"The JSON is nested more than {MAX_DEPTH} levels deep.")
        if isinstance(current, str):
            if "\x00" in current:
                raise UnsafeJson("Contains a NUL character, which cannot be stored.", path or None)
        elif isinstance(current, dict):
            for key, item in current.items():
                inner = f"{path}.{key}".lstrip(".")
                pending.extend(((key, depth + 1, inner), (item, depth + 1, inner)))
        elif isinstance(current, list):
            pending.extend(
                (item, depth + 1, f"{path}.{index}".lstrip("."))
                for index, item in enumerate(current)
            )


class SafeJSONProvider(DefaultJSONProvider):
    """Flask's JSON, reading request bodies through :func:`loads`."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return loads(s)
