"""Native PowerPoint charts (editable chart objects with their data, not pictures).

A consultant restyles or corrects a chart in PowerPoint as usual, and the figures stay the
workbook's: python-pptx embeds each chart's data as a small worksheet behind it.
"""

from __future__ import annotations

from collections.abc import Sequence

from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_AXIS_CROSSES, XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.util import Pt

from surveyor.deck.canvas import Box
from surveyor.deck.text import shorten

OWN = RGBColor(0x1F, 0x77, 0xB4)
COMPETITOR = RGBColor(0xB0, 0xB0, 0xB0)
FONT = Pt(11)


def better_worse(slide, box: Box, title: str, points, x_title: str, y_title: str):
    """Berger et al. (1993) matrix: worse on x (-1..0), better on y (0..1), one series per
    feature labelled with its key (the table beside it names the feature)."""
    data = XyChartData()
    for key, worse, better in points:
        data.add_series(key).add_data_point(worse, better)
    chart = _add(slide, XL_CHART_TYPE.XY_SCATTER, box, data, title)
    x_axis, y_axis = chart.category_axis, chart.value_axis
    x_axis.minimum_scale, x_axis.maximum_scale = -1, 0
    y_axis.minimum_scale, y_axis.maximum_scale = 0, 1
    x_axis.crosses = XL_AXIS_CROSSES.MINIMUM  # better's axis on the left, at worse = -1
    for axis, name in ((x_axis, x_title), (y_axis, y_title)):
        axis.has_title = True
        axis.axis_title.text_frame.text = name
        axis.tick_labels.number_format = "0.0"
        axis.tick_labels.number_format_is_linked = False
    chart.has_legend = False
    for series in chart.plots[0].series:
        label = series.points[0].data_label
        label.text_frame.text = series.name
        label.text_frame.paragraphs[0].runs[0].font.size = Pt(9)
        label.position = XL_LABEL_POSITION.RIGHT
    return chart


def bars(slide, box: Box, title: str, categories: Sequence[str], series, overlap: bool = False):
    """Horizontal bars of scores (fractions shown as %): ``series`` is [(name, values)]; the
    second series is the competitor benchmark, drawn grey."""
    data = CategoryChartData(number_format="0%")
    data.categories = [shorten(category, 40) for category in categories]
    for name, values in series:
        data.add_series(name, values)
    chart = _add(slide, XL_CHART_TYPE.BAR_CLUSTERED, box, data, title)
    chart.category_axis.reverse_order = True  # first category on top, as read
    chart.value_axis.minimum_scale, chart.value_axis.maximum_scale = 0, 1
    chart.value_axis.tick_labels.number_format = "0%"
    chart.value_axis.tick_labels.number_format_is_linked = False
    plot = chart.plots[0]
    plot.gap_width = 60
    if overlap:
        plot.overlap = 100
    for one, colour in zip(plot.series, (OWN, COMPETITOR), strict=False):
        one.format.fill.solid()
        one.format.fill.fore_color.rgb = colour
    _legend(chart, len(series) > 1)
    return chart


def lines(slide, box: Box, title: str, waves: Sequence[str], series, number_format: str):
    """One line per series over the waves; a missing wave leaves a gap."""
    data = CategoryChartData(number_format=number_format)
    data.categories = list(waves)
    for name, values in series:
        data.add_series(shorten(name, 40), values)
    chart = _add(slide, XL_CHART_TYPE.LINE_MARKERS, box, data, title)
    chart.value_axis.tick_labels.number_format = number_format
    chart.value_axis.tick_labels.number_format_is_linked = False
    _legend(chart, True)
    return chart


def _add(slide, kind, box: Box, data, title: str):
    frame = slide.shapes.add_chart(kind, box.left, box.top, box.width, box.height, data)
    chart = frame.chart
    chart.font.size = FONT
    chart.has_title = True
    chart.chart_title.text_frame.text = shorten(title, 90)
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(13)
    return chart


def _legend(chart, shown: bool) -> None:
    chart.has_legend = shown
    if shown:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(10)
