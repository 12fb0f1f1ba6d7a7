"""Numbers and dates as the reader writes them: ``3,32`` and ``27.11.2026`` in German.

Thin wrappers over Flask-Babel's formatters in the current locale (the request's, or the
workbook's under ``force_locale``), registered as Jinja filters by :func:`surveyor.i18n.init_app`.
``None`` becomes a dash: no score is not a score of 0.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import format_date, format_datetime, format_decimal

DASH = "—"


def number(value: float | None, digits: int = 2, signed: bool = False) -> str:
    """``value`` with exactly ``digits`` decimals and the locale's separators."""
    if value is None:
        return DASH
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    if signed:
        pattern = f"+{pattern};-{pattern}"
    return format_decimal(value, format=pattern)


def compact(value: float | None) -> str:
    """A weight or point value as short as it is exact: ``1,5``, ``2``, ``0,25``."""
    if value is None:
        return DASH
    return format_decimal(value, format="#,##0.###")


def percent(value: float | None, digits: int = 1) -> str:
    """A value already on the 0-100 scale, with a narrow space before the sign: ``87,5 %``."""
    return DASH if value is None else f"{number(value, digits)} %"


def day(value: date | datetime | None) -> str:
    if value is None:
        return DASH
    return format_date(value, format="medium")


def moment(value: datetime | None) -> str:
    if value is None:
        return DASH
    return format_datetime(value, format="short")


FILTERS = {
    "number": number,
    "compact": compact,
    "percent": percent,
    "day": day,
    "moment": moment,
}
