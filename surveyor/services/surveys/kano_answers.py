"""Validation of the answers to one Kano questionnaire version.

Input is a mapping from item key to the raw fields of that item, as they arrive from the HTML form
or the JSON API (strings or integers). Output is a clean, canonical mapping that is stored and
hashed, or a mapping from item key to the problem found with that question.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from surveyor.models import Item
from surveyor.models.journey import CHANNELS

KANO_ANSWER_RANGE = (1, 5)
IMPORTANCE_RANGE = (1, 9)
SCALES = {"csat": (1, 5), "nps": (0, 10), "ces": (1, 7), "contacts": (1, 50)}
MAX_COMMENT = 5_000
MAX_CONTACT = 254


ENGLISH = {
    "missing_pair": "Please answer both questions about this feature.",
    "required": "Please answer this question.",
    "out_of_range": "Choose a whole number from {low} to {high}.",
    "too_long": "Please shorten your answer to {high} characters.",
    "unknown_question": "This question is not part of the questionnaire.",
    "unknown_channel": "Choose the channels from the list.",
    "not_answerable": "This question cannot be answered in a survey.",
    "contact_missing": "Tell us how we may reach you, or leave the box unticked.",
}


@dataclass(frozen=True)
class AnswerProblem(Exception):
    """What is wrong with one answer, as a code, so each interface can word it in its language."""

    code: str
    low: int | None = None
    high: int | None = None

    @property
    def message(self) -> str:
        return ENGLISH[self.code].format(low=self.low, high=self.high)


class InvalidAnswers(ValueError):
    """Some answers are missing or out of range; ``errors`` maps item keys to problems."""

    def __init__(self, errors: dict[str, AnswerProblem]) -> None:
        super().__init__(", ".join(f"{key}: {p.message}" for key, p in errors.items()))
        self.errors = errors


def clean_answers(items: Sequence[Item], raw: Mapping[str, Mapping[str, Any]]) -> dict:
    """Validate every item of the version; unknown keys are refused, not silently dropped."""
    errors: dict[str, AnswerProblem] = {}
    unknown = set(raw) - {item.key for item in items}
    for key in sorted(unknown):
        errors[key] = AnswerProblem("unknown_question")
    clean: dict[str, dict] = {}
    for item in items:
        fields = raw.get(item.key) or {}
        try:
            value = _clean_item(item, fields)
        except AnswerProblem as problem:
            errors[item.key] = problem
            continue
        if value is not None:
            clean[item.key] = value
    if errors:
        raise InvalidAnswers(errors)
    return clean


def must_answer(item: Item) -> bool:
    """Whether a form without an answer to ``item`` is refused: the survey stars these.

    A Kano feature needs both answers of its pair; a scale needs a number when the author made
    it required; a comment is never required.
    """
    return item.item_type == "kano_feature" or (item.item_type in SCALES and item.required)


def _clean_item(item: Item, fields: Mapping[str, Any]) -> dict | None:
    if item.item_type == "kano_feature":
        return _clean_kano_pair(item, fields)
    if item.item_type in SCALES:
        number = _integer(fields.get("number"), *SCALES[item.item_type], required=must_answer(item))
        if number is None:
            return None
        value: dict[str, Any] = {"number": number}
        if item.item_type == "contacts":
            value["channels"] = _channels(fields.get("channels"))
        return value
    if item.item_type == "comment":
        text = str(fields.get("text") or "").strip()
        if len(text) > MAX_COMMENT:
            raise AnswerProblem("too_long", high=MAX_COMMENT)
        return {"text": text} if text else None
    if item.item_type == "follow_up":
        return _clean_consent(fields)
    raise AnswerProblem("not_answerable")


def _clean_consent(fields: Mapping[str, Any]) -> dict | None:
    """Contact details count only with the ticked consent; without it they are dropped."""
    if str(fields.get("agreed") or "").strip().lower() not in ("1", "true", "yes", "on"):
        return None
    contact = str(fields.get("contact") or "").strip()
    name = str(fields.get("name") or "").strip()
    if not contact:
        raise AnswerProblem("contact_missing")
    if len(contact) > MAX_CONTACT or len(name) > 120:
        raise AnswerProblem("too_long", high=MAX_CONTACT)
    return {"agreed": True, "name": name, "contact": contact}


def _clean_kano_pair(item: Item, fields: Mapping[str, Any]) -> dict:
    functional = _integer(fields.get("functional"), *KANO_ANSWER_RANGE, required=False)
    dysfunctional = _integer(fields.get("dysfunctional"), *KANO_ANSWER_RANGE, required=False)
    if functional is None or dysfunctional is None:
        raise AnswerProblem("missing_pair")
    importance = None
    if item.asks_importance:
        importance = _integer(fields.get("importance"), *IMPORTANCE_RANGE, required=False)
    return {"functional": functional, "dysfunctional": dysfunctional, "importance": importance}


def _integer(value: Any, low: int, high: int, required: bool) -> int | None:
    if value is None or value == "":
        if required:
            raise AnswerProblem("required")
        return None
    out_of_range = AnswerProblem("out_of_range", low=low, high=high)
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise out_of_range
    try:
        number = int(value) if isinstance(value, float) else int(str(value).strip())
    except ValueError:
        raise out_of_range from None
    if not low <= number <= high:
        raise out_of_range
    return number


def _channels(value: Any) -> list[str]:
    chosen = [value] if isinstance(value, str) else list(value or [])
    unknown = [channel for channel in chosen if channel not in CHANNELS]
    if unknown:
        raise AnswerProblem("unknown_channel")
    return sorted(set(chosen))
