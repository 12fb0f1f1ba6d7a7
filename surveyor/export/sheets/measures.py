"""The Measures sheet: the improvement actions per touchpoint, with cluster, status and go-live.

The go-live date is what the Trends sheet's waves are read against: waves after it show the
measure's effect.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from surveyor.export.scope import ExportContext
from surveyor.export.stream import add_sheet
from surveyor.export.table import Column, finish_table, start_table, write_note
from surveyor.extensions import db
from surveyor.labels import cluster_label, localized, status_label
from surveyor.models import Measure
from surveyor.services.export_safety import safe_cell


def columns(context: ExportContext) -> list[Column]:
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


def build(workbook, context: ExportContext, progress) -> None:
    sheet = add_sheet(workbook, _("Measures"))
    table = columns(context)
    start_table(sheet, table)
    names = {touchpoint.id: safe_cell(localized(touchpoint)) for touchpoint in context.touchpoints}
    order = {tid: index for index, tid in enumerate(context.touchpoint_ids)}
    measures = db.session.scalars(
        select(Measure).where(Measure.touchpoint_id.in_(context.touchpoint_ids))
    ).all()
    for measure in sorted(measures, key=lambda m: (order[m.touchpoint_id], m.id)):
        sheet.append(
            [
                names[measure.touchpoint_id],
                safe_cell(localized(measure, "title")),
                safe_cell(measure.description),
                safe_cell(cluster_label(measure.cluster)),
                safe_cell(measure.owner),
                measure.due_date,
                measure.go_live,
                safe_cell(status_label("measure", measure.status)),
            ]
        )
    finish_table(sheet, table)
    if not measures:
        write_note(sheet, _("No data in the chosen waves and touchpoints."))
