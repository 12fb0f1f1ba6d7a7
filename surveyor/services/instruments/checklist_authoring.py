"""Checklist items: turning what a consultant typed into an item and its scoring settings.

The settings follow the contract of :func:`surveyor.scoring.checklist.earned_points`, so an item
authored here is scored the same way on submission, on correction and in every result.
"""

from __future__ import annotations

from collections.abc import Mapping

from surveyor.models import InstrumentVersion, Item
from surveyor.scoring.checklist import SCORED_TYPES
from surveyor.services.instruments import instruments
from surveyor.services.slugs import slugify

CHECKLIST_TYPES = ("yes_no", "scale", "choice", "number", "duration", "datetime", "text", "photo")


class ItemInvalid(ValueError):
    """What the consultant must fix; ``field`` names the form field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def item_fields(data: Mapping) -> dict:
    """Item columns from the form's data (see ``ChecklistItemForm``); raises ItemInvalid."""
    item_type = data["item_type"]
    if item_type not in CHECKLIST_TYPES:
        raise ItemInvalid("item_type", "Unknown item type.")
    settings = _settings(item_type, data)
    points = float(data.get("points") or 0)
    if item_type == "choice":
        points = max(option["points"] for option in settings["options"])
    if item_type not in SCORED_TYPES or (item_type in ("number", "duration") and not settings):
        points = 0.0
    return {
        "item_type": item_type,
        "section": (data.get("section") or "").strip(),
        "section_de": (data.get("section_de") or "").strip(),
        "text_en": (data.get("text_en") or "").strip(),
        "text_de": (data.get("text_de") or "").strip(),
        "instructions": (data.get("instructions") or "").strip(),
        "points": points,
        "kano_tag": data.get("kano_tag") or None,
        "critical": bool(data.get("critical")),
        "na_allowed": bool(data.get("na_allowed")),
        "required": bool(data.get("required")),
        "settings": settings,
    }


def form_data(item: Item) -> dict:
    """The reverse of :func:`item_fields`, to fill the edit form."""
    settings = item.settings or {}
    return {
        "good_answer": settings.get("good", "yes"),
        "scale_min": settings.get("min", 1),
        "scale_max": settings.get("max", 5),
        "options": "\n".join(
            f"{option['label_en']} | {option['points']:g}" for option in settings.get("options", ())
        ),
        "target": settings.get("target"),
        "direction": settings.get("direction", "at_most"),
        "limit": settings.get("limit"),
    }


def add(version: InstrumentVersion, fields: dict) -> Item:
    return instruments.save_item(version, **fields)


def _settings(item_type: str, data: Mapping) -> dict:
    if item_type == "yes_no":
        return {"good": "no" if data.get("good_answer") == "no" else "yes"}
    if item_type == "scale":
        low, high = data.get("scale_min"), data.get("scale_max")
        low = 1 if low is None else int(low)
        high = 5 if high is None else int(high)
        if high <= low or high - low > 100:
            raise ItemInvalid(
                "scale_max", "The highest value must exceed the lowest (at most 100)."
            )
        return {"min": low, "max": high}
    if item_type == "choice":
        return {"options": parse_options(data.get("options") or "")}
    if item_type in ("number", "duration"):
        return _threshold(data)
    return {}


def parse_options(text: str) -> list[dict]:
    """``label | points`` per line into option dicts with a stable slug ``value``."""
    options, taken = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label, _bar, points_text = line.rpartition("|")
        if not _bar or not label.strip():
            raise ItemInvalid("options", f"Line {number}: write 'label | points'.")
        try:
            points = float(points_text.strip().replace(",", "."))
        except ValueError:
            raise ItemInvalid("options", f"Line {number}: points must be a number.") from None
        if not 0 <= points <= 1000:
            raise ItemInvalid("options", f"Line {number}: points must be between 0 and 1000.")
        value = base = slugify(label.strip(), max_length=30)
        counter = 2
        while value in taken:
            value, counter = f"{base}-{counter}", counter + 1
        taken.add(value)
        options.append({"value": value, "label_en": label.strip(), "points": points})
    if len(options) < 2:
        raise ItemInvalid("options", "A single choice needs at least two options.")
    return options


def _threshold(data: Mapping) -> dict:
    target, limit = data.get("target"), data.get("limit")
    if target is None:
        if limit is not None:
            raise ItemInvalid("target", "Give a target when you give a limit.")
        return {}
    direction = "at_least" if data.get("direction") == "at_least" else "at_most"
    settings = {"target": float(target), "direction": direction}
    if limit is not None:
        beyond = limit > target if direction == "at_most" else limit < target
        if not beyond:
            raise ItemInvalid("limit", "The limit must lie beyond the target.")
        settings["limit"] = float(limit)
    return settings
