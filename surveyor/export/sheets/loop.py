"""The Closing the loop sheet: follow-up cases per grouping, and the later answers of followed-up
customers. ``write`` takes plain data (the service's rows), so it works with any source."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _

from surveyor.export.content import WorkbookContent
from surveyor.export.safety import safe_cell
from surveyor.export.table import Column, write_note, write_table
from surveyor.labels import item_type_label


def columns() -> list[Column]:
    return [
        Column(_("Grouped by"), width=14),
        Column(_("Name"), width=32),
        Column(_("Cases opened"), "integer", 12),
        Column(_("Closed"), "integer", 10),
        Column(_("Closed within the due date"), "integer", 14),
        Column(_("Share closed within the due date"), "percent", 14),
        Column(_("Median hours to close"), "decimal", 14),
    ]


def build(workbook, content: WorkbookContent, progress) -> None:
    write(workbook, content.loop_rows, content.loop_effects)


def write(workbook, rows: Sequence, effects: Sequence) -> None:
    groups = {
        "project": _("Project"),
        "touchpoint": _("Touchpoint"),
        "location": _("Location"),
        "wave": _("Wave"),
    }
    sheet = write_table(
        workbook,
        _("Closing the loop"),
        columns(),
        (_row(row, groups[row.group]) for row in rows),
        empty=_("No follow-up cases yet."),
    )
    for effect in effects:
        write_note(
            sheet,
            _(
                "%(customers)s followed-up customers answered %(question)s again in a later "
                "wave; %(improved)s answered better.",
                customers=effect.customers,
                question=item_type_label(effect.question),
                improved=effect.improved,
            ),
        )


def _row(row, group: str) -> list:
    figures = row.figures
    return [
        group,
        safe_cell(row.name),
        figures.opened,
        figures.closed,
        figures.closed_in_time,
        figures.share_in_time,
        figures.median_hours,
    ]
