"""The Scorecard sheet: per linked Kano feature and location, category, compliance, priority.

:func:`write` only writes the plain rows it is given; :func:`build` asks the scorecard service
for the rows of the export's last chosen wave.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _

from surveyor.export.content import WorkbookContent
from surveyor.export.safety import safe_cell
from surveyor.export.stream import add_sheet
from surveyor.export.table import Column, finish_table, start_table, write_note


def columns() -> list[Column]:
    return [
        Column(_("Feature"), width=36),
        Column(_("Observed by"), width=36),
        Column(_("Location"), width=20),
        Column(_("Kano category (customers)"), width=16),
        Column(_("Customers"), "integer", 10),
        Column(_("Kano category (employees)"), width=16),
        Column(_("Employees"), "integer", 10),
        Column(_("Compliance"), "percent", 12),
        Column(_("Delivered"), "integer", 10),
        Column(_("Applicable"), "integer", 10),
        Column(_("Rank"), "integer", 8),
        Column(_("Priority"), width=40),
    ]


def write(workbook, rows: Sequence) -> None:
    sheet = add_sheet(workbook, _("Scorecard"))
    table = columns()
    start_table(sheet, table)
    for row in rows:
        sheet.append(
            [
                safe_cell(row.feature),
                safe_cell(row.observed_by),
                safe_cell(row.location),
                row.customers,
                row.customers_n,
                row.employees,
                row.employees_n,
                row.compliance,
                row.delivered,
                row.applicable,
                row.rank,
                row.priority,
            ]
        )
    finish_table(sheet, table)
    if not rows:
        write_note(sheet, _("No checklist item is linked to a Kano feature."))


def build(workbook, content: WorkbookContent, progress) -> None:
    write(workbook, content.scorecard)
