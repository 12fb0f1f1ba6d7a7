"""The one URL converter for ids: positive and within what the database's integer columns hold.

Werkzeug's ``int`` converter accepts any number of digits. An id beyond
:data:`~surveyor.models.base.MAX_ID` then reaches the database, and PostgreSQL answers "integer
out of range" (SQLite overflows at 2**63): a 500 where the user should see 404. The app factory
installs this converter as ``int`` before any blueprint registers, so every ``<int:...>`` route
of the workspace and of the JSON API uses it; ids start at 1, so 0 is no match either.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter, Map

from surveyor.models.base import MAX_ID


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` limited to 1..MAX_ID unless a route asks for other bounds."""

    def __init__(
        self,
        map: Map,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = None,
        signed: bool = False,
    ) -> None:
        super().__init__(
            map,
            fixed_digits=fixed_digits,
            min=1 if min is None else min,
            max=MAX_ID if max is None else max,
            signed=signed,
        )


def init_app(app: Flask) -> None:
    """Must run before the blueprints register their rules (a rule binds its converter then)."""
    app.url_map.converters["int"] = DatabaseIdConverter
