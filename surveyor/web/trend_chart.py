"""The trend chart: values per wave as lines with confidence whiskers, measures as markers.

Server-rendered SVG built on the shared helpers of :mod:`surveyor.web.charts`, which
escape every text. The x axis is the sequence of waves (equally spaced); a measure's go-live
date is placed between the two waves whose opening dates surround it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from surveyor.scoring.trends import Interval
from surveyor.web.charts import GRID, INK, Frame, line_element, svg_document, text_element

COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
"""Okabe & Ito (2008), distinguishable with colour-blindness."""


@dataclass(frozen=True)
class Line:
    name: str
    values: Sequence[float | None]
    intervals: Sequence[Interval | None] = ()
    dashed: bool = False


@dataclass(frozen=True)
class Marker:
    position: float
    label: str


def marker_position(starts: Sequence[date | None], when: date) -> float | None:
    """Where ``when`` falls on the wave axis (0 = first wave), interpolated by opening dates."""
    known = [(index, start) for index, start in enumerate(starts) if start is not None]
    if not known:
        return None
    if when < known[0][1]:
        return known[0][0] - 0.4
    for (i, a), (j, b) in itertools.pairwise(known):
        if a <= when < b:
            return i + (j - i) * (when - a).days / max((b - a).days, 1)
    return known[-1][0] + 0.4


def trend_chart(
    wave_labels: Sequence[str],
    lines: Sequence[Line],
    markers: Sequence[Marker] = (),
    *,
    title: str,
    description: str,
    low: float = 0.0,
    high: float = 100.0,
) -> Markup:
    """A line chart over the waves; values outside ``low``..``high`` are clipped."""
    frame = Frame(width=720, height=370, left=56, right=24, top=46, bottom=64)
    count = max(len(wave_labels), 1)
    x_low, x_high = -0.5, count - 0.5

    def x(position: float) -> float:
        return frame.x(position, x_low, x_high)

    def y(value: float) -> float:
        return frame.y(min(max(value, low), high), low, high)

    body = _axes(frame, wave_labels, x, y, low, high)
    for number, marker in enumerate(markers):
        position = x(min(max(marker.position, x_low), x_high))
        body.append(
            line_element(position, frame.top, position, y(low), stroke=INK, stroke_dasharray="2 3")
        )
        label_y = frame.top - 6 - 13 * (number % 2)
        body.append(text_element(position + 3, label_y, marker.label, font_size=11))
    for number, line in enumerate(lines):
        body.extend(_line(line, COLOURS[number % len(COLOURS)], x, y))
    body.extend(_legend(frame, lines))
    return svg_document(frame, title, description, body)


def _axes(frame, wave_labels, x, y, low, high) -> list[str]:
    parts = []
    for step in range(5):
        value = low + (high - low) * step / 4
        parts.append(
            line_element(frame.left, y(value), frame.width - frame.right, y(value), stroke=GRID)
        )
        parts.append(
            text_element(
                frame.left - 6, y(value) + 4, f"{value:g}", text_anchor="end", font_size=11
            )
        )
    for index, label in enumerate(wave_labels):
        parts.append(text_element(x(index), y(low) + 18, label, text_anchor="middle", font_size=12))
    return parts


def _line(line: Line, colour: str, x, y) -> list[str]:
    parts = []
    points = [(i, v) for i, v in enumerate(line.values) if v is not None]
    if len(points) > 1:
        path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in points)
        dash = ' stroke-dasharray="6 4"' if line.dashed else ""
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'
        )
    for i, value in points:
        interval = line.intervals[i] if i < len(line.intervals) else None
        if interval is not None:
            parts.append(line_element(x(i), y(interval.low), x(i), y(interval.high), stroke=colour))
        parts.append(
            f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="4" fill="{colour}">'
            f"<title>{Markup.escape(line.name)}: {value:.1f}</title></circle>"
        )
    return parts


def _legend(frame: Frame, lines: Sequence[Line]) -> list[str]:
    parts = []
    left = frame.left
    for number, line in enumerate(lines):
        colour = COLOURS[number % len(COLOURS)]
        top = frame.height - 18
        parts.append(line_element(left, top - 4, left + 18, top - 4, stroke=colour, stroke_width=3))
        parts.append(text_element(left + 22, top, line.name, font_size=12))
        left += 30 + 7 * len(line.name)
    return parts
