"""The Measures sheet: the improvement actions per touchpoint, with cluster, status and go-live.

The go-live date is what the Trends sheet's waves are read against: waves after it show the
measure's effect.
"""

from __future__ import annotations

from sqlalchemy import select

from surveyor.export.scope import ExportContext
from surveyor.export.stream import add_sheet
from surveyor.export.table import Column, finish_table, start_table, write_note
from surveyor.extensions import db
from surveyor.models import Measure
from surveyor.services.export_safety import safe_cell

CLUSTERS = {
    "en": {
        "operational": "Immediate operational action",
        "it_support": "IT support",
        "process": "Process documentation and improvement",
        "training": "Training",
    },
    "de": {
        "operational": "Operative Sofortmaßnahme",
        "it_support": "IT-Unterstützung",
        "process": "Prozess dokumentieren und verbessern",
        "training": "Schulung",
    },
}


def columns(context: ExportContext) -> list[Column]:
    t = context.labels
    return [
        Column(t("touchpoint"), width=24),
        Column(t("measure"), width=32),
        Column(t("description"), width=48),
        Column(t("cluster"), width=26),
        Column(t("owner"), width=22),
        Column(t("due_date"), "date", 12),
        Column(t("go_live"), "date", 12),
        Column(t("status"), width=12),
    ]


def build(workbook, context: ExportContext, progress) -> None:
    t = context.labels
    sheet = add_sheet(workbook, t("sheet.measures"))
    table = columns(context)
    start_table(sheet, table)
    names = {touchpoint.id: safe_cell(touchpoint.name) for touchpoint in context.touchpoints}
    order = {tid: index for index, tid in enumerate(context.touchpoint_ids)}
    measures = db.session.scalars(
        select(Measure).where(Measure.touchpoint_id.in_(context.touchpoint_ids))
    ).all()
    for measure in sorted(measures, key=lambda m: (order[m.touchpoint_id], m.id)):
        sheet.append(
            [
                names[measure.touchpoint_id],
                safe_cell(measure.title),
                safe_cell(measure.description),
                CLUSTERS[t.lang].get(measure.cluster, safe_cell(measure.cluster)),
                safe_cell(measure.owner),
                measure.due_date,
                measure.go_live,
                safe_cell(measure.status),
            ]
        )
    finish_table(sheet, table)
    if not measures:
        write_note(sheet, t("no_rows"))
