"""The Locations sheet: the client's branches and regions ranked per wave and metric, with a
native Excel bar chart of the newest wave's ranked touchpoint index.

One row per wave, metric and unit, so Excel's filter picks a wave and a metric, as on the report
card. Rows arrive ranked (:mod:`surveyor.services.reports.location_rows`, the web ranking's
figures); within a wave and metric the ranked branches are adjacent, so the chart's series is one
contiguous range. Location names come from consultants and imports and pass ``safe_cell``. A
project without own branches gets no sheet.
"""

from __future__ import annotations

from flask_babel import gettext as _
from openpyxl.chart import BarChart, Reference

from surveyor.export.content import LocationRanking, LocationRankRow, LocationSheet
from surveyor.export.safety import safe_cell
from surveyor.export.stream import add_sheet
from surveyor.export.table import Column, finish_table, start_table, write_note
from surveyor.labels import LOCATION_METRICS

LOCATION_COLUMN, VALUE_COLUMN = 6, 9


def columns() -> list[Column]:
    return [
        Column(_("Wave no."), "integer", 9),
        Column(_("Wave"), width=14),
        Column(_("Metric"), width=28),
        Column(_("Level"), width=12),
        Column(_("Rank"), "integer", 7),
        Column(_("Location"), width=28),
        Column(_("Code"), width=10),
        Column(_("Region"), width=18),
        Column(_("Value"), "decimal", 10),
        Column(_("95 % CI low"), "decimal", 10),
        Column(_("95 % CI high"), "decimal", 10),
        Column("n", "integer", 8),
        Column(_("Small sample"), width=14),
    ]


def build(workbook, content, progress) -> None:
    if content.locations is not None:
        write(workbook, content.locations)


def write(workbook, locations: LocationSheet) -> None:
    sheet = add_sheet(workbook, _("Locations"))
    table = columns()
    start_table(sheet, table, preamble=_preamble(locations.min_n))
    chart = None
    for ranking in locations.rankings:
        first = sheet.rows_written + 1
        for row in ranking.rows:
            sheet.append(_cells(ranking, row, locations.min_n))
        ranked = sum(1 for row in ranking.rows if row.level == "branch" and row.rank is not None)
        if chart is None and ranking.metric == "index" and ranked:
            chart = _bar_chart(sheet, ranking, first, first + ranked - 1)
    finish_table(sheet, table)
    if not locations.rankings:
        write_note(sheet, _("No branch has customer answers or approved shops in these waves."))
    if chart is not None:
        sheet.add_chart(chart, "O4")


def _preamble(min_n: int) -> list[list]:
    return [
        [_("Minimum n for a rank"), min_n],
        [
            _(
                "Customer answers and approved mystery shops of the whole project, as on the "
                "page Results by location. Units with fewer answers (checklist scores: shops) "
                "than the minimum are marked and not ranked; competitors are not listed."
            )
        ],
    ]


def _metric_label(metric: str) -> str:
    label = str(LOCATION_METRICS[metric])
    return f"{label} (%)" if metric == "checklist" else label


def _cells(ranking: LocationRanking, row: LocationRankRow, min_n: int) -> list:
    levels = {"branch": _("Branch"), "region": _("Region"), "client": _("Whole client")}
    return [
        ranking.wave.sequence,
        safe_cell(ranking.wave.label),
        _metric_label(ranking.metric),
        levels[row.level],
        row.rank,
        safe_cell(row.name) if row.level != "client" else _("Whole client"),
        safe_cell(row.code),
        safe_cell(row.region),
        row.value,
        row.low,
        row.high,
        row.n,
        _("n under %(n)s", n=min_n) if row.small else None,
    ]


def _bar_chart(sheet, ranking: LocationRanking, first: int, last: int) -> BarChart:
    """The ranked branches' index as horizontal bars, rank 1 on top."""
    chart = BarChart()
    chart.type = "bar"
    chart.style = 12
    chart.title = f"{_metric_label(ranking.metric)}: {safe_cell(ranking.wave.label)}"[:250]
    chart.height, chart.width = max(9.0, 0.6 * (last - first + 1) + 3), 18
    chart.legend = None
    chart.y_axis.number_format = "0.0"
    chart.x_axis.scaling.orientation = "maxMin"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    values = Reference(sheet, min_col=VALUE_COLUMN, min_row=first, max_row=last)
    chart.add_data(values, titles_from_data=False)
    chart.set_categories(Reference(sheet, min_col=LOCATION_COLUMN, min_row=first, max_row=last))
    return chart
