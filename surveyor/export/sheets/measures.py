"""The Measures sheet: the improvement actions per touchpoint, with cluster, status and go-live.

The go-live date is what the Trends sheet's waves are read against: waves after it show the
measure's effect.
"""

from __future__ import annotations

from flask_babel import gettext as _

from surveyor.export.content import MeasureInfo, WorkbookContent
from surveyor.export.safety import safe_cell
from surveyor.export.table import Column, write_table
from surveyor.labels import cluster_label, status_label


def columns() -> list[Column]:
    return [
        Column(_("Touchpoint"), width=24),
        Column(_("Measure"), width=32),
        Column(_("Description"), width=48),
        Column(_("Cluster"), width=26),
        Column(_("Owner"), width=22),
        Column(_("Due"), "date", 12),
        Column(_("Go-live"), "date", 12),
        Column(_("Status"), width=12),
    ]


def build(workbook, content: WorkbookContent, progress) -> None:
    write_table(
        workbook,
        _("Measures"),
        columns(),
        (_row(measure) for measure in content.measures),
        empty=_("No data in the chosen waves and touchpoints."),
    )


def _row(measure: MeasureInfo) -> list:
    return [
        safe_cell(measure.touchpoint),
        safe_cell(measure.title),
        safe_cell(measure.description),
        safe_cell(cluster_label(measure.cluster)),
        safe_cell(measure.owner),
        measure.due_date,
        measure.go_live,
        safe_cell(status_label("measure", measure.status)),
    ]
