"""The Trends sheet: each indicator wave by wave, with native Excel line charts.

Rows are ordered indicator first, then wave, so each indicator's waves are adjacent and a chart
series is one contiguous range. Kano indicators (customers' better/worse and category per
feature) come from :func:`surveyor.services.results.kano_results.results_by_wave`; mystery-shopping
scores per touchpoint from :func:`surveyor.services.results.checklist_results.scores`; the standard
questions (CSAT, CES, NPS, contacts, first-contact resolution) per touchpoint from
:func:`surveyor.services.results.trends.standard_question_series`, one chart per question.
"""

from __future__ import annotations

from flask_babel import gettext as _
from openpyxl.chart import LineChart, Reference, Series

from surveyor.export.content import FeatureFigures, KanoInstrument, WaveInfo, WorkbookContent
from surveyor.export.safety import safe_cell
from surveyor.export.stream import add_sheet
from surveyor.export.table import Column, finish_table, fraction, start_table, write_note
from surveyor.labels import kano_category_label, trend_label

WAVE_COLUMN, BETTER_COLUMN, SCORE_COLUMN, VALUE_COLUMN = 5, 7, 10, 11


def columns() -> list[Column]:
    return [
        Column(_("Touchpoint"), width=24),
        Column(_("Instrument"), width=22),
        Column(_("Indicator"), width=30),
        Column(_("Wave no."), "integer", 9),
        Column(_("Wave"), width=14),
        Column(_("n"), "integer", 8),
        Column(_("Better"), "decimal", 9),
        Column(_("Worse"), "decimal", 9),
        Column(_("Category"), width=24),
        Column(_("Mystery shopping score"), "percent", 12),
        Column(_("Value"), "decimal", 10),
    ]


def build(workbook, content: WorkbookContent, progress) -> None:
    sheet = add_sheet(workbook, _("Trends"))
    table = columns()
    start_table(sheet, table)
    charts = []
    for instrument in content.kano:
        by_wave = instrument.results["customer"]
        ranges = []
        features = zip(*(by_wave[wave.id] for wave in content.waves), strict=True)
        for per_wave in features:
            first = sheet.rows_written + 1
            for wave, result in zip(content.waves, per_wave, strict=True):
                sheet.append(_kano_row(instrument, wave, result))
            ranges.append((per_wave[0].key, first, sheet.rows_written))
        if ranges:
            title = _("Better") + f": {safe_cell(instrument.name)}"
            charts.append(_line_chart(sheet, title, BETTER_COLUMN, ranges, "0.00"))
    charts.extend(_checklist_trends(sheet, content))
    charts.extend(_standard_question_trends(sheet, content))
    finish_table(sheet, table)
    if sheet.rows_written == 1:
        write_note(sheet, _("No data in the chosen waves and touchpoints."))
    for index, chart in enumerate(charts):
        sheet.add_chart(chart, f"L{2 + index * 20}")


def _kano_row(instrument: KanoInstrument, wave: WaveInfo, result: FeatureFigures) -> list:
    kano = result.kano
    return [
        safe_cell(instrument.touchpoint),
        safe_cell(instrument.name),
        safe_cell(f"{result.key}: {result.text}"),
        wave.sequence,
        safe_cell(wave.label),
        kano.n,
        kano.better,
        kano.worse,
        kano_category_label(kano.category) if kano.category else None,
        None,
        None,
    ]


def _checklist_trends(sheet, content: WorkbookContent) -> list:
    found = content.checklist_scores
    ranges = []
    label = _("Overall score")
    for touchpoint in content.touchpoints:
        if not any((touchpoint.id, wave.id) in found for wave in content.waves):
            continue
        first = sheet.rows_written + 1
        for wave in content.waves:
            row = found.get((touchpoint.id, wave.id))
            sheet.append(
                [
                    safe_cell(touchpoint.name),
                    None,
                    label,
                    wave.sequence,
                    safe_cell(wave.label),
                    row.shops if row else 0,
                    None,
                    None,
                    None,
                    fraction(row.percent) if row else None,
                    None,
                ]
            )
        ranges.append((touchpoint.name, first, sheet.rows_written))
    if not ranges:
        return []
    return [_line_chart(sheet, _("Mystery shopping"), SCORE_COLUMN, ranges, "0%")]


def _standard_question_trends(sheet, content: WorkbookContent) -> list:
    """CSAT, CES, NPS, contacts and first-contact resolution, wave by wave per touchpoint."""
    by_touchpoint = content.standard_questions
    ranges: dict[str, list] = {}
    for touchpoint in content.touchpoints:
        for series in by_touchpoint.get(touchpoint.id, []):
            name = trend_label(series.name) + (" (%)" if series.scale == "percent" else "")
            first = sheet.rows_written + 1
            for wave in content.waves:
                point = series.point_of(wave.id)
                sheet.append(
                    [
                        safe_cell(touchpoint.name),
                        None,
                        name,
                        wave.sequence,
                        safe_cell(wave.label),
                        point.n if point else 0,
                        None,
                        None,
                        None,
                        None,
                        point.value if point else None,
                    ]
                )
            ranges.setdefault(name, []).append((touchpoint.name, first, sheet.rows_written))
    return [_line_chart(sheet, name, VALUE_COLUMN, found, "0.0") for name, found in ranges.items()]


def _line_chart(sheet, title: str, column: int, ranges, number_format: str) -> LineChart:
    chart = LineChart()
    chart.title = title[:250]
    chart.style = 12
    chart.height, chart.width = 9, 18
    chart.y_axis.number_format = number_format
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    for name, first, last in ranges:
        values = Reference(sheet, min_col=column, min_row=first, max_row=last)
        series = Series(values, title=safe_cell(name)[:250])
        series.marker.symbol = "circle"
        chart.series.append(series)
    _, first, last = ranges[0]
    chart.set_categories(Reference(sheet, min_col=WAVE_COLUMN, min_row=first, max_row=last))
    return chart
