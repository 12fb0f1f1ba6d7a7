"""The instrument definition schema refuses any malformed input with field errors, never a crash."""

from __future__ import annotations

import contextlib
import copy
import random

import pytest

from surveyor.schemas.instrument import FORMAT
from surveyor.services import instrument_io

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
