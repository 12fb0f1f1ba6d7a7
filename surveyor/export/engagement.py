"""The engagement workbook: the client interview and the ten steps, for the project binder.

Writes what :mod:`surveyor.services.engagement.workbook` assembled (plain strings, already
made safe for spreadsheets); nothing here reads the database.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HEADER = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def write(
    sheets: Sequence[tuple[str, Sequence[str], Sequence[float], Sequence[Sequence]]],
) -> bytes:
    """One sheet per ``(title, header, column widths, rows)``; a table each, header frozen."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, widths, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.append(list(header))
        for cell in sheet[1]:
            cell.font = HEADER
        for row in rows:
            sheet.append(list(row))
        for index, width in enumerate(widths):
            sheet.column_dimensions[chr(ord("A") + index)].width = width
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = WRAP
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
