"""Text on slides: numbers in the deck's language, and shortening with the full text kept.

A slide has room for a fixed amount of text; longer texts are cut with an ellipsis and the
writer puts the full wording into the slide's notes, so nothing is lost for the presenter.
"""

from __future__ import annotations

from flask_babel import format_decimal

MISSING = "\N{EN DASH}"


def decimal(value: float | None, pattern: str = "0.00") -> str:
    """3.32 in English, 3,32 in German; an en dash for a missing value."""
    return MISSING if value is None else format_decimal(value, format=pattern)


def percent(value: float | None) -> str:
    """A fraction (0-1) as a percentage with one decimal: 85.5 % / 85,5 %."""
    return MISSING if value is None else f"{format_decimal(100 * value, format='0.0')} %"


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word boundary where possible, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"
