"""URL converters: ids in URLs never exceed what the database's integer columns can hold.

Werkzeug's ``int`` converter accepts any number of digits. An id beyond 2**31-1 then reaches the
database, and PostgreSQL answers "integer out of range" (SQLite overflows at 2**63): a 500 where
the user should see 404. Every ``<int:...>`` route uses this converter instead.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter, Map

DATABASE_INT_MAX = 2**31 - 1


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` limited to 0..2**31-1 unless a route asks for other bounds."""

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
            min=min,
            max=DATABASE_INT_MAX if max is None else max,
            signed=signed,
        )


def init_app(app: Flask) -> None:
    """Must run before the blueprints register their rules (a rule binds its converter then)."""
    app.url_map.converters["int"] = DatabaseIdConverter
