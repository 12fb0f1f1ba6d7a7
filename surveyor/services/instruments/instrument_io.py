"""Export an instrument version as a JSON definition and import one into a new draft.

The definition format is :mod:`surveyor.schemas.instrument`. Importing never touches a published
version: it replaces the items of the instrument's draft, or appends a new draft when the newest
version is published, so responses keep pointing at the wording they answered. The instrument's
name stays as it is when importing into an existing instrument (the name is not versioned and
published results show it); the definition's name names a newly created instrument.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError

from surveyor import safe_json
from surveyor.database import committed
from surveyor.extensions import db
from surveyor.models import Instrument, InstrumentVersion, Item, Touchpoint
from surveyor.schemas.instrument import (
    FORMAT,
    KANO_OPTIONAL_TYPES,
    LANGUAGES,
    QUESTION_TEXTS,
    TYPE_FIELDS,
    InstrumentDefinitionSchema,
    describe_errors,
    labels_locale,
)
from surveyor.services.instruments import instruments
from surveyor.services.slugs import slugify

MAX_JSON_BYTES = 1024 * 1024
SETTINGS_FIELDS = ("good", "min", "max", "options", "target", "direction", "limit")
CHECKLIST_COLUMNS = (
    "section",
    "section_de",
    "instructions",
    "points",
    "kano_tag",
    "critical",
    "na_allowed",
)
VERSION_TEXTS = ("title_en", "title_de", "intro_en", "intro_de")
KIND_NAMES = {"kano": _l("a Kano questionnaire"), "checklist": _l("a checklist")}
Locate = Callable[[tuple], str | None]


class DefinitionInvalid(ValueError):
    """The definition cannot be imported; ``errors`` say where and what, one line each."""

    def __init__(self, errors: list[str], paths: list[str] | None = None) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors
        self.paths = paths or []


def export_definition(version: InstrumentVersion) -> dict[str, Any]:
    """The version as a ``surveyor.instrument/1`` definition (items in their order)."""
    items = [_item_definition(item) for item in version.items]
    return {
        "format": FORMAT,
        "kind": version.instrument.kind,
        "name": version.instrument.name,
        "languages": _languages(items),
        **{name: getattr(version, name) or "" for name in VERSION_TEXTS},
        "items": items,
    }


def load_definition(data: Any, locate: Locate | None = None) -> dict[str, Any]:
    """Validate ``data``; raises :class:`DefinitionInvalid` with every problem found."""
    try:
        with labels_locale():
            return InstrumentDefinitionSchema().load(data)
    except ValidationError as error:
        described = describe_errors(error.messages, data, locate)
        raise DefinitionInvalid(
            [text for _, text in described], [p for p, _ in described]
        ) from None


def read_json(content: bytes) -> Any:
    """Parse an uploaded JSON file, refusing oversized and unreadable ones with a clear reason."""
    with labels_locale():
        if len(content) > MAX_JSON_BYTES:
            raise DefinitionInvalid(
                [_("The file is larger than %(size)s KB.", size=MAX_JSON_BYTES // 1024)]
            )
        try:
            return safe_json.loads(content.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise DefinitionInvalid([_("The file is not UTF-8 text.")]) from None
        except safe_json.UnsafeJson as unsafe:
            raise DefinitionInvalid(
                [_("The file cannot be stored: %(reason)s", reason=unsafe.located())]
            ) from None
        except json.JSONDecodeError as error:
            raise DefinitionInvalid(
                [
                    _(
                        "Not valid JSON: %(reason)s (line %(line)s, column %(column)s).",
                        reason=error.msg,
                        line=error.lineno,
                        column=error.colno,
                    )
                ]
            ) from None
        except RecursionError:
            raise DefinitionInvalid([_("The JSON is nested too deeply.")]) from None


@committed
def import_definition(
    instrument: Instrument, data: Any, locate: Locate | None = None
) -> InstrumentVersion:
    """Load ``data`` into the instrument's draft (a new one if the newest is published).

    Saved at once; an invalid definition (:class:`DefinitionInvalid`) leaves nothing behind.
    """
    kind = data.get("kind") if isinstance(data, Mapping) else None
    if isinstance(kind, str) and kind in KIND_NAMES and kind != instrument.kind:
        with labels_locale():
            where = (locate(("kind",)) if locate else None) or _("Kind")
            message = _(
                "The file defines %(kind)s, but this instrument is %(own)s.",
                kind=KIND_NAMES[kind],
                own=KIND_NAMES[instrument.kind],
            )
        raise DefinitionInvalid([f"{where}: {message}"], ["kind"])
    definition = load_definition(data, locate)
    newest = instruments.newest_version(instrument)
    if newest.is_published:
        version = InstrumentVersion(number=newest.number + 1, status="draft")
        instrument.versions.append(version)
    else:
        version = instruments.editable_draft(newest)
        version.items.clear()
        db.session.flush()
    _fill(version, definition)
    return version


@committed
def create_from_definition(
    touchpoint: Touchpoint, data: Any, locate: Locate | None = None
) -> Instrument:
    """A new instrument on ``touchpoint`` whose first (draft) version is the definition."""
    definition = load_definition(data, locate)
    instrument, version = instruments.new_instrument(
        touchpoint, definition["kind"], definition["name"].strip()
    )
    _fill(version, definition)
    return instrument


def _fill(version: InstrumentVersion, definition: dict[str, Any]) -> None:
    for name in VERSION_TEXTS:
        setattr(version, name, definition[name].strip())
    keys = _keys(definition["items"])
    ordered = sorted(
        enumerate(definition["items"]), key=lambda pair: _order(definition["kind"], *pair)
    )
    for position, (index, item) in enumerate(ordered):
        version.items.append(Item(key=keys[index], position=position, **_item_fields(item)))


def _order(kind: str, index: int, item: dict) -> tuple[int, int]:
    """Kano features first, then the standard questions in their order (as the editor keeps)."""
    if kind == "kano" and item["type"] in KANO_OPTIONAL_TYPES:
        return 1, KANO_OPTIONAL_TYPES.index(item["type"])
    return 0, index


def _keys(items: list[dict]) -> list[str]:
    """Given keys are kept (results match features across versions by key); others derived."""
    taken = {item["key"] for item in items if item["key"]}
    keys = []
    for item in items:
        key = item["key"]
        if not key:
            base = (
                item["type"]
                if item["type"] in KANO_OPTIONAL_TYPES
                else slugify(_first_text(item), max_length=30)
            )
            key, counter = base, 2
            while key in taken:
                key, counter = f"{base}-{counter}", counter + 1
            taken.add(key)
        keys.append(key)
    return keys


def _first_text(item: dict) -> str:
    stem = QUESTION_TEXTS.get(item["type"], ("text",))[0]
    return item.get(f"{stem}_en") or item.get(f"{stem}_de") or "item"


def _item_fields(item: dict) -> dict[str, Any]:
    item_type = item["type"]
    fields: dict[str, Any] = {"item_type": item_type, "required": item["required"]}
    if item_type == "kano_feature":
        fields |= {
            "text_en": item["functional_en"].strip(),
            "text_de": item["functional_de"].strip(),
            "negative_text_en": item["dysfunctional_en"].strip(),
            "negative_text_de": item["dysfunctional_de"].strip(),
            "asks_importance": item["asks_importance"],
        }
    else:
        fields |= {"text_en": item["text_en"].strip(), "text_de": item["text_de"].strip()}
    if item_type in KANO_OPTIONAL_TYPES:
        english, german = instruments.OPTIONAL_ITEM_TEXTS[item_type]
        fields["text_en"] = fields["text_en"] or english
        fields["text_de"] = fields["text_de"] or german
    for name in CHECKLIST_COLUMNS:
        if name in item:
            fields[name] = item[name].strip() if isinstance(item[name], str) else item[name]
    fields["settings"] = {
        name: item[name] for name in SETTINGS_FIELDS if item.get(name) is not None
    }
    return fields


def _item_definition(item: Item) -> dict[str, Any]:
    settings = item.settings or {}
    values: dict[str, Any] = {
        "functional_en": item.text_en,
        "functional_de": item.text_de,
        "dysfunctional_en": item.negative_text_en,
        "dysfunctional_de": item.negative_text_de,
        "asks_importance": item.asks_importance,
        "text_en": item.text_en,
        "text_de": item.text_de,
        "section": item.section,
        "section_de": item.section_de,
        "instructions": item.instructions,
        "points": item.points,
        "kano_tag": item.kano_tag,
        "critical": item.critical,
        "na_allowed": item.na_allowed,
        "good": settings.get("good", "yes"),
        "min": settings.get("min", 1),
        "max": settings.get("max", 5),
        "options": [_option(option) for option in settings.get("options", ())],
        "target": settings.get("target"),
        "direction": settings.get("direction", "at_most"),
        "limit": settings.get("limit"),
    }
    definition = {"key": item.key, "type": item.item_type, "required": item.required}
    for name in TYPE_FIELDS.get(item.item_type, ()):
        definition[name] = values[name]
    return definition


def _option(option: dict) -> dict[str, Any]:
    return {
        "value": str(option.get("value", "")),
        "label_en": option.get("label_en", ""),
        "label_de": option.get("label_de", ""),
        "points": float(option.get("points", 0)),
    }


def _languages(items: list[dict]) -> list[str]:
    """The languages every question is given in (else the best-covered one).

    An import insists on texts in every listed language, so a translated instrument exports as a
    definition that imports again. A draft whose features mix languages without any complete one
    exports with its best-covered language, and the import then names the missing texts.
    """
    coverage: dict[str, list[bool]] = {}
    for language in LANGUAGES:
        coverage[language] = [
            bool(str(item.get(f"{stem}_{language}") or "").strip())
            for item in items
            if item["type"] not in KANO_OPTIONAL_TYPES
            for stem in QUESTION_TEXTS.get(item["type"], ("text",))
        ] + [
            bool(option[f"label_{language}"].strip())
            for item in items
            for option in item.get("options", ())
        ]
    if not coverage[LANGUAGES[0]]:
        return [LANGUAGES[0]]
    complete = [language for language in LANGUAGES if all(coverage[language])]
    return complete or [max(LANGUAGES, key=lambda language: sum(coverage[language]))]
