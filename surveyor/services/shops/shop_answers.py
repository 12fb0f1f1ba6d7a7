"""Validation of one mystery shop as the phone sends it: visit details and checklist answers.

The phone validates as well, but a stale page, a manipulated request or an edited checklist must
not store anything the checklist does not allow. Every problem is reported per item key (or per
visit field) as a code with parameters, so each interface words it in its own language and can
point the shopper at the right question.

Storage per item type (the contract with ``surveyor.scoring.checklist.earned_points``):
``yes_no`` 1/0, ``scale``/``number``/``duration`` (seconds) in ``Answer.number``; ``choice`` (the
option value), ``datetime`` (ISO 8601) and ``text`` in ``Answer.text``; ``photo`` the
client-generated upload ids, comma-separated, in ``Answer.text`` (the files follow separately).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from surveyor.models import Item

MAX_TEXT = 5_000
MAX_DURATION_SECONDS = 24 * 3600
MAX_PHOTOS_PER_ITEM = 5
POSITION_RANGES = {"latitude": (-90, 90), "longitude": (-180, 180), "accuracy_m": (0, 1e6)}
UPLOAD_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
YES = frozenset({"1", "1.0", "yes", "true"})
NO = frozenset({"0", "0.0", "no", "false"})


@dataclass(frozen=True)
class ShopProblem(Exception):
    """What is wrong with one answer or visit field; ``params`` fill the message."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)


