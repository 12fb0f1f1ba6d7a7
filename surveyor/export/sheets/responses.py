"""The Responses sheet: one row per response, one column per item (Kano pairs in two columns).

Rows stream from :func:`surveyor.export.response_rows.response_rows`; the codebook sheet
explains every column and its answer codes.
"""

from __future__ import annotations

from flask_babel import gettext as _

from surveyor.export.response_rows import (
    count_responses,
    meta_headers,
    plan_responses,
    response_rows,
)
from surveyor.export.scope import ExportContext
from surveyor.export.stream import add_sheet
from surveyor.export.table import Column, finish_table, start_table

META_KINDS = ("integer", "text", "text", "integer", "text", "text", "text", "datetime")
META_WIDTHS = (11, 24, 22, 8, 14, 14, 22, 17)


def build(workbook, context: ExportContext, progress) -> None:
    plan = context.extras.setdefault("response_plan", plan_responses(context))
    total = count_responses(context, plan)
    sheet = add_sheet(workbook, _("Responses"))
    table = [
        Column(label, kind, width)
        for label, kind, width in zip(meta_headers(context), META_KINDS, META_WIDTHS, strict=True)
    ]
    table += [
        Column(column.header, "text", 24 if column.is_text else max(10, len(column.header) + 2))
        for column in plan.columns
    ]
    start_table(sheet, table)

    def reached(done: int) -> None:
        progress(done / total if total else 1.0)

    for row in response_rows(context, plan, on_chunk=reached):
        sheet.append(row)
    finish_table(sheet, table)
    context.extras["responses_written"] = sheet.rows_written - 1
