"""The Pilots sheet: each piloted measure's difference in differences per metric.

:func:`write` takes plain rows (``surveyor.services.pilots.table.PilotRow``) and only
writes them; :func:`build` takes them from the workbook's content.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _

from surveyor.export.content import WorkbookContent
from surveyor.export.safety import safe_cell
from surveyor.export.table import Column, write_note, write_table


def columns() -> list[Column]:
    return [
        Column(_("Touchpoint"), width=22),
        Column(_("Measure"), width=28),
        Column(_("Go-live"), "date", 12),
        Column(_("Pilot locations"), width=24),
        Column(_("Metric"), width=24),
        Column(_("Pilots before"), "decimal", 12),
        Column(_("Pilots after"), "decimal", 12),
        Column(_("Others before"), "decimal", 12),
        Column(_("Others after"), "decimal", 12),
        Column(_("Effect"), "decimal", 10),
        Column(_("CI from"), "decimal", 12),
        Column(_("CI to"), "decimal", 12),
        Column(_("Locations (pilot / others)"), width=14),
        Column(_("Finding"), width=70),
    ]


def write(workbook, rows: Sequence, method: str) -> None:
    """One row per metric of each piloted measure, then the method."""
    sheet = write_table(
        workbook,
        _("Pilots"),
        columns(),
        (_row(row) for row in rows),
        empty=_("No measure is piloted in chosen locations."),
    )
    if rows:
        write_note(sheet, method)


def build(workbook, content: WorkbookContent, progress) -> None:
    write(workbook, content.pilots, content.pilot_method)


def _row(row) -> list:
    return [
        safe_cell(row.touchpoint),
        safe_cell(row.measure),
        row.go_live,
        safe_cell(row.pilots),
        safe_cell(row.metric),
        row.pilot_before,
        row.pilot_after,
        row.others_before,
        row.others_after,
        row.effect,
        row.low,
        row.high,
        row.locations,
        safe_cell(row.finding),
    ]
