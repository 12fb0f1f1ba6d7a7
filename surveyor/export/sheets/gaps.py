"""The Gaps sheet: what employees believe against what customers experience, per feature.

Rows come from :func:`surveyor.services.results.kano_results.feature_gaps` (most disagreement
first) for each Kano instrument and wave; the gap columns are employees minus customers, so a
positive better gap means staff overrate the delight a feature brings.
"""

from __future__ import annotations

from flask_babel import gettext as _

from surveyor.export.content import GapFigures, KanoInstrument, WaveInfo, WorkbookContent
from surveyor.export.safety import safe_cell
from surveyor.export.table import Column, write_table
from surveyor.labels import group_label, kano_category_label


def columns() -> list[Column]:
    customers, employees = group_label("customer"), group_label("employee")
    better, worse = _("Better"), _("Worse")
    return [
        Column(_("Touchpoint"), width=24),
        Column(_("Instrument"), width=22),
        Column(_("Wave"), width=14),
        Column(_("Item id"), width=14),
        Column(_("Feature"), width=40),
        Column(f"n {customers}", "integer", 9),
        Column(f"n {employees}", "integer", 9),
        Column(_("Customers' category"), width=22),
        Column(_("Employees' category"), width=22),
        Column(_("Category misjudged"), width=12),
        Column(f"{better} {customers}", "decimal", 10),
        Column(f"{better} {employees}", "decimal", 10),
        Column(f"{worse} {customers}", "decimal", 10),
        Column(f"{worse} {employees}", "decimal", 10),
        Column(_("Better gap (employees - customers)"), "decimal", 12),
        Column(_("Worse gap (employees - customers)"), "decimal", 12),
    ]


def build(workbook, content: WorkbookContent, progress) -> None:
    rows = (
        _row(instrument, wave, gap)
        for instrument in content.kano
        for wave in content.waves
        for gap in instrument.gaps[wave.id]
    )
    write_table(
        workbook,
        _("Gaps"),
        columns(),
        rows,
        empty=_("No data in the chosen waves and touchpoints."),
    )


def _row(instrument: KanoInstrument, wave: WaveInfo, gap: GapFigures) -> list:
    c, e = gap.customers.kano, gap.employees.kano
    return [
        safe_cell(instrument.touchpoint),
        safe_cell(instrument.name),
        safe_cell(wave.label),
        safe_cell(gap.key),
        safe_cell(gap.text),
        c.n,
        e.n,
        kano_category_label(c.category) if c.category else None,
        kano_category_label(e.category) if e.category else None,
        _("yes") if gap.category_differs else _("no"),
        c.better,
        e.better,
        c.worse,
        e.worse,
        _minus(e.better, c.better),
        _minus(e.worse, c.worse),
    ]


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b
