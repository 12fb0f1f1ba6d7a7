"""Refuse text that no database column can store, before it reaches a view.

PostgreSQL text cannot contain the NUL character; psycopg raises ``DataError`` on insert. No
human types NUL into a form, so a request whose query string or form fields carry one is refused
with a clear 400 instead of a failed transaction (and SQLite and PostgreSQL behave alike).
"""

from __future__ import annotations

from flask import Flask, abort, request
from flask_babel import gettext as _


def init_app(app: Flask) -> None:
    app.before_request(refuse_nul_characters)


def refuse_nul_characters() -> None:
    values = [*request.args.values(), *request.args.keys()]
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        values += [*request.form.values(), *request.form.keys()]
    if any("\x00" in value for value in values):
        abort(400, _("The input contains a NUL character, which cannot be stored."))
