"""Charts as inline SVG rendered on the server: no JavaScript, printable, screen-reader friendly.

Every chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` (named by
``aria-labelledby``), draws with plain attributes instead of a stylesheet so that it prints and
survives being copied into another document, and escapes every piece of text it is given.
:class:`Frame` and the element helpers are shared by all charts; the better/worse scatter
below is the first of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
INK = "#1f2933"
GRID = "#d9dee3"
CATEGORY_COLOURS = {  # Okabe & Ito (2008): distinguishable with colour-blindness
    "M": "#0072B2",
    "O": "#009E73",
    "A": "#E69F00",
    "I": "#7a7a7a",
    "R": "#D55E00",
    "Q": "#CC79A7",
}
_ids = itertools.count(1)


@dataclass(frozen=True)
class Frame:
    """The drawing area of a chart: outer size in SVG units and the margins around the plot."""

    width: int = 640
    height: int = 480
    left: int = 64
    right: int = 24
    top: int = 24
    bottom: int = 64

    @property
    def plot_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> float:
        return self.height - self.top - self.bottom

    def x(self, value: float, low: float = 0.0, high: float = 1.0) -> float:
        """Horizontal position of ``value`` on an axis running from ``low`` to ``high``."""
        return self.left + (value - low) / (high - low) * self.plot_width

    def y(self, value: float, low: float = 0.0, high: float = 1.0) -> float:
        """Vertical position of ``value``; larger values are drawn higher up."""
        return self.top + (1 - (value - low) / (high - low)) * self.plot_height


def svg_document(frame: Frame, title: str, description: str, body: Iterable[str]) -> Markup:
    """Wrap chart elements in an accessible, scalable ``<svg>`` with escaped title and desc."""
    number = next(_ids)
    title_id, desc_id = f"chart-{number}-title", f"chart-{number}-desc"
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {frame.width} {frame.height}" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="{escape(FONT)}" fill="{INK}">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(description)}</desc>'
        f"{''.join(body)}</svg>"
    )


def text_element(x: float, y: float, content: str, **attributes: str | float) -> str:
    """A ``<text>``; attribute names use ``_`` for ``-`` (``text_anchor="end"``)."""
    return f"<text {_attributes(x=x, y=y, **attributes)}>{escape(content)}</text>"


def line_element(x1: float, y1: float, x2: float, y2: float, **attributes: str | float) -> str:
    return f"<line {_attributes(x1=x1, y1=y1, x2=x2, y2=y2, **attributes)}/>"


def unit_axes(
    frame: Frame,
    x_label: str,
    y_label: str,
    ticks: Sequence[float],
    decimal_comma: bool = False,
) -> list[str]:
    """Grid, tick labels and axis titles for two axes that both run from 0 to 1."""
    parts = []
    for tick in ticks:
        x, y = frame.x(tick), frame.y(tick)
        parts.append(line_element(x, frame.top, x, frame.y(0), stroke=GRID))
        parts.append(line_element(frame.left, y, frame.x(1), y, stroke=GRID))
        label = f"{tick:.2f}".rstrip("0").rstrip(".") if tick else "0"
        label = label.replace(".", ",") if decimal_comma else label
        parts.append(text_element(x, frame.y(0) + 18, label, text_anchor="middle", font_size=12))
        parts.append(text_element(frame.left - 8, y + 4, label, text_anchor="end", font_size=12))
    parts.append(
        f'<rect x="{frame.left}" y="{frame.top}" width="{frame.plot_width}" '
        f'height="{frame.plot_height}" fill="none" stroke="{INK}"/>'
    )
    parts.append(
        text_element(
            frame.left + frame.plot_width / 2,
            frame.height - 16,
            x_label,
            text_anchor="middle",
            font_size=14,
        )
    )
    middle = frame.top + frame.plot_height / 2
    parts.append(
        text_element(
            18,
            middle,
            y_label,
            text_anchor="middle",
            font_size=14,
            transform=f"rotate(-90 18 {middle})",
        )
    )
    return parts


@dataclass(frozen=True)
class ScatterPoint:
    """One feature on the better/worse chart; ``label`` is drawn, ``note`` shows on hover."""

    label: str
    better: float
    worse: float
    category: str | None = None
    note: str = ""


@dataclass(frozen=True)
class BetterWorseLabels:
    """The chart's words, passed in so that the caller can translate them."""

    x_axis: str = "Dissatisfaction if missing |worse|"
    y_axis: str = "Satisfaction if present (better)"
    basic: str = "Basic"
    performance: str = "Performance"
    delighter: str = "Delighter"
    indifferent: str = "Indifferent"
    decimal_comma: bool = False
    """Tick labels as German readers write them: 0,25."""


