"""A sheet laid out as one filterable table: header row, frozen panes, widths, number formats.

No merged cells: every sheet is a plain table, so Excel's filter and sort work on all of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from surveyor.export.stream import NUMBER_FORMATS, StreamingSheet, add_sheet


@dataclass(frozen=True)
class Column:
    """One column: its header, how its numbers look (``kind``) and its width in characters."""

    label: str
    kind: str = "text"
    width: float = 14.0


def start_table(
    sheet: StreamingSheet, columns: Sequence[Column], preamble: Sequence[Sequence] = ()
) -> None:
    """Set widths, frozen panes and number formats, then write ``preamble`` and the header.

    Must run before anything else is written: openpyxl streams the column widths and panes
    ahead of the first row. ``preamble`` rows (key/value lines, the Overview) sit above the
    header and stay visible with it.
    """
    header_row = len(preamble) + 1
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = f"A{header_row + 1}"
    for row in preamble:
        sheet.append(list(row))
    sheet.column_styles = [
        sheet.style_id(NUMBER_FORMATS[column.kind]) if column.kind in NUMBER_FORMATS else None
        for column in columns
    ]
    sheet.append_header([column.label for column in columns])


def finish_table(sheet: StreamingSheet, columns: Sequence[Column]) -> None:
    """Put an autofilter over the header and every row written."""
    header_row = sheet.header_row or 1
    last_row = max(sheet.rows_written, header_row)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{last_row}"


def write_table(
    workbook: Workbook,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence],
    empty: str | None = None,
    preamble: Sequence[Sequence] = (),
) -> StreamingSheet:
    """Add the sheet ``title`` holding one table: the header of ``columns``, then ``rows``.

    Most sheets are nothing more, so they only say which columns and how a row reads. ``rows``
    may be a generator (it is consumed while the sheet streams). ``empty`` is written below the
    header when no row came, so an empty sheet says why. Returns the sheet for further notes.
    """
    sheet = add_sheet(workbook, title)
    start_table(sheet, columns, preamble)
    for row in rows:
        sheet.append(row)
    finish_table(sheet, columns)
    if empty is not None and sheet.rows_written == sheet.header_row:
        write_note(sheet, empty)
    return sheet


def write_note(sheet: StreamingSheet, text: str) -> None:
    """A one-line explanation below the table, e.g. why a sheet is empty."""
    sheet.append([])
    sheet.append([text])


def fraction(percent: float | None) -> float | None:
    """Scores arrive as 0-100; Excel's percent format wants 0-1."""
    return None if percent is None else percent / 100
