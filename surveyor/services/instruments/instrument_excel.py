"""Write an instrument definition into the Excel template consultants fill in.

One row per feature or checklist item on the "Items" sheet, drop-down lists for every
enumeration, an "Options" sheet for the answer options of single-choice items and an
"Instructions" sheet. :mod:`surveyor.services.instruments.instrument_excel_reader` reads it back.
"""

from __future__ import annotations

import io
from typing import Any

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from surveyor.schemas.instrument import FORMAT, MAX_ITEMS, labels_locale
from surveyor.services.instruments.instrument_template import (
    INSTRUMENT_FIELDS,
    KANO_TEXT_COLUMNS,
    MAX_OPTION_ROWS,
    MAX_XLSX_BYTES,
    OPTION_COLUMNS,
    Column,
    columns_of,
)

HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")


def write_workbook(definition: dict[str, Any]) -> bytes:
    """The template filled with ``definition`` (a blank one has no items)."""
    with labels_locale():
        return _workbook(definition)


def _workbook(definition: dict[str, Any]) -> bytes:
    kind = definition["kind"]
    workbook = Workbook()
    _instructions_sheet(workbook.active, kind)
    _instrument_sheet(workbook.create_sheet("Instrument"), definition)
    items = workbook.create_sheet("Items")
    columns = columns_of(kind)
    _table(items, columns, [_item_row(kind, item) for item in definition["items"]], MAX_ITEMS)
    if kind == "checklist":
        rows = [
            {"item_key": item["key"], **option}
            for item in definition["items"]
            for option in item.get("options", ())
        ]
        _table(workbook.create_sheet("Options"), OPTION_COLUMNS, rows, MAX_OPTION_ROWS)
    workbook.active = workbook.sheetnames.index("Items")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def blank_definition(kind: str) -> dict[str, Any]:
    return {"format": FORMAT, "kind": kind, "name": "", "languages": ["en", "de"], "items": []}


def _item_row(kind: str, item: dict[str, Any]) -> dict[str, Any]:
    if kind != "kano":
        return item
    renamed = KANO_TEXT_COLUMNS["kano_feature" if item["type"] == "kano_feature" else "other"]
    by_field = {field: column for column, field in renamed.items()}
    return {by_field.get(name, name): value for name, value in item.items()}


def _table(sheet, columns: tuple[Column, ...], rows: list[dict], max_rows: int) -> None:
    for number, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=number, value=str(column.label))
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(number)].width = column.width
        if column.choices:
            _drop_down(
                sheet,
                column,
                f"{get_column_letter(number)}2:{get_column_letter(number)}{max_rows + 1}",
            )
    sheet.freeze_panes = "A2"
    for row_number, row in enumerate(rows, start=2):
        for number, column in enumerate(columns, start=1):
            _put(sheet.cell(row=row_number, column=number), row.get(column.key))


def _drop_down(sheet, column: Column, cells: str) -> None:
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(column.choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=str(column.label),
        error=_("Choose one of: %(choices)s", choices=", ".join(column.choices)),
    )
    sheet.add_data_validation(validation)
    validation.add(cells)


def _put(cell, value: Any) -> None:
    """Write a value; text that starts with '=' stays text (no formula runs when opened).

    Control characters that the XML of a workbook cannot hold are dropped rather than failing.
    """
    if isinstance(value, bool):
        value = "yes" if value else "no"
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    if isinstance(value, str) and len(value) > 40:
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _instrument_sheet(sheet, definition: dict[str, Any]) -> None:
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 14, 60
    sheet.column_dimensions["C"].width = 50
    for number, (key, label) in enumerate(INSTRUMENT_FIELDS, start=1):
        value = definition.get(key, "")
        if key == "languages":
            value = ", ".join(value)
        sheet.cell(row=number, column=1, value=key).font = Font(bold=True)
        _put(sheet.cell(row=number, column=2), value)
        sheet.cell(row=number, column=3, value=str(label)).font = Font(italic=True)


def _instructions_sheet(sheet, kind: str) -> None:
    sheet.title = "Instructions"
    sheet.column_dimensions["A"].width = 110
    lines = [
        _("How to fill in this template"),
        _("Instrument sheet: the name, the languages and the texts shown before the questions."),
        _(
            "Items sheet: one row per %(thing)s, in the order respondents see them.",
            thing=_("feature") if kind == "kano" else _("checklist item"),
        ),
        _(
            "Keep the key of an existing row: results are matched across versions by key. "
            "Leave it empty for new rows and Surveyor derives one."
        ),
        _("Choose Type, Kano tag and the yes/no columns from the drop-down lists."),
        _("Leave a cell empty to use the default."),
    ]
    if kind == "kano":
        lines += [
            _(
                "kano_feature: the functional question (feature present) and the dysfunctional "
                "question (feature absent), answered on the five standard Kano options."
            ),
            _(
                "csat, nps, ces, contacts, comment: the standard touchpoint questions; leave the "
                "question empty for Surveyor's standard wording. Each may appear once."
            ),
        ]
    else:
        lines += [
            _("Types: yes_no, scale, choice, number, duration (seconds), datetime, text, photo."),
            _("Points weigh the item in the score; datetime, text and photo earn no points."),
            _(
                "scale: 'Scale from' and 'Scale to' (default 1 to 5); the points grow with the "
                "answer."
            ),
            _(
                "choice: list the options on the Options sheet, one row per option, with the "
                "item's key, a short value, the labels and the points the option earns."
            ),
            _(
                "number and duration: all points up to the target ('at_most', the default) or "
                "from it ('at_least'), falling to none at the limit."
            ),
            _("Critical: a failed critical item flags the whole shop."),
        ]
    lines.append(
        _(
            "At most %(items)s rows; files up to %(size)s MB.",
            items=MAX_ITEMS,
            size=MAX_XLSX_BYTES // (1024 * 1024),
        )
    )
    for number, line in enumerate(lines, start=1):
        cell = sheet.cell(row=number, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True, size=13)