def better_worse_scatter(
    points: Sequence[ScatterPoint],
    *,
    title: str,
    description: str,
    labels: BetterWorseLabels | None = None,
    frame: Frame | None = None,
) -> Markup:
    """Berger et al.'s (1993) customer-satisfaction coefficients as a four-quadrant plot.

    x = |worse|, y = better, both 0..1 with quadrant lines at 0.5: basic bottom right,
    performance top right, delighter top left, indifferent bottom left (docs/method.md,
    "Kano evaluation").
    """
    labels = labels or BetterWorseLabels()
    frame = frame or Frame()
    ticks = (0.0, 0.25, 0.5, 0.75, 1.0)
    body = unit_axes(frame, labels.x_axis, labels.y_axis, ticks, labels.decimal_comma)
    middle_x, middle_y = frame.x(0.5), frame.y(0.5)
    body.append(line_element(middle_x, frame.top, middle_x, frame.y(0), stroke=INK))
    body.append(line_element(frame.left, middle_y, frame.x(1), middle_y, stroke=INK))
    corners = (
        (labels.delighter, frame.left + 8, frame.top + 18, "start"),
        (labels.performance, frame.x(1) - 8, frame.top + 18, "end"),
        (labels.indifferent, frame.left + 8, frame.y(0) - 8, "start"),
        (labels.basic, frame.x(1) - 8, frame.y(0) - 8, "end"),
    )
    for text, x, y, anchor in corners:
        body.append(
            text_element(
                x, y, text, text_anchor=anchor, font_size=13, font_weight="bold", fill="#52606d"
            )
        )
    placed = [_marker_box(frame, point) for point in points]  # labels keep off every marker
    for point in points:
        body.append(_scatter_marker(frame, point, placed))
    return svg_document(frame, title, description, body)


def _scatter_marker(
    frame: Frame, point: ScatterPoint, placed: list[tuple[float, float, float, float]]
) -> str:
    x, y = frame.x(_clamp(abs(point.worse))), frame.y(_clamp(point.better))
    colour = CATEGORY_COLOURS.get(point.category or "", INK)
    label_x, label_y, anchor = _free_spot(x, y, len(point.label), placed)
    note = escape(point.note or point.label)
    return (
        f"<g><title>{note}</title>"
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{colour}" '
        'stroke="#fff" stroke-width="1.5"/>'
        + text_element(
            label_x,
            label_y,
            point.label,
            text_anchor=anchor,
            font_size=13,
            font_weight="bold",
            paint_order="stroke",
            stroke="#fff",
            stroke_width=3,
        )
        + "</g>"
    )


def _marker_box(frame: Frame, point: ScatterPoint) -> tuple[float, float, float, float]:
    x, y = frame.x(_clamp(abs(point.worse))), frame.y(_clamp(point.better))
    return x - 6, y - 6, x + 6, y + 6


def _free_spot(
    x: float, y: float, characters: int, placed: list[tuple[float, float, float, float]]
) -> tuple[float, float, str]:
    """Put a label beside its marker where it overlaps no marker and no earlier label.

    Tries right, left, above and below; when all are taken the label goes to the right.
    """
    width, height = 8.0 * characters + 2, 14.0
    options = (
        (x + 9, y + 5, "start", x + 9),
        (x - 9, y + 5, "end", x - 9 - width),
        (x, y - 10, "middle", x - width / 2),
        (x, y + 20, "middle", x - width / 2),
    )
    boxes = [
        (box_left, label_y - height + 3, box_left + width, label_y + 3)
        for _, label_y, _, box_left in options
    ]
    free = [i for i, box in enumerate(boxes) if not any(_overlaps(box, o) for o in placed)]
    chosen = free[0] if free else 0
    placed.append(boxes[chosen])
    label_x, label_y, anchor, _ = options[chosen]
    return label_x, label_y, anchor


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def _attributes(**attributes: str | float) -> str:
    parts = []
    for name, value in attributes.items():
        shown = f"{value:.1f}" if isinstance(value, float) else str(value)
        parts.append(f'{name.replace("_", "-")}="{escape(shown)}"')
    return " ".join(parts)
