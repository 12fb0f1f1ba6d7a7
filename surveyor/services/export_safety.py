"""Neutralising cell values that spreadsheets would run as formulas (OWASP CSV injection).

A value that starts with = + - @ or a tab or carriage return is prefixed with an apostrophe, so
Excel and LibreOffice show it as text instead of evaluating it.
"""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str | None) -> str:
    if not value:
        return ""
    return f"'{value}" if value.startswith(FORMULA_TRIGGERS) else value