class InvalidShop(ValueError):
    """The shop was not stored; ``errors`` maps item keys (or ``visit.*``) to problems."""

    def __init__(self, errors: dict[str, ShopProblem]) -> None:
        super().__init__(", ".join(f"{key}: {problem.code}" for key, problem in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class CleanAnswer:
    """One answer ready to store: ``number``/``text`` as in the table, or not applicable."""

    number: float | None = None
    text: str | None = None
    not_applicable: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"number": self.number, "text": self.text, "not_applicable": self.not_applicable}

    def scored_value(self) -> float | str | None:
        if self.not_applicable:
            return None
        return self.number if self.number is not None else self.text


def clean_visit(raw: Any, today: date) -> dict[str, Any]:
    """Visit date (required, not in the future), times in/out and the optional position."""
    raw = raw if isinstance(raw, Mapping) else {}
    errors: dict[str, ShopProblem] = {}
    visit: dict[str, Any] = {}
    for name, parse in (("date", _date), ("time_in", _time), ("time_out", _time)):
        try:
            visit[name] = parse(raw.get(name), required=name == "date")
        except ShopProblem as problem:
            errors[f"visit.{name}"] = problem
    if visit.get("date") and visit["date"] > today + timedelta(days=1):
        errors["visit.date"] = ShopProblem("future_date")
    if visit.get("time_in") and visit.get("time_out") and visit["time_out"] < visit["time_in"]:
        errors["visit.time_out"] = ShopProblem("time_out_before_in")
    for name, low, high in (
        ("latitude", -90, 90),
        ("longitude", -180, 180),
        ("accuracy_m", 0, 1e6),
    ):
        try:
            visit[name] = _number(raw.get(name), low, high, required=False)
        except ShopProblem as problem:
            errors[f"visit.{name}"] = problem
    if (visit.get("latitude") is None) != (visit.get("longitude") is None):
        errors["visit.latitude"] = ShopProblem("incomplete_position")
    if errors:
        raise InvalidShop(errors)
    return visit


def clean_answers(items: Sequence[Item], raw: Any) -> dict[str, CleanAnswer]:
    """Validate every item; unknown keys are refused, not silently dropped."""
    raw = raw if isinstance(raw, Mapping) else {}
    errors: dict[str, ShopProblem] = {}
    for key in sorted(set(raw) - {item.key for item in items}):
        errors[str(key)[:40]] = ShopProblem("unknown_item")
    clean: dict[str, CleanAnswer] = {}
    for item in items:
        given = raw.get(item.key)
        given = given if isinstance(given, Mapping) else {"value": given}
        try:
            answer = _clean_item(item, given)
        except ShopProblem as problem:
            errors[item.key] = problem
            continue
        if answer is not None:
            clean[item.key] = answer
    if errors:
        raise InvalidShop(errors)
    return clean


def _clean_item(item: Item, given: Mapping[str, Any]) -> CleanAnswer | None:
    if given.get("na") is True:
        if not item.na_allowed:
            raise ShopProblem("na_not_allowed")
        return CleanAnswer(not_applicable=True)
    value = given.get("value")
    if value is None or value == "" or value == []:
        if item.required:
            raise ShopProblem("required")
        return None
    settings = item.settings or {}
    cleaner = CLEANERS.get(item.item_type)
    if cleaner is None:
        raise ShopProblem("not_answerable")
    return cleaner(value, settings)


def _yes_no(value: Any, _settings: Mapping) -> CleanAnswer:
    if isinstance(value, bool):
        return CleanAnswer(number=1.0 if value else 0.0)
    word = str(value).strip().lower() if isinstance(value, str | int | float) else None
    if word in YES:
        return CleanAnswer(number=1.0)
    if word in NO:
        return CleanAnswer(number=0.0)
    raise ShopProblem("yes_or_no")


def _scale(value: Any, settings: Mapping) -> CleanAnswer:
    low, high = int(settings.get("min", 1)), int(settings.get("max", 5))
    number = _number(value, low, high, required=True)
    if not float(number).is_integer():
        raise ShopProblem("out_of_range", {"low": low, "high": high})
    return CleanAnswer(number=number)


def _choice(value: Any, settings: Mapping) -> CleanAnswer:
    allowed = {str(option.get("value")) for option in settings.get("options", ())}
    if str(value) not in allowed:
        raise ShopProblem("unknown_option")
    return CleanAnswer(text=str(value))


def _plain_number(value: Any, settings: Mapping) -> CleanAnswer:
    low = settings.get("min", -1e12)
    high = settings.get("max", 1e12)
    return CleanAnswer(number=_number(value, float(low), float(high), required=True))


def _duration(value: Any, settings: Mapping) -> CleanAnswer:
    high = float(settings.get("max", MAX_DURATION_SECONDS))
    return CleanAnswer(number=_number(value, 0, high, required=True))


def _datetime(value: Any, _settings: Mapping) -> CleanAnswer:
    try:
        moment = datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise ShopProblem("bad_datetime") from None
    return CleanAnswer(text=moment.isoformat(timespec="minutes"))


def _text(value: Any, _settings: Mapping) -> CleanAnswer:
    if not isinstance(value, str):
        raise ShopProblem("bad_text")
    text = value.strip()
    if len(text) > MAX_TEXT:
        raise ShopProblem("too_long", {"high": MAX_TEXT})
    return CleanAnswer(text=text)


def _photo(value: Any, _settings: Mapping) -> CleanAnswer:
    ids = value if isinstance(value, list) else [value]
    if len(ids) > MAX_PHOTOS_PER_ITEM:
        raise ShopProblem("too_many_photos", {"high": MAX_PHOTOS_PER_ITEM})
    if not all(isinstance(one, str) and UPLOAD_ID.match(one) for one in ids):
        raise ShopProblem("bad_photo_id")
    return CleanAnswer(text=",".join(dict.fromkeys(ids)))


CLEANERS = {
    "yes_no": _yes_no,
    "scale": _scale,
    "choice": _choice,
    "number": _plain_number,
    "duration": _duration,
    "datetime": _datetime,
    "text": _text,
    "photo": _photo,
}


def _number(value: Any, low: float, high: float, required: bool) -> float | None:
    if value is None or value == "":
        if required:
            raise ShopProblem("required")
        return None
    if isinstance(value, bool):
        raise ShopProblem("not_a_number")
    try:
        number = float(str(value).strip().replace(",", ".")) if isinstance(value, str) else value
        number = float(number)
    except (TypeError, ValueError):
        raise ShopProblem("not_a_number") from None
    if not math.isfinite(number):
        raise ShopProblem("not_a_number")
    if not low <= number <= high:
        raise ShopProblem("out_of_range", {"low": _plain(low), "high": _plain(high)})
    return number


def _plain(bound: float) -> float | int:
    return int(bound) if float(bound).is_integer() else bound


def _date(value: Any, required: bool) -> date | None:
    if value in (None, ""):
        if required:
            raise ShopProblem("required")
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ShopProblem("bad_date") from None


def _time(value: Any, required: bool) -> time | None:
    if value in (None, ""):
        return None
    try:
        return time.fromisoformat(str(value)).replace(second=0, microsecond=0)
    except ValueError:
        raise ShopProblem("bad_time") from None
