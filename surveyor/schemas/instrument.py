"""The JSON definition of an instrument: one format for Kano questionnaires and checklists.

Consultants author in the tools they already use, so a definition travels as JSON (this schema)
or as an Excel template (``surveyor.services.instruments.instrument_excel``, which reads into the
same dict). ``"format": "surveyor.instrument/1"`` names the version of the format, so that a later
change can keep reading old files. Every error names its field by path (``items.3.functional_de``);
:func:`describe_errors` turns the path into words ("Feature 4, functional question (German)").

The fields an item may carry depend on its type; a field that means nothing for the type is
refused rather than silently dropped, so that a typo cannot lose an author's intent. Loading
fills the defaults of the fields the type uses, so two loaded definitions compare equal when they
define the same instrument.

Errors read in the user's language: the schema's own messages are translated where they are
raised, so validate under :func:`labels_locale`; marshmallow's built-in ones ("Not a valid
number.") are translated by :func:`describe_errors` (see :mod:`surveyor.schemas.messages`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from flask import has_request_context
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from surveyor.schemas.messages import translate
from surveyor.scoring.checklist import KANO_TAGS

FORMAT = "surveyor.instrument/1"
KINDS = ("kano", "checklist")
LANGUAGES = ("en", "de")
KANO_OPTIONAL_TYPES = ("csat", "nps", "ces", "contacts", "comment")
CHECKLIST_TYPES = ("yes_no", "scale", "choice", "number", "duration", "datetime", "text", "photo")
TYPES_OF_KIND = {"kano": ("kano_feature", *KANO_OPTIONAL_TYPES), "checklist": CHECKLIST_TYPES}
SCORED_TYPES = ("yes_no", "scale", "choice", "number", "duration")
DIRECTIONS = ("at_most", "at_least")
MAX_ITEMS = 500
MAX_OPTIONS = 50

_CHECKLIST_FIELDS = (
    "section",
    "section_de",
    "text_en",
    "text_de",
    "instructions",
    "points",
    "kano_tag",
    "critical",
    "na_allowed",
)
_THRESHOLD_FIELDS = ("target", "direction", "limit")
TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "kano_feature": (
        "functional_en",
        "functional_de",
        "dysfunctional_en",
        "dysfunctional_de",
        "asks_importance",
    ),
    **{name: ("text_en", "text_de") for name in KANO_OPTIONAL_TYPES},
    "yes_no": (*_CHECKLIST_FIELDS, "good"),
    "scale": (*_CHECKLIST_FIELDS, "min", "max"),
    "choice": (*_CHECKLIST_FIELDS, "options"),
    "number": (*_CHECKLIST_FIELDS, *_THRESHOLD_FIELDS),
    "duration": (*_CHECKLIST_FIELDS, *_THRESHOLD_FIELDS),
    "datetime": _CHECKLIST_FIELDS,
    "text": _CHECKLIST_FIELDS,
    "photo": _CHECKLIST_FIELDS,
}
QUESTION_TEXTS = {"kano_feature": ("functional", "dysfunctional")}
DEFAULTS: dict[str, Any] = {
    "section": "",
    "section_de": "",
    "text_en": "",
    "text_de": "",
    "functional_en": "",
    "functional_de": "",
    "dysfunctional_en": "",
    "dysfunctional_de": "",
    "asks_importance": False,
    "instructions": "",
    "kano_tag": None,
    "critical": False,
    "na_allowed": False,
    "good": "yes",
    "min": 1,
    "max": 5,
    "target": None,
    "direction": "at_most",
    "limit": None,
}

FIELD_LABELS = {
    "format": _l("format"),
    "kind": _l("kind"),
    "name": _l("name"),
    "languages": _l("languages"),
    "title_en": _l("title (English)"),
    "title_de": _l("title (German)"),
    "intro_en": _l("introduction (English)"),
    "intro_de": _l("introduction (German)"),
    "items": _l("items"),
    "key": _l("key"),
    "type": _l("type"),
    "required": _l("required"),
    "section": _l("section"),
    "section_de": _l("section (German)"),
    "text_en": _l("question (English)"),
    "text_de": _l("question (German)"),
    "functional_en": _l("functional question (English)"),
    "functional_de": _l("functional question (German)"),
    "dysfunctional_en": _l("dysfunctional question (English)"),
    "dysfunctional_de": _l("dysfunctional question (German)"),
    "asks_importance": _l("importance question"),
    "instructions": _l("instructions for the shopper"),
    "points": _l("points"),
    "kano_tag": _l("Kano tag"),
    "critical": _l("critical"),
    "na_allowed": _l("N/A allowed"),
    "good": _l("good answer"),
    "min": _l("scale minimum"),
    "max": _l("scale maximum"),
    "options": _l("options"),
    "target": _l("target"),
    "direction": _l("direction"),
    "limit": _l("limit"),
    "value": _l("value"),
    "label_en": _l("label (English)"),
    "label_de": _l("label (German)"),
}
LANGUAGE_NAMES = {"en": _l("English"), "de": _l("German")}


def _printable(value: str) -> None:
    if any(ord(char) < 32 and char not in "\t\n\r" for char in value):
        raise ValidationError(_("Must not contain control characters."))


def _text(max_length: int, required: bool = False) -> fields.String:
    checks: list[Callable] = [validate.Length(max=max_length), _printable]
    if required:
        checks.append(validate.Regexp(r"\S", error=_l("Must not be blank.")))
    return fields.String(required=required, validate=checks)


def _number(low: float, high: float, **kwargs: Any) -> fields.Float:
    return fields.Float(allow_nan=False, validate=validate.Range(min=low, max=high), **kwargs)


def _one_of(choices: tuple[str, ...], **kwargs: Any) -> fields.String:
    return fields.String(validate=validate.OneOf(choices), **kwargs)


class OptionSchema(Schema):
    """One answer option of a single-choice checklist item and the points it earns."""

    value = fields.String(
        required=True,
        validate=[
            validate.Length(min=1, max=40),
            validate.Regexp(r"^\S+$", error=_l("Must be one word without spaces.")),
            _printable,
        ],
    )
    label_en = _text(200)
    label_de = _text(200)
    points = _number(0, 1000, required=True)

    @post_load
    def fill_defaults(self, data: dict, **_kwargs: Any) -> dict:
        return {
            "value": data["value"],
            "label_en": data.get("label_en", ""),
            "label_de": data.get("label_de", ""),
            "points": data["points"],
        }


class ItemSchema(Schema):
    """A Kano feature, a standard touchpoint question or a checklist item."""

    key = fields.String(
        validate=[
            validate.Length(max=40),
            validate.Regexp(
                r"^[a-z0-9][a-z0-9_-]*$",
                error=_l(
                    "Use lower-case letters, digits, '-' and '_'; start with a letter or digit."
                ),
            ),
        ]
    )
    type = _one_of(tuple(TYPE_FIELDS), required=True)
    required = fields.Boolean()
    section = _text(120)
    section_de = _text(120)
    text_en = _text(2000)
    text_de = _text(2000)
    functional_en = _text(2000)
    functional_de = _text(2000)
    dysfunctional_en = _text(2000)
    dysfunctional_de = _text(2000)
    asks_importance = fields.Boolean()
    instructions = _text(2000)
    points = _number(0, 1000)
    kano_tag = _one_of(KANO_TAGS, allow_none=True)
    critical = fields.Boolean()
    na_allowed = fields.Boolean()
    good = _one_of(("yes", "no"))
    min = fields.Integer(strict=True, validate=validate.Range(min=-100, max=100))
    max = fields.Integer(strict=True, validate=validate.Range(min=-100, max=100))
    options = fields.List(
        fields.Nested(OptionSchema),
        validate=validate.Length(
            min=2,
            max=MAX_OPTIONS,
            error=_l("Give %(min)s to %(max)s options.", min=2, max=MAX_OPTIONS),
        ),
    )
    target = _number(-1e9, 1e9, allow_none=True)
    direction = _one_of(DIRECTIONS)
    limit = _number(-1e9, 1e9, allow_none=True)

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def check_type_rules(self, data: dict, original: Any, **_kwargs: Any) -> None:
        item_type = data.get("type")
        if item_type not in TYPE_FIELDS:
            return
        errors: dict[str, list[str]] = {}
        allowed = TYPE_FIELDS[item_type]
        for name in data:
            if name not in ("key", "type", "required") and name not in allowed:
                errors[name] = [
                    _("Not used by items of type '%(type)s'; remove it.", type=item_type)
                ]
        _check_points(item_type, data, errors)
        _check_scale(data, errors)
        if item_type == "choice":
            _check_options(data, errors)
        if item_type == "choice" and isinstance(original, Mapping) and not original.get("options"):
            errors.setdefault("options", []).append(_("A choice item needs at least 2 options."))
        _check_threshold(data, errors)
        if errors:
            raise ValidationError(errors)

    @post_load
    def fill_defaults(self, data: dict, **_kwargs: Any) -> dict:
        item_type = data["type"]
        filled: dict[str, Any] = {"key": data.get("key"), "type": item_type}
        filled["required"] = data.get("required", item_type not in KANO_OPTIONAL_TYPES)
        for name in TYPE_FIELDS[item_type]:
            filled[name] = data[name] if name in data else _default(name, data)
        return filled


def _default(name: str, data: dict) -> Any:
    """Defaults as the checklist editor sets them: a choice is worth its best option, a number
    or duration without a target and the unscored types are worth nothing."""
    if name != "points":
        return DEFAULTS.get(name)
    if data["type"] == "choice":
        return max((option["points"] for option in data.get("options") or ()), default=0.0)
    if data["type"] in ("number", "duration") and data.get("target") is None:
        return 0.0
    return 1.0 if data["type"] in SCORED_TYPES else 0.0


def _check_points(item_type: str, data: dict, errors: dict) -> None:
    if item_type in CHECKLIST_TYPES and item_type not in SCORED_TYPES and data.get("points"):
        errors.setdefault("points", []).append(
            _("Items of type '%(type)s' earn no points; leave it at 0.", type=item_type)
        )


def _check_scale(data: dict, errors: dict) -> None:
    low, high = data.get("min", DEFAULTS["min"]), data.get("max", DEFAULTS["max"])
    if data.get("type") == "scale" and high <= low:
        errors.setdefault("max", []).append(
            _("Must be greater than the minimum (%(low)s).", low=low)
        )
    elif data.get("type") == "scale" and high - low > 100:
        errors.setdefault("max", []).append(_("The scale may span at most 100 steps."))


def _check_options(data: dict, errors: dict) -> None:
    points = data["points"] if "points" in data else float("inf")
    seen: dict[str, int] = {}
    for index, option in enumerate(data.get("options") or ()):
        problems: dict[str, list[str]] = {}
        if "value" in option and option["value"] in seen:
            problems["value"] = [
                _("Appears twice (also option %(number)s).", number=seen[option["value"]] + 1)
            ]
        if "value" in option:
            seen.setdefault(option["value"], index)
        if "points" in option and option["points"] > points:
            problems["points"] = [
                ngettext(
                    "More than the item's %(points)s point.",
                    "More than the item's %(points)s points.",
                    _plural_count(points),
                    points=f"{points:g}",
                )
            ]
        if problems:
            errors.setdefault("options", {})[index] = problems


def _check_threshold(data: dict, errors: dict) -> None:
    target, limit = data.get("target"), data.get("limit")
    if limit is None or data.get("type") not in ("number", "duration"):
        return
    if target is None:
        errors.setdefault("limit", []).append(_("Give a target first."))
    elif data.get("direction", "at_most") == "at_most" and limit <= target:
        errors.setdefault("limit", []).append(
            _("Must be above the target (%(target)s).", target=f"{target:g}")
        )
    elif data.get("direction") == "at_least" and limit >= target:
        errors.setdefault("limit", []).append(
            _("Must be below the target (%(target)s).", target=f"{target:g}")
        )


class InstrumentDefinitionSchema(Schema):
    """A whole instrument: its kind, name, languages, texts and items in order."""

    format = fields.String(
        required=True,
        validate=validate.Equal(FORMAT, error=_l("Must be '%(format)s'.", format=FORMAT)),
    )
    kind = _one_of(KINDS, required=True)
    name = _text(120, required=True)
    languages = fields.List(
        _one_of(LANGUAGES),
        required=True,
        validate=validate.Length(min=1, max=len(LANGUAGES), error=_l("List 'en', 'de' or both.")),
    )
    title_en = _text(
        200,
    )
    title_de = _text(200)
    intro_en = _text(5000)
    intro_de = _text(5000)
    items = fields.List(
        fields.Nested(ItemSchema),
        required=True,
        validate=validate.Length(
            max=MAX_ITEMS, error=_l("At most %(count)s items.", count=MAX_ITEMS)
        ),
    )

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def check_items(self, data: dict, original: Any, **_kwargs: Any) -> None:
        errors: dict[int, dict[str, list[str]]] = {}
        kind, languages = data.get("kind"), data.get("languages") or ()
        if len(set(languages)) != len(languages):
            raise ValidationError({"languages": [_("Lists a language twice.")]})
        seen_keys: dict[str, int] = {}
        seen_types: dict[str, int] = {}
        raw_items = original.get("items") if isinstance(original, Mapping) else None
        for index, item in enumerate(data.get("items") or ()):
            problems = errors.setdefault(index, {})
            item_type = item.get("type") if isinstance(item, Mapping) else None
            if item_type not in TYPE_FIELDS:
                continue
            if kind in TYPES_OF_KIND and item_type not in TYPES_OF_KIND[kind]:
                problems["type"] = [_wrong_type_message(kind, item_type)]
            if item.get("key"):
                if item["key"] in seen_keys:
                    problems["key"] = [_appears_twice(seen_keys[item["key"]])]
                seen_keys.setdefault(item["key"], index)
            if item_type in KANO_OPTIONAL_TYPES:
                if item_type in seen_types:
                    problems.setdefault("type", []).append(_appears_twice(seen_types[item_type]))
                seen_types.setdefault(item_type, index)
            _check_languages(item_type, _raw(raw_items, index), languages, problems)
        errors = {index: found for index, found in errors.items() if found}
        if errors:
            raise ValidationError({"items": errors})

    @post_load
    def fill_defaults(self, data: dict, **_kwargs: Any) -> dict:
        for name in ("title_en", "title_de", "intro_en", "intro_de"):
            data.setdefault(name, "")
        return data


def _appears_twice(index: int) -> str:
    return _("Appears twice (also item %(number)s).", number=index + 1)


def _wrong_type_message(kind: str, item_type: str) -> str:
    types = ", ".join(TYPES_OF_KIND[kind])
    if kind == "kano":
        return _(
            "'%(type)s' belongs in a checklist; use one of: %(types)s.", type=item_type, types=types
        )
    return _(
        "'%(type)s' belongs in a Kano questionnaire; use one of: %(types)s.",
        type=item_type,
        types=types,
    )


def _raw(items: Any, index: int) -> Mapping:
    """The item as sent (a text that failed its own check is absent from the loaded data)."""
    try:
        item = items[index]
    except (TypeError, IndexError, KeyError):
        return {}
    return item if isinstance(item, Mapping) else {}


def _check_languages(
    item_type: str, raw: Mapping, languages: tuple[str, ...], problems: dict
) -> None:
    """Every question (and choice label) must be given in every language the instrument lists.

    The standard touchpoint questions (CSAT, NPS, ...) may leave their texts blank: importing
    fills in Surveyor's standard wording.
    """
    if item_type in KANO_OPTIONAL_TYPES:
        return
    for stem in QUESTION_TEXTS.get(item_type, ("text",)):
        for language in languages:
            if _blank(raw.get(f"{stem}_{language}")):
                problems.setdefault(f"{stem}_{language}", []).append(_missing(language))
    options = raw.get("options") if item_type == "choice" else None
    for index, option in enumerate(options if isinstance(options, list) else ()):
        for language in languages:
            if isinstance(option, Mapping) and _blank(option.get(f"label_{language}")):
                option_problems = problems.setdefault("options", {}).setdefault(index, {})
                option_problems.setdefault(f"label_{language}", []).append(_missing(language))


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _missing(language: str) -> str:
    return _("Missing; the instrument's languages include '%(language)s'.", language=language)


def _plural_count(number: float) -> int:
    """The count that picks the plural form for ``number`` (decimals take the plural)."""
    return int(number) if float(number).is_integer() else 2


def describe_errors(
    messages: Mapping,
    data: Any,
    locate: Callable[[tuple], str | None] | None = None,
) -> list[tuple[str, str]]:
    """Flatten marshmallow's nested messages into ``(path, "Where: what")`` pairs.

    ``data`` is the input that failed (to call an item a feature when it is one); ``locate`` may
    name the place of a path in a source file (the Excel reader gives sheet, row and column).
    Places and marshmallow's own messages read in the language of :func:`labels_locale`.
    """
    found: list[tuple[str, str]] = []
    with labels_locale():
        for path, message in _walk(messages, ()):
            where = (locate(path) if locate else None) or _label(path, data)
            dotted = ".".join(str(part) for part in path)
            found.append((dotted, f"{where}: {message}" if where else message))
    return found


def labels_locale() -> AbstractContextManager:
    """The user's language in a request; English elsewhere (CLI, scripts), where Surveyor's
    locale selector has no session to read."""
    return nullcontext() if has_request_context() else force_locale("en")


def _walk(messages: Any, path: tuple) -> list[tuple[tuple, str]]:
    if isinstance(messages, Mapping):
        pairs: list[tuple[tuple, str]] = []
        for key, value in messages.items():
            pairs.extend(_walk(value, path if key == "_schema" else (*path, key)))
        return pairs
    if isinstance(messages, list | tuple) and not all(isinstance(m, str) for m in messages):
        pairs = []
        for value in messages:
            pairs.extend(_walk(value, path))
        return pairs
    if isinstance(messages, list | tuple):
        return [(path, " ".join(translate(message) for message in messages))]
    return [(path, translate(str(messages)))]


def _label(path: tuple, data: Any) -> str:
    if not path:
        return ""
    if path[0] != "items" or len(path) < 2 or not isinstance(path[1], int):
        words = [
            str(_l("entry %(number)s", number=part + 1))
            if isinstance(part, int)
            else str(FIELD_LABELS.get(str(part), part))
            for part in path
        ]
        return _capitalised(", ".join(words))
    parts = [str(_item_noun(path[1], data)) + f" {path[1] + 1}"]
    rest = list(path[2:])
    if rest[:1] == ["options"] and len(rest) > 1 and isinstance(rest[1], int):
        parts.append(str(_l("option %(number)s", number=rest[1] + 1)))
        rest = rest[2:]
    parts.extend(str(FIELD_LABELS.get(str(part), part)) for part in rest)
    return ", ".join(parts)


def _item_noun(index: int, data: Any) -> Any:
    try:
        item_type = data["items"][index].get("type")
    except (TypeError, KeyError, IndexError, AttributeError):
        item_type = None
    kind = data.get("kind") if isinstance(data, Mapping) else None
    if item_type == "kano_feature" or (item_type is None and kind == "kano"):
        return _l("Feature")
    return _l("Item")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
