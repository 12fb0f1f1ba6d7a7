"""The Mystery shopping sheet: pooled scores per touchpoint, location and wave.

One long table, filterable by any column: for each touchpoint, location and wave the overall
score, then one row per checklist section and per Kano tag, with critical failures and whether
the location is a competitor (own vs competitor benchmark by filtering). Figures come from
:func:`surveyor.services.checklist_results.scores` (approved shops only).
"""

from __future__ import annotations

from surveyor.export.scope import ExportContext
from surveyor.export.stream import add_sheet
from surveyor.export.table import Column, finish_table, fraction, start_table, write_note
from surveyor.services.checklist_results import scores
from surveyor.services.export_safety import safe_cell

BASE = ("touchpoint", "location", "wave")
LEVELS = (None, "section", "kano")
LEVEL_LABELS = {
    "en": {None: "Overall", "section": "Section", "kano": "Kano tag"},
    "de": {None: "Gesamt", "section": "Abschnitt", "kano": "Kano-Tag"},
}
TAG_LABELS = {
    "en": {"basic": "Basic", "performance": "Performance", "delighter": "Delighter"},
    "de": {"basic": "Basis", "performance": "Leistung", "delighter": "Begeisterung"},
}


def columns(context: ExportContext) -> list[Column]:
    t = context.labels
    de = t.lang == "de"
    return [
        Column(t("touchpoint"), width=24),
        Column(t("location"), width=26),
        Column(t("competitor"), width=12),
        Column(t("wave_no"), "integer", 9),
        Column(t("wave"), width=14),
        Column("Ebene" if de else "Level", width=12),
        Column("Name", width=20),
        Column("Score", "percent", 9),
        Column("Punkte erreicht" if de else "Points earned", "decimal", 12),
        Column("Punkte möglich" if de else "Points possible", "decimal", 12),
        Column("Shops", "integer", 8),
        Column("Kritische Fehler" if de else "Critical failures", "integer", 12),
        Column("Shops mit krit. Fehler" if de else "Shops with critical failure", "integer", 14),
    ]


def build(workbook, context: ExportContext, progress) -> None:
    t = context.labels
    sheet = add_sheet(workbook, t("sheet.mystery"))
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
        write_note(sheet, t("no_rows"))


def _row(context: ExportContext, level, row, sequence: dict[int, int]) -> list:
    t = context.labels
    location = context.locations.get(row.key[1])
    competitor = bool(location and location.is_competitor)
    name = None
    if level == "section":
        name = safe_cell(row.label[3] or "")
    elif level == "kano":
        name = TAG_LABELS[t.lang].get(row.label[3] or "", safe_cell(row.label[3] or ""))
    return [
        safe_cell(row.label[0]),
        safe_cell(row.label[1]),
        t("yes" if competitor else "no"),
        sequence.get(row.key[2]),
        safe_cell(row.label[2]),
        LEVEL_LABELS[t.lang][level],
        name,
        fraction(row.percent),
        row.earned,
        row.possible,
        row.shops,
        row.critical_failures,
        row.critical_shops,
    ]
