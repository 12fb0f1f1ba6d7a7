"""The Kano sheet: per touchpoint, wave, group and feature the counts, shares and coefficients.

Figures come from :func:`surveyor.services.kano_results.results_by_wave` (one GROUP BY per
instrument and group); the better/worse diagram is a native Excel scatter chart over the
customers' rows of the newest wave, one series per feature so the legend names them.
"""

from __future__ import annotations

from openpyxl.chart import Reference, ScatterChart, Series

from surveyor.export.scope import ExportContext
from surveyor.export.sources import instruments
from surveyor.export.stream import add_sheet
from surveyor.export.table import Column, finish_table, start_table, write_note
from surveyor.scoring.kano import CATEGORIES
from surveyor.services.export_safety import safe_cell
from surveyor.services.kano_results import results_by_wave

GROUPS = ("customer", "employee")
BETTER_COLUMN = 21  # 1-based positions of better and worse in columns() below
WORSE_COLUMN = 22


def columns(context: ExportContext) -> list[Column]:
    t = context.labels
    return [
        Column(t("touchpoint"), width=24),
        Column(t("instrument"), width=22),
        Column(t("wave"), width=14),
        Column(t("group"), width=14),
        Column(t("item_key"), width=14),
        Column(t("feature"), width=40),
        Column(t("n"), "integer", 7),
        *[Column(category, "integer", 6) for category in CATEGORIES],
        *[Column(f"% {category}", "percent", 7) for category in CATEGORIES],
        Column(t("category"), width=24),
        Column(t("better"), "decimal", 9),
        Column(t("worse"), "decimal", 9),
        Column(t("tie"), width=9),
        Column(t("category_strength"), "percent", 11),
        Column(t("total_strength"), "percent", 11),
        Column(t("fong"), width=10),
        Column(t("functional_mean"), "decimal", 11),
        Column(t("dysfunctional_mean"), "decimal", 11),
        Column(t("importance"), "decimal", 11),
    ]


def build(workbook, context: ExportContext, progress) -> None:
    t = context.labels
    sheet = add_sheet(workbook, t("sheet.kano"))
    table = columns(context)
    start_table(sheet, table)
    charts = []
    for instrument in instruments(context, "kano"):
        customer_rows: dict[int, list[tuple[str, int]]] = {}
        for group in GROUPS:
            by_wave = results_by_wave(instrument, context.wave_ids, group, t.lang)
            for wave in context.waves:
                for result in by_wave[wave.id]:
                    sheet.append(_row(context, instrument, wave, group, result))
                    if group == "customer" and result.kano.better is not None:
                        customer_rows.setdefault(wave.id, []).append(
                            (result.key, sheet.rows_written)
                        )
        newest = [wave for wave in context.waves if wave.id in customer_rows]
        if newest:
            points = customer_rows[newest[-1].id]
            charts.append(_scatter(sheet, context, instrument.name, newest[-1].label, points))
    finish_table(sheet, table)
    if sheet.rows_written == 1:
        write_note(sheet, t("no_rows"))
    for index, chart in enumerate(charts):
        sheet.add_chart(chart, f"AE{2 + index * 22}")


def _row(context: ExportContext, instrument, wave, group: str, result) -> list:
    t = context.labels
    kano = result.kano
    shares = kano.shares
    cont = result.continuous
    return [
        safe_cell(instrument.touchpoint.name),
        safe_cell(instrument.name),
        safe_cell(wave.label),
        context.group_label(group),
        safe_cell(result.key),
        safe_cell(result.text),
        kano.n,
        *[kano.counts[category] for category in CATEGORIES],
        *[shares[category] if kano.n else None for category in CATEGORIES],
        t(f"kano.{kano.category}") if kano.category else None,
        kano.better,
        kano.worse,
        ", ".join(kano.tied_with) or None,
        kano.category_strength,
        kano.total_strength,
        None if kano.fong_significant is None else t("yes" if kano.fong_significant else "no"),
        cont.functional_mean if cont else None,
        cont.dysfunctional_mean if cont else None,
        result.importance_mean,
    ]


def _scatter(sheet, context: ExportContext, name: str, wave: str, points: list[tuple[str, int]]):
    """Berger et al. (1993) better/worse diagram: worse on x (-1..0), better on y (0..1)."""
    t = context.labels
    chart = ScatterChart()
    title = f"{t('chart.better_worse')}: {name}, {wave}, {t('group.customer')}"
    chart.title = safe_cell(title)[:250]
    chart.style = 13
    chart.x_axis.title = t("worse")
    chart.y_axis.title = t("better")
    chart.x_axis.scaling.min, chart.x_axis.scaling.max = -1, 0
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.height, chart.width = 10, 18
    for key, row in points:
        x = Reference(sheet, min_col=WORSE_COLUMN, min_row=row)
        y = Reference(sheet, min_col=BETTER_COLUMN, min_row=row)
        series = Series(y, x, title=safe_cell(key)[:250])
        series.marker.symbol = "circle"
        series.marker.size = 8
        series.graphicalProperties.line.noFill = True
        chart.series.append(series)
    return chart
