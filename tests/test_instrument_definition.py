"""The instrument definition schema refuses any malformed input with field errors, never a crash."""

from __future__ import annotations

import contextlib
import copy
import random

import pytest
from marshmallow import fields, validate

from surveyor.schemas import messages
from surveyor.schemas.instrument import FORMAT, InstrumentDefinitionSchema
from surveyor.services.instruments import instrument_io

VALID = {
    "format": FORMAT,
    "kind": "checklist",
    "name": "Visit",
    "languages": ["en"],
    "items": [
        {"key": "greet", "type": "yes_no", "text_en": "Greeted?", "points": 2, "good": "yes"},
        {"type": "scale", "text_en": "Friendly?", "min": 1, "max": 5},
        {
            "type": "choice",
            "text_en": "Offer?",
            "points": 2,
            "options": [
                {"value": "none", "label_en": "None", "points": 0},
                {"value": "one", "label_en": "One", "points": 2},
            ],
        },
        {"type": "duration", "text_en": "Wait", "target": 60, "limit": 180},
    ],
}
ODD_VALUES = [None, True, 0, -1, 1.5, 1e308, "", "x", "x" * 3000, "\x00", [], [1], {}, {"a": 1}]
ODD_VALUES += ["choice", "yes_no", "scale", "kano_feature", "csat", "kano", "at_least", "de"]


def _nodes(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _nodes(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _nodes(inner, (*path, index))


def _replace(data, path, new):
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = new


def test_the_valid_definition_loads(app):
    with app.test_request_context():
        loaded = instrument_io.load_definition(copy.deepcopy(VALID))
    assert [item["points"] for item in loaded["items"]] == [2.0, 1.0, 2.0, 1.0]
    assert loaded["items"][1] | {"min": 1, "max": 5} == loaded["items"][1]


@pytest.mark.parametrize("seed", range(4))
def test_any_mutation_gives_field_errors_and_never_crashes(app, seed):
    rng = random.Random(seed)
    paths = [path for path in _nodes(VALID) if path]
    with app.test_request_context():
        for _ in range(300):
            data = copy.deepcopy(VALID)
            for path in rng.sample(paths, 2):
                with contextlib.suppress(KeyError, IndexError, TypeError):
                    _replace(data, path, copy.deepcopy(rng.choice(ODD_VALUES)))
            try:
                instrument_io.load_definition(data)
            except instrument_io.DefinitionInvalid as invalid:
                assert invalid.errors and all(isinstance(e, str) for e in invalid.errors)
                assert len(invalid.paths) == len(invalid.errors)


@pytest.mark.parametrize("data", [None, [], "text", 3, {"items": "x"}, {"items": [None, 3]}])
def test_input_of_the_wrong_shape_is_refused(app, data):
    with app.test_request_context(), pytest.raises(instrument_io.DefinitionInvalid):
        instrument_io.load_definition(data)


def test_options_on_an_item_without_options_are_refused(app):
    data = copy.deepcopy(VALID)
    data["items"][0]["options"] = [{"value": "a", "points": 9}, {"value": "a", "points": 9}]
    with app.test_request_context(), pytest.raises(instrument_io.DefinitionInvalid) as caught:
        instrument_io.load_definition(data)
    assert caught.value.errors == [
        "Item 1, options: Not used by items of type 'yes_no'; remove it."
    ]


def _marshmallow_messages(schema, seen=None):
    """The built-in messages the schema's fields and validators can give, as templates."""
    seen = seen if seen is not None else set()
    found = set(schema.error_messages.values())
    fields_ = list(schema.fields.values())
    while fields_:
        field = fields_.pop()
        found |= {m for m in field.error_messages.values() if isinstance(m, str)}
        for validator in field.validators:
            if isinstance(validator, validate.Length | validate.Range) and validator.error is None:
                found |= {validator.message_min, validator.message_max, validator.message_all}
            if isinstance(validator, validate.Length) and validator.error is None:
                found.add(validator.message_equal)
            choosing = isinstance(validator, validate.OneOf | validate.Equal | validate.Regexp)
            if choosing and isinstance(validator.error, str):
                found.add(validator.error)
        if isinstance(field, fields.List):
            fields_.append(field.inner)
        if isinstance(field, fields.Nested) and type(field.schema) not in seen:
            seen.add(type(field.schema))
            found |= _marshmallow_messages(field.schema, seen)
    return found


def test_every_built_in_message_the_schema_can_give_is_translatable():
    templates = _marshmallow_messages(InstrumentDefinitionSchema())
    known = {message.replace("%(", "{").replace(")s", "}") for message in messages.MESSAGES}
    assert "Not a valid number." in templates and "Unknown field." in templates
    assert templates <= known, "add marshmallow's new wording to surveyor.schemas.messages"


@pytest.mark.parametrize(
    ("english", "german"),
    [
        ("Not a valid integer.", "Keine gültige ganze Zahl."),
        ("Longer than maximum length 2000.", "Länger als die Höchstlänge 2000."),
        ("Must be one of: en, de.", "Muss einer dieser Werte sein: en, de."),
        ("Must be greater than or equal to 0.", "Muss größer oder gleich 0 sein."),
        (
            "Must be greater than or equal to -100 and less than or equal to 100.",
            "Muss größer oder gleich -100 und kleiner oder gleich 100 sein.",
        ),
        ("Must be greater than the minimum (5).", "Must be greater than the minimum (5)."),
        ("Kein gültiger Wert.", "Kein gültiger Wert."),
    ],
)
def test_marshmallows_messages_are_translated_with_their_values(app, english, german):
    with app.test_request_context(headers={"Accept-Language": "de"}):
        assert messages.translate(english) == german
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert messages.translate(english) == english
