"""The layout of the instrument Excel template, shared by its writer and its reader.

Column keys are the field names of :mod:`surveyor.schemas.instrument`, except on a Kano
questionnaire's Items sheet, where one pair of text columns serves both the features
(functional/dysfunctional question) and the standard touchpoint questions (question).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from surveyor.schemas.instrument import DIRECTIONS, TYPES_OF_KIND
from surveyor.scoring.checklist import KANO_TAGS

MAX_XLSX_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_OPTION_ROWS = 2000
MAX_COLUMNS = 40
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
YES = {"yes", "ja", "true", "wahr", "1", "x", "y", "j"}
NO = {"no", "nein", "false", "falsch", "0", "n"}
BOOLEANS = ("asks_importance", "required", "critical", "na_allowed")
NUMBERS = ("points", "target", "limit")
INTEGERS = ("min", "max")
LOWERCASE = ("type", "kano_tag", "good", "direction")


@dataclass(frozen=True)
class Column:
    key: str
    label: Any
    width: int = 14
    choices: tuple[str, ...] = ()


YES_NO = ("yes", "no")
KANO_COLUMNS = (
    Column("key", _l("Key"), 16),
    Column("type", _l("Type"), 14, TYPES_OF_KIND["kano"]),
    Column("question_en", _l("Functional question or question (English)"), 45),
    Column("question_de", _l("Functional question or question (German)"), 45),
    Column("negative_en", _l("Dysfunctional question (English)"), 45),
    Column("negative_de", _l("Dysfunctional question (German)"), 45),
    Column("asks_importance", _l("Ask importance 1-9"), 12, YES_NO),
    Column("required", _l("Required"), 10, YES_NO),
)
CHECKLIST_COLUMNS = (
    Column("key", _l("Key"), 16),
    Column("section", _l("Section"), 18),
    Column("type", _l("Type"), 12, TYPES_OF_KIND["checklist"]),
    Column("text_en", _l("Question (English)"), 45),
    Column("text_de", _l("Question (German)"), 45),
    Column("instructions", _l("Instructions for the shopper"), 35),
    Column("points", _l("Points"), 9),
    Column("kano_tag", _l("Kano tag"), 13, KANO_TAGS),
    Column("critical", _l("Critical"), 9, YES_NO),
    Column("na_allowed", _l("N/A allowed"), 11, YES_NO),
    Column("required", _l("Required"), 10, YES_NO),
    Column("good", _l("Good answer (yes/no items)"), 12, YES_NO),
    Column("min", _l("Scale from"), 10),
    Column("max", _l("Scale to"), 10),
    Column("target", _l("Target (number; duration in seconds)"), 14),
    Column("direction", _l("Direction of target"), 12, DIRECTIONS),
    Column("limit", _l("Limit (no points beyond)"), 12),
    # last, so that the columns of templates filled in before it keep their letters
    Column("section_de", _l("Section (German)"), 18),
)
OPTION_COLUMNS = (
    Column("item_key", _l("Item key"), 16),
    Column("value", _l("Value"), 14),
    Column("label_en", _l("Label (English)"), 35),
    Column("label_de", _l("Label (German)"), 35),
    Column("points", _l("Points"), 9),
)
INSTRUMENT_FIELDS = (
    ("format", _l("Format (do not change)")),
    ("kind", _l("Kind: kano or checklist")),
    ("name", _l("Name")),
    ("languages", _l("Languages every question is given in: en, de or en, de")),
    ("title_en", _l("Title (English)")),
    ("title_de", _l("Title (German)")),
    ("intro_en", _l("Introduction (English)")),
    ("intro_de", _l("Introduction (German)")),
)
KANO_TEXT_COLUMNS = {
    "kano_feature": {
        "question_en": "functional_en",
        "question_de": "functional_de",
        "negative_en": "dysfunctional_en",
        "negative_de": "dysfunctional_de",
    },
    "other": {
        "question_en": "text_en",
        "question_de": "text_de",
        "negative_en": "dysfunctional_en",
        "negative_de": "dysfunctional_de",
    },
}


def columns_of(kind: str) -> tuple[Column, ...]:
    """The Items sheet's columns for a Kano questionnaire or a checklist."""
    return KANO_COLUMNS if kind == "kano" else CHECKLIST_COLUMNS
