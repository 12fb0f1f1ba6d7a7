"""The Kano sheet: per touchpoint, wave, group and feature the counts, shares and coefficients.

Figures come from :func:`surveyor.services.results.kano_results.results_by_wave` (one GROUP BY per
instrument and group, read into :class:`~surveyor.export.content.KanoInstrument`); the
better/worse diagram is a native Excel scatter chart over the
customers' rows of the newest wave, one series per feature so the legend names them.
"""

from __future__ import annotations

from flask_babel import gettext as _
from openpyxl.chart import Reference, ScatterChart, Series

from surveyor.export.content import FeatureFigures, KanoInstrument, WaveInfo, WorkbookContent
from surveyor.export.safety import safe_cell
from surveyor.export.stream import add_sheet
from surveyor.export.table import Column, finish_table, start_table, write_note
from surveyor.labels import group_label, kano_category_label
from surveyor.scoring.kano import CATEGORIES

BETTER_COLUMN = 21  # 1-based positions of better and worse in columns() below
WORSE_COLUMN = 22


def columns() -> list[Column]:
    return [
        Column(_("Touchpoint"), width=24),
        Column(_("Instrument"), width=22),
        Column(_("Wave"), width=14),
        Column(_("Group"), width=14),
        Column(_("Item id"), width=14),
        Column(_("Feature"), width=40),
        Column(_("n"), "integer", 7),
        *[Column(category, "integer", 6) for category in CATEGORIES],
        *[Column(f"% {category}", "percent", 7) for category in CATEGORIES],
        Column(_("Category"), width=24),
        Column(_("Better"), "decimal", 9),
        Column(_("Worse"), "decimal", 9),
        Column(_("Tie with"), width=9),
        Column(_("Category strength"), "percent", 11),
        Column(_("Total strength"), "percent", 11),
        Column(_("Fong significant"), width=10),
        Column(_("Functional mean"), "decimal", 11),
        Column(_("Dysfunctional mean"), "decimal", 11),
        Column(_("Importance (mean)"), "decimal", 11),
    ]


def build(workbook, content: WorkbookContent, progress) -> None:
    sheet = add_sheet(workbook, _("Kano"))
    table = columns()
    start_table(sheet, table)
    charts = []
    for instrument in content.kano:
        customer_rows: dict[int, list[tuple[str, int]]] = {}
        for group, by_wave in instrument.results.items():
            for wave in content.waves:
                for result in by_wave[wave.id]:
                    sheet.append(_row(instrument, wave, group, result))
                    if group == "customer" and result.kano.better is not None:
                        customer_rows.setdefault(wave.id, []).append(
                            (result.key, sheet.rows_written)
                        )
        newest = [wave for wave in content.waves if wave.id in customer_rows]
        if newest:
            points = customer_rows[newest[-1].id]
            charts.append(_scatter(sheet, instrument.name, newest[-1].label, points))
    finish_table(sheet, table)
    if sheet.rows_written == 1:
        write_note(sheet, _("No data in the chosen waves and touchpoints."))
    for index, chart in enumerate(charts):
        sheet.add_chart(chart, f"AE{2 + index * 22}")


def _row(instrument: KanoInstrument, wave: WaveInfo, group: str, result: FeatureFigures) -> list:
    kano = result.kano
    shares = kano.shares
    cont = result.continuous
    return [
        safe_cell(instrument.touchpoint),
        safe_cell(instrument.name),
        safe_cell(wave.label),
        group_label(group),
        safe_cell(result.key),
        safe_cell(result.text),
        kano.n,
        *[kano.counts[category] for category in CATEGORIES],
        *[shares[category] if kano.n else None for category in CATEGORIES],
        kano_category_label(kano.category) if kano.category else None,
        kano.better,
        kano.worse,
        ", ".join(kano.tied_with) or None,
        kano.category_strength,
        kano.total_strength,
        None if kano.fong_significant is None else (_("yes") if kano.fong_significant else _("no")),
        cont.functional_mean if cont else None,
        cont.dysfunctional_mean if cont else None,
        result.importance_mean,
    ]


def _scatter(sheet, name: str, wave: str, points: list[tuple[str, int]]):
    """Berger et al. (1993) better/worse diagram: worse on x (-1..0), better on y (0..1)."""
    chart = ScatterChart()
    title = _(
        "Better/worse diagram: %(instrument)s, %(wave)s, %(group)s",
        instrument=name,
        wave=wave,
        group=group_label("customer"),
    )
    chart.title = safe_cell(title)[:250]
    chart.style = 13
    chart.x_axis.title = _("Worse")
    chart.y_axis.title = _("Better")
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
