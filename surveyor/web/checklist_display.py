"""How checklist answers and scores read on a page; shared by the review and results views."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import gettext as _

from surveyor.formatting import compact, percent
from surveyor.labels import KANO_TAG_SCORES
from surveyor.models import Answer, Item


def pct(value: float | None) -> str:
    """``87,5 %`` in German, or a dash for "no score" (never a fake 0 %)."""
    return percent(value, 1)


def stored_text(item: Item, value: dict | None) -> str:
    """A stored ``{"number", "text", "not_applicable"}`` value as the shopper would say it."""
    if not value:
        return "—"
    if value.get("not_applicable"):
        return _("N/A")
    number, text = value.get("number"), value.get("text")
    if item.item_type == "yes_no" and number is not None:
        return _("Yes") if number else _("No")
    if item.item_type == "choice" and text is not None:
        for option in (item.settings or {}).get("options", ()):
            if str(option.get("value")) == text:
                return option_label(option)
    if item.item_type == "duration" and number is not None:
        minutes, seconds = divmod(round(number), 60)
        return f"{minutes}:{seconds:02d} min"
    if number is not None:
        return compact(number)
    return text or "—"


def option_label(option: dict) -> str:
    """A choice option in the reader's language, else the other one, else its stored value."""
    own = option.get(f"label_{get_locale()}")
    return str(own or option.get("label_en") or option.get("label_de") or option.get("value"))


def answer_text(item: Item, answer: Answer | None) -> str:
    if answer is None:
        return "—"
    return stored_text(
        item,
        {"number": answer.number, "text": answer.text, "not_applicable": answer.not_applicable},
    )


def value_hint(item: Item) -> str:
    """What a reviewer types to correct ``item``."""
    settings = item.settings or {}
    if item.item_type == "yes_no":
        return _("yes or no")
    if item.item_type == "scale":
        return f"{settings.get('min', 1)}-{settings.get('max', 5)}"
    if item.item_type == "choice":
        options = settings.get("options", ())
        return " / ".join(option_label(o) for o in options)
    if item.item_type == "duration":
        return _("seconds")
    if item.item_type == "datetime":
        return "YYYY-MM-DD HH:MM"
    return ""


def helpers() -> dict:
    """For ``Blueprint.context_processor``."""
    return {
        "pct": pct,
        "answer_text": answer_text,
        "stored_text": stored_text,
        "value_hint": value_hint,
        "kano_labels": KANO_TAG_SCORES,
    }
