"""The Art. 15 copy as a workbook: one sheet per kind of data, for people who do not read JSON."""

from __future__ import annotations

import io
import json

from openpyxl import Workbook

from surveyor.export.safety import safe_cell

SECTIONS = ("invitations", "responses", "messages", "cases", "assignments", "visits", "photos")


def build(document: dict) -> bytes:
    """An .xlsx of ``personal_data.as_document``; nested values are written as JSON text."""
    workbook = Workbook(write_only=True)
    person = workbook.create_sheet("person")
    person.append(["email", safe_cell(document["email"])])
    person.append(["exported_at", document["exported_at"]])
    for key, value in (document["shopper"] or {}).items():
        person.append([f"shopper.{key}", _cell(value)])
    for section in SECTIONS:
        rows = document[section]
        sheet = workbook.create_sheet(section)
        if not rows:
            continue
        header = list(rows[0])
        sheet.append(header)
        for row in rows:
            sheet.append([_cell(row[column]) for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value):
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return safe_cell(value)
    return value
