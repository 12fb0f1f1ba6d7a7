"""The Responses sheet: one row per response, one column per item (Kano pairs in two columns).

Rows stream from :attr:`surveyor.export.content.ResponseSheet.rows` (keyset chunks read from
the database while the sheet is written, never a list in memory); the codebook sheet explains
every column and its answer codes.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from surveyor.export.content import WorkbookContent
from surveyor.export.table import Column, write_table

META_HEADERS = (
    _l("Response id"),
    _l("Touchpoint"),
    _l("Instrument"),
    _l("Version"),
    _l("Wave"),
    _l("Group"),
    _l("Location"),
    _l("Submitted at (UTC)"),
)
"""The columns that describe each response, before its answers."""
META_KINDS = ("integer", "text", "text", "integer", "text", "text", "text", "datetime")
META_WIDTHS = (11, 24, 22, 8, 14, 14, 22, 17)


def meta_headers() -> list[str]:
    return [str(header) for header in META_HEADERS]


def build(workbook, content: WorkbookContent, progress) -> int:
    """Stream the rows; returns how many were written."""
    data = content.responses
    table = [
        Column(label, kind, width)
        for label, kind, width in zip(meta_headers(), META_KINDS, META_WIDTHS, strict=True)
    ]
    table += [
        Column(column.header, "text", 24 if column.is_text else max(10, len(column.header) + 2))
        for column in data.columns
    ]

    def reached(done: int) -> None:
        progress(done / data.total if data.total else 1.0)

    sheet = write_table(workbook, _("Responses"), table, data.rows(reached))
    return sheet.rows_written - 1
