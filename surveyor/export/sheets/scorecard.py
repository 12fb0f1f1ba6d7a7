"""The Scorecard sheet: per linked Kano feature and location, category, compliance, priority.

:func:`write` only writes the plain rows it is given; :func:`build` asks the scorecard service
for the rows of the export's last chosen wave.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _

from surveyor.export.content import WorkbookContent
from surveyor.export.safety import safe_cell
from surveyor.export.table import Column, write_table


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
    write_table(
        workbook,
        _("Scorecard"),
        columns(),
        (_row(row) for row in rows),
        empty=_("No checklist item is linked to a Kano feature."),
    )


def _row(row) -> list:
    return [
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


def build(workbook, content: WorkbookContent, progress) -> None:
    write(workbook, content.scorecard)
