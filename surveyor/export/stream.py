"""A write-only worksheet that serialises plain rows fast, for sheets with 100,000 responses.

openpyxl's write-only mode streams rows to disk (constant memory), but it wraps every value in a
``Cell`` object and writes it through several Python calls; at four million cells that costs more
than the workbook's XML itself. :class:`StreamingSheet` keeps openpyxl's streaming writer, styles,
charts, panes and filters and replaces only the per-cell step: each row becomes one lxml element
built in C and written to the same stream.

The base class is private to openpyxl (``openpyxl.worksheet._write_only``) and ``_write_rows``
is its internal generator, so setup.cfg allows only the minor version that
``tests/export/test_stream.py`` ran on; openpyxl's public API has no hook for a faster row
writer (docs/benchmarks.md compares this writer with XlsxWriter).

Every ``str`` becomes an inline string cell (``t="inlineStr"``), never a formula: text coming from
respondents must still pass :func:`surveyor.export.safety.safe_cell` first, which removes
the characters XML cannot hold and neutralises formula triggers for anyone who re-saves as CSV.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from lxml.etree import Element, SubElement
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

_LETTERS = [get_column_letter(index) for index in range(1, 16_385)]
NUMBER_FORMATS = {
    "integer": "0",
    "decimal": "0.00",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
}
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="305496")


class StreamingSheet(WriteOnlyWorksheet):
    """A write-only sheet whose rows are lists of ``None``, numbers, dates, bools or strings.

    ``column_styles`` (style ids, set before the first row) give each column its number format;
    the first row can be written with :meth:`append_header` in the header style.
    """

    def __init__(self, parent: Workbook, title: str) -> None:
        super().__init__(parent, title)
        self.column_styles: list[str | None] = []
        self.rows_written = 0
        self.header_row: int | None = None

    def style_id(self, number_format: str | None = None, header: bool = False) -> str:
        """Register a cell style with the workbook and return its id for the ``s`` attribute."""
        cell = WriteOnlyCell(self)
        if number_format:
            cell.number_format = number_format
        if header:
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return str(cell.style_id)

    def append_header(self, labels: Sequence[str]) -> None:
        header = self.style_id(header=True)
        self.append(_Styled(labels, header))
        self.header_row = self.rows_written

    def _write_rows(self):
        """Replaces openpyxl's generator of the same name: same stream, one element per row."""
        xf = self._writer.xf.send(True)
        epoch = self.parent.epoch
        with xf.element("sheetData"):
            row_index = 1
            try:
                while True:
                    values = yield
                    xf.write(self._row_element(values, row_index, epoch))
                    row_index += 1
                    self.rows_written += 1
            except GeneratorExit:
                pass
        self._writer.xf.send(None)

    def _row_element(self, values, row_index: int, epoch):
        number = str(row_index)
        row = Element("row", r=number)
        styled = isinstance(values, _Styled)
        styles = [values.style] * len(values) if styled else self.column_styles
        width = len(styles)
        for column, value in enumerate(values):
            if value is None or value == "":
                continue
            cell = SubElement(row, "c", r=_LETTERS[column] + number)
            style = styles[column] if column < width else None
            if style:
                cell.set("s", style)
            kind = value.__class__
            if kind is str:
                cell.set("t", "inlineStr")
                text = SubElement(SubElement(cell, "is"), "t")
                if value != value.strip():
                    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                text.text = value
            elif kind is bool:
                cell.set("t", "b")
                SubElement(cell, "v").text = "1" if value else "0"
            elif kind is datetime or kind is date:
                SubElement(cell, "v").text = repr(to_excel(_naive(value), epoch))
            else:
                SubElement(cell, "v").text = str(value)
        return row


class _Styled(list):
    """A row whose cells all share one style (the header)."""

    def __init__(self, values: Sequence, style: str) -> None:
        super().__init__(values)
        self.style = style


def _naive(moment: date) -> date:
    """Excel has no time zones; timestamps are stored in UTC and shown as such."""
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        return moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def add_sheet(workbook: Workbook, title: str) -> StreamingSheet:
    """Add a :class:`StreamingSheet` to a write-only workbook."""
    sheet = StreamingSheet(parent=workbook, title=title)
    workbook._add_sheet(sheet)
    return sheet
