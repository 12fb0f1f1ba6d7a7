"""The Mystery shopping sheet: pooled scores per touchpoint, location and wave.

One long table, filterable by any column: for each touchpoint, location and wave the overall
score, then one row per checklist section and per Kano tag, with critical failures and whether
the location is a competitor (own vs competitor benchmark by filtering). Figures come from
:func:`surveyor.services.results.checklist_results.scores` (approved shops only).
"""

from __future__ import annotations

from flask_babel import gettext as _

from surveyor.export.content import MysteryRow, WorkbookContent
from surveyor.export.safety import safe_cell
from surveyor.export.table import Column, fraction, write_table
from surveyor.labels import CHECKLIST_LEVELS, kano_tag_label


def columns() -> list[Column]:
    return [
        Column(_("Touchpoint"), width=24),
        Column(_("Location"), width=26),
        Column(_("Competitor"), width=12),
        Column(_("Wave no."), "integer", 9),
        Column(_("Wave"), width=14),
        Column(_("Level"), width=12),
        Column(_("Name"), width=20),
        Column(_("Score"), "percent", 9),
        Column(_("Points earned"), "decimal", 12),
        Column(_("Points possible"), "decimal", 12),
        Column(_("Shops"), "integer", 8),
        Column(_("Critical failures"), "integer", 12),
        Column(_("Shops with critical failure"), "integer", 14),
    ]


def build(workbook, content: WorkbookContent, progress) -> None:
    sequence = {wave.id: wave.sequence for wave in content.waves}
    write_table(
        workbook,
        _("Mystery shopping"),
        columns(),
        (_row(row, sequence) for row in content.mystery),
        empty=_("No data in the chosen waves and touchpoints."),
    )


def _row(mystery: MysteryRow, sequence: dict[int, int]) -> list:
    level, row = mystery.level, mystery.score
    name = None
    if level == "section":
        name = safe_cell(row.label[3] or "")
    elif level == "kano":
        name = safe_cell(kano_tag_label(row.label[3]))
    return [
        safe_cell(row.label[0]),
        safe_cell(row.label[1]),
        _("yes") if mystery.competitor else _("no"),
        sequence.get(row.key[2]),
        safe_cell(row.label[2]),
        str(CHECKLIST_LEVELS[level]),
        name,
        fraction(row.percent),
        row.earned,
        row.possible,
        row.shops,
        row.critical_failures,
        row.critical_shops,
    ]
