"""The Gaps sheet: what employees believe against what customers experience, per feature.

Rows come from :func:`surveyor.services.kano_results.feature_gaps` (most disagreement first) for
each Kano instrument and wave; the gap columns are employees minus customers, so a positive
better gap means staff overrate the delight a feature brings.
"""

from __future__ import annotations

from surveyor.export.scope import ExportContext
from surveyor.export.sources import instruments
from surveyor.export.stream import add_sheet
from surveyor.export.table import Column, finish_table, start_table, write_note
from surveyor.services.export_safety import safe_cell
from surveyor.services.kano_results import feature_gaps


def columns(context: ExportContext) -> list[Column]:
    t = context.labels
    customers, employees = t("group.customer"), t("group.employee")
    return [
        Column(t("touchpoint"), width=24),
        Column(t("instrument"), width=22),
        Column(t("wave"), width=14),
        Column(t("item_key"), width=14),
        Column(t("feature"), width=40),
        Column(f"n {customers}", "integer", 9),
        Column(f"n {employees}", "integer", 9),
        Column(t("customer_category"), width=22),
        Column(t("employee_category"), width=22),
        Column(t("misjudged"), width=12),
        Column(f"{t('better')} {customers}", "decimal", 10),
        Column(f"{t('better')} {employees}", "decimal", 10),
        Column(f"{t('worse')} {customers}", "decimal", 10),
        Column(f"{t('worse')} {employees}", "decimal", 10),
        Column(t("better_gap"), "decimal", 12),
        Column(t("worse_gap"), "decimal", 12),
    ]


def build(workbook, context: ExportContext, progress) -> None:
    t = context.labels
    sheet = add_sheet(workbook, t("sheet.gaps"))
    table = columns(context)
    start_table(sheet, table)
    for instrument in instruments(context, "kano"):
        for wave in context.waves:
            for gap in feature_gaps(instrument, wave, t.lang):
                sheet.append(_row(context, instrument, wave, gap))
    finish_table(sheet, table)
    if sheet.rows_written == 1:
        write_note(sheet, t("no_rows"))


def _row(context: ExportContext, instrument, wave, gap) -> list:
    t = context.labels
    c, e = gap.customers.kano, gap.employees.kano
    return [
        safe_cell(instrument.touchpoint.name),
        safe_cell(instrument.name),
        safe_cell(wave.label),
        safe_cell(gap.key),
        safe_cell(gap.text),
        c.n,
        e.n,
        t(f"kano.{c.category}") if c.category else None,
        t(f"kano.{e.category}") if e.category else None,
        t("yes" if gap.category_differs else "no"),
        c.better,
        e.better,
        c.worse,
        e.worse,
        _minus(e.better, c.better),
        _minus(e.worse, c.worse),
    ]


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b
