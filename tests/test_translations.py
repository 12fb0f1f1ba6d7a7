"""The German catalogue covers every message in the code, completely and compiled."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "surveyor" / "translations" / "de" / "LC_MESSAGES"


def _catalogue():
    with open(CATALOGUE / "messages.po", "rb") as po:
        return read_po(po)


def _key(text):
    """A message's id or translation; plural ones as tuples (the readers differ)."""
    return text if isinstance(text, str) else tuple(text)


def _translations(catalogue) -> dict:
    return {_key(message.id): _key(message.string) for message in catalogue if message.id}


def test_every_message_is_translated_and_none_is_fuzzy():
    catalogue = _catalogue()
    untranslated = [
        message.id
        for message in catalogue
        if message.id
        and not (message.string if isinstance(message.string, str) else all(message.string))
    ]
    fuzzy = [message.id for message in catalogue if message.id and message.fuzzy]
    assert (untranslated, fuzzy) == ([], [])


def test_translations_keep_the_placeholders():
    problems = [
        (message.id, [str(error) for error in errors]) for message, errors in _catalogue().check()
    ]
    assert problems == []


def test_the_compiled_catalogue_is_up_to_date():
    with open(CATALOGUE / "messages.mo", "rb") as mo:
        compiled = read_mo(mo)
    assert _translations(compiled) == _translations(_catalogue()), "run pybabel compile"


def test_the_catalogue_holds_every_message_of_the_code():
    with open(ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {**DEFAULT_KEYWORDS, "_l": None}
    found = extract_from_dir(ROOT / "surveyor", method_map, options_map, keywords)
    in_code = {_key(message) for _filename, _line, message, _comments, _context in found}
    in_catalogue = set(_translations(_catalogue()))
    assert sorted(map(str, in_code - in_catalogue)) == [], "run pybabel extract and update"
