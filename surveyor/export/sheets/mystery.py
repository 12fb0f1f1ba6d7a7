"""The Mystery shopping sheet: pooled scores per touchpoint, location and wave.

One long table, filterable by any column: for each touchpoint, location and wave the overall
score, then one row per checklist section and per Kano tag, with critical failures and whether
the location is a competitor (own vs competitor benchmark by filtering). Figures come from
:func:`surveyor.services.checklist_results.scores` (approved shops only).
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from surveyor.export.scope import ExportContext
from surveyor.export.stream import add_sheet
from surveyor.export.table import Column, finish_table, fraction, start_table, write_note
from surveyor.labels import kano_tag_label
from surveyor.services.checklist_results import scores
from surveyor.services.export_safety import safe_cell

BASE = ("touchpoint", "location", "wave")
LEVELS = (None, "section", "kano")
LEVEL_LABELS = {None: _l("Overall"), "section": _l("Section"), "kano": _l("Kano tag")}


def columns(context: ExportContext) -> list[Column]:
    return [
        Column(_("Touchpoint"), width=24),
        Column(_("Location"), width=26),
        Column(_("Competitor"), width=12),
        Column(_("Wave no."), "integer", 9),
        Column(_("Wave"), width=14),
        Column(_("Level"), width=12),
        Column("Name", width=20),
        Column("Score", "percent", 9),
        Column(_("Points earned"), "decimal", 12),
        Column(_("Points possible"), "decimal", 12),
        Column("Shops", "integer", 8),
        Column(_("Critical failures"), "integer", 12),
        Column(_("Shops with critical failure"), "integer", 14),
    ]


def build(workbook, context: ExportContext, progress) -> None:
    sheet = add_sheet(workbook, _("Mystery shopping"))
    table = columns(context)
    start_table(sheet, table)
    rows = []
    touchpoints = set(context.touchpoint_ids)
    sequence = {wave.id: wave.sequence for wave in context.waves}
    for level in LEVELS:
        by = BASE + ((level,) if level else ())
        for row in scores(context.project.id, by, wave_ids=context.wave_ids):
            if row.key[0] in touchpoints:
                rows.append((level, row))
    order = {tid: index for index, tid in enumerate(context.touchpoint_ids)}
    rows.sort(
        key=lambda lr: (
            order[lr[1].key[0]],
            str(lr[1].label[1]),
            sequence.get(lr[1].key[2], 0),
            LEVELS.index(lr[0]),
            str(lr[1].label[3]) if lr[0] else "",
        )
    )
    for level, row in rows:
        sheet.append(_row(context, level, row, sequence))
    finish_table(sheet, table)
    if not rows:
        write_note(sheet, _("No data in the chosen waves and touchpoints."))


def _row(context: ExportContext, level, row, sequence: dict[int, int]) -> list:
    location = context.locations.get(row.key[1])
    competitor = bool(location and location.is_competitor)
    name = None
    if level == "section":
        name = safe_cell(row.label[3] or "")
    elif level == "kano":
        name = safe_cell(kano_tag_label(row.label[3]))
    return [
        safe_cell(row.label[0]),
        safe_cell(row.label[1]),
        _("yes") if competitor else _("no"),
        sequence.get(row.key[2]),
        safe_cell(row.label[2]),
        str(LEVEL_LABELS[level]),
        name,
        fraction(row.percent),
        row.earned,
        row.possible,
        row.shops,
        row.critical_failures,
        row.critical_shops,
    ]
