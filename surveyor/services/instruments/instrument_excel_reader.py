"""Read an uploaded instrument template back into a definition, remembering every cell's place.

The workbook becomes the same dict as the JSON format (:mod:`surveyor.schemas.instrument`) and is
validated by the same schema; ``locate`` then places each error in the file ("Items sheet, row 7,
column D (Points): Not a valid number.").

Uploads are untrusted: the size, that the file is a zip with a workbook inside, the unpacked size
(zip bombs) and the number of rows are checked before openpyxl reads more than it must.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl.utils import get_column_letter

from surveyor.schemas.instrument import (
    FIELD_LABELS,
    MAX_ITEMS,
    MAX_OPTIONS,
    TYPES_OF_KIND,
    labels_locale,
)
from surveyor.services.instruments.instrument_io import DefinitionInvalid
from surveyor.services.instruments.instrument_template import (
    BOOLEANS,
    INSTRUMENT_FIELDS,
    INTEGERS,
    KANO_TEXT_COLUMNS,
    LOWERCASE,
    MAX_COLUMNS,
    MAX_OPTION_ROWS,
    MAX_UNPACKED_BYTES,
    MAX_XLSX_BYTES,
    NO,
    NUMBERS,
    OPTION_COLUMNS,
    YES,
    Column,
    columns_of,
)
from surveyor.services.instruments.spreadsheet_uploads import UnreadableSheet, open_workbook


@dataclass
class _Place:
    sheet: str
    row: int
    column: int | None = None
    header: str = ""

    def __str__(self) -> str:
        if self.column is None:
            return _("%(sheet)s sheet, row %(row)s", sheet=self.sheet, row=self.row)
        return _(
            "%(sheet)s sheet, row %(row)s, column %(column)s (%(header)s)",
            sheet=self.sheet,
            row=self.row,
            column=get_column_letter(self.column),
            header=self.header,
        )


class _Reader:
    """Reads one uploaded workbook into a definition dict and remembers where each value was."""

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self.places: dict[tuple, _Place] = {}
        self.errors: list[str] = []

    def locate(self, path: tuple) -> str | None:
        """The cell of ``path``; else the nearest row, followed by the field's name."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.places:
                rest = [
                    str(FIELD_LABELS.get(part, part))
                    for part in path[end:]
                    if isinstance(part, str)
                ]
                return ", ".join([str(self.places[path[:end]]), *rest[-1:]])
        return None

    def read(self) -> dict[str, Any]:
        for name in ("Instrument", "Items"):
            if name not in self.workbook.sheetnames:
                raise DefinitionInvalid(
                    [
                        _(
                            "The workbook has no '%(sheet)s' sheet; start from the template.",
                            sheet=name,
                        )
                    ]
                )
        data = self._instrument()
        kind = self._layout(data.get("kind"))
        data["items"] = self._items(kind)
        if kind == "checklist" and "Options" in self.workbook.sheetnames:
            self._options(data["items"])
        if self.errors:
            raise DefinitionInvalid(self.errors)
        return data

    def _layout(self, kind: Any) -> str:
        """Which template the Items sheet follows, judged by its headers (then by the kind)."""
        header = next(self.workbook["Items"].iter_rows(max_row=1, values_only=True), ())
        found = {_normal(_text(cell)) for cell in header if not _empty(cell)}
        matches = {
            layout: len(found & set(_aliases(columns_of(layout)))) for layout in TYPES_OF_KIND
        }
        if matches["kano"] != matches["checklist"]:
            return max(matches, key=matches.__getitem__)
        return kind if kind in TYPES_OF_KIND else "checklist"

    def _instrument(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        sheet = self.workbook["Instrument"]
        known = {key for key, _label in INSTRUMENT_FIELDS}
        for number, row in enumerate(
            sheet.iter_rows(max_row=50, max_col=2, values_only=True), start=1
        ):
            key = _text(row[0]).lower() if row else ""
            if key not in known:
                continue
            value = _text(row[1]) if len(row) > 1 else ""
            data[key] = _languages(value) if key == "languages" else value
            if key == "kind":
                data[key] = value.lower()
            self.places[(key,)] = _Place("Instrument", number, 2, key)
        return data

    def _items(self, kind: str) -> list[dict[str, Any]]:
        rows = self._rows("Items", columns_of(kind), MAX_ITEMS)
        items = []
        for index, (number, values, columns) in enumerate(rows):
            item = self._convert(values)
            if kind == "kano":
                item = _kano_fields(item)
            for field, column in _fields_to_columns(kind, item, columns).items():
                self.places[("items", index, field)] = _Place("Items", number, *column)
            self.places[("items", index)] = _Place("Items", number)
            items.append(item)
        return items

    def _options(self, items: list[dict[str, Any]]) -> None:
        by_key = {item.get("key"): index for index, item in enumerate(items) if item.get("key")}
        for number, values, columns in self._rows("Options", OPTION_COLUMNS, MAX_OPTION_ROWS):
            option = self._convert(values)
            key = str(option.pop("item_key", ""))
            if key not in by_key:
                column, header = columns["item_key"]
                place = _Place("Options", number, column, header)
                self.errors.append(
                    f"{place}: "
                    + _("No item with the key '%(key)s' on the Items sheet.", key=key[:40])
                )
                continue
            index = by_key[key]
            options = items[index].setdefault("options", [])
            column, header = columns["item_key"]
            self.places.setdefault(
                ("items", index, "options"), _Place("Options", number, column, header)
            )
            if len(options) >= MAX_OPTIONS:
                options.append(option)
                continue
            for field, (column, header) in columns.items():
                if field in option:
                    path = ("items", index, "options", len(options), field)
                    self.places[path] = _Place("Options", number, column, header)
            self.places[("items", index, "options", len(options))] = _Place("Options", number)
            options.append(option)

    def _rows(self, name: str, columns: tuple[Column, ...], max_rows: int):
        """Non-empty data rows as (row number, {key: value}, {key: (column, header)})."""
        sheet = self.workbook[name]
        rows = sheet.iter_rows(max_row=max_rows + 2, max_col=MAX_COLUMNS, values_only=True)
        header = next(rows, ())
        positions = self._header(name, header, columns)
        found = []
        for number, row in enumerate(rows, start=2):
            values = {
                key: row[column - 1]
                for key, (column, _h) in positions.items()
                if column - 1 < len(row) and not _empty(row[column - 1])
            }
            if not values:
                continue
            if number > max_rows + 1:
                raise DefinitionInvalid(
                    [
                        _(
                            "The %(sheet)s sheet has more than %(count)s rows.",
                            sheet=name,
                            count=max_rows,
                        )
                    ]
                )
            found.append((number, values, positions))
        return found

    def _header(self, name: str, header: tuple, columns: tuple[Column, ...]) -> dict:
        aliases = _aliases(columns)
        positions: dict[str, tuple[int, str]] = {}
        for number, cell in enumerate(header, start=1):
            if _empty(cell):
                continue
            column = aliases.get(_normal(_text(cell)))
            if column is None:
                self.errors.append(
                    str(_Place(name, 1, number, _text(cell)[:60]))
                    + ": "
                    + _("Unknown column; use the headers of Surveyor's template.")
                )
            elif column.key not in positions:
                positions[column.key] = (number, _text(cell))
        for column in columns:
            if column.key in ("key", "type", "item_key", "value") and column.key not in positions:
                raise DefinitionInvalid(
                    [
                        _(
                            "%(sheet)s sheet, row 1: the column '%(header)s' is missing.",
                            sheet=name,
                            header=str(column.label),
                        )
                    ]
                )
        return positions

    def _convert(self, values: dict[str, Any]) -> dict[str, Any]:
        return {key: _cell_value(key, value) for key, value in values.items()}


def read_workbook(content: bytes) -> tuple[dict[str, Any], Callable[[tuple], str | None]]:
    """The definition an uploaded template holds, unvalidated, and where each value was.

    Pass both to :func:`surveyor.services.instruments.instrument_io.import_definition`, so that
    schema errors name sheet, row and column. Raises ``DefinitionInvalid`` for files that are no
    template.
    """
    with labels_locale():
        workbook = _open(content)
        try:
            reader = _Reader(workbook)
            return reader.read(), reader.locate
        finally:
            workbook.close()


def _open(content: bytes):
    if len(content) > MAX_XLSX_BYTES:
        raise DefinitionInvalid(
            [_("The file is larger than %(size)s MB.", size=MAX_XLSX_BYTES // (1024 * 1024))]
        )
    try:
        return open_workbook(content, max_unpacked=MAX_UNPACKED_BYTES)
    except UnreadableSheet as unreadable:
        if unreadable.reason == "too_large":
            raise DefinitionInvalid([_("The workbook is too large when unpacked.")]) from None
        raise DefinitionInvalid([_("The file is not an Excel workbook (.xlsx).")]) from None


def _aliases(columns: tuple[Column, ...]) -> dict[str, Column]:
    """Headers are recognised by key, by their label in the user's language and in English."""
    with force_locale("en"):
        english = {column.key: str(column.label) for column in columns}
    aliases = {}
    for column in columns:
        for alias in (column.key, str(column.label), english[column.key]):
            aliases[_normal(alias)] = column
    return aliases


def _kano_fields(item: dict[str, Any]) -> dict[str, Any]:
    renamed = KANO_TEXT_COLUMNS["kano_feature" if item.get("type") == "kano_feature" else "other"]
    return {renamed.get(key, key): value for key, value in item.items()}


def _fields_to_columns(kind: str, item: dict, columns: dict) -> dict[str, tuple[int, str]]:
    places = dict(columns)
    if kind == "kano":
        renamed = KANO_TEXT_COLUMNS[
            "kano_feature" if item.get("type") == "kano_feature" else "other"
        ]
        for column, field in renamed.items():
            if column in columns:
                places[field] = columns[column]
        if "question_en" in columns:
            for field in ("text_en", "functional_en"):
                places.setdefault(field, columns["question_en"])
    return places


def _cell_value(key: str, value: Any) -> Any:
    if key in BOOLEANS:
        return _boolean(value)
    if key in NUMBERS or key in INTEGERS:
        return _number(value, integer=key in INTEGERS)
    text = _text(value)
    return text.lower() if key in LOWERCASE else text


def _boolean(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    word = _text(value).lower()
    if word in YES:
        return True
    if word in NO:
        return False
    return word


def _number(value: Any, integer: bool) -> Any:
    if isinstance(value, bool):
        return _text(value)
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            return value
    if isinstance(value, int | float) and integer and float(value).is_integer():
        return int(value)
    return value if isinstance(value, int | float) else _text(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def _languages(value: str) -> list[str]:
    return [part for part in re.split(r"[,;\s]+", value.lower()) if part]
