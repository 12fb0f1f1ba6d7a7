"""E-mail addresses as people type them: ``Kim@example.org`` and ``kim@example.org`` are one.

New addresses are stored lower-cased (:func:`normalise`), but rows written before that rule, or
by hand, may still carry capitals. So every comparison lower-cases both sides
(:func:`same_address`) instead of trusting the stored spelling; nothing is merged, two accounts
that differ only in case both stay.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, func
from sqlalchemy.orm import InstrumentedAttribute


def normalise(email: str) -> str:
    """The spelling stored and compared: surrounding blanks dropped, lower case."""
    return email.strip().lower()


def same_address(column: InstrumentedAttribute | ColumnElement, email: str) -> ColumnElement:
    """``column`` holds ``email`` in any capitalisation."""
    return func.lower(column) == normalise(email)


def folded(column: InstrumentedAttribute | ColumnElement) -> ColumnElement:
    """``column`` lower-cased, to group or join addresses regardless of capitals."""
    return func.lower(column)
