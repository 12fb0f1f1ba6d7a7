"""Making text from respondents, shoppers and imports safe to put into a spreadsheet.

Three things go wrong with such text in Excel or LibreOffice:

* a value that starts with = + - @ or a tab or carriage return may be run as a formula when the
  file (or a CSV saved from it) is opened; OWASP's CSV injection guidance prefixes such values
  with an apostrophe, so they are shown as text instead of evaluated;
* control characters other than tab, line feed and carriage return are not allowed in the XML
  of an .xlsx file (openpyxl raises ``IllegalCharacterError``), so one stray byte would crash a
  whole export: they are removed;
* a cell holds at most 32,767 characters; longer text is cut and ends in a visible marker, so a
  reader knows that something is missing.
"""

from __future__ import annotations

import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_LIMIT = 32_767
TRUNCATION_MARKER = " […]"
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def safe_cell(value: str | None) -> str:
    """Return ``value`` cleaned of control characters, neutralised and cut to Excel's limit."""
    if not value:
        return ""
    text = _CONTROL_CHARACTERS.sub("", value)
    if text.startswith(FORMULA_TRIGGERS):
        text = f"'{text}"
    if len(text) > EXCEL_CELL_LIMIT:
        text = text[: EXCEL_CELL_LIMIT - len(TRUNCATION_MARKER)] + TRUNCATION_MARKER
    return text
