"""The result slides of one touchpoint: at most one each for Kano, mystery shopping, the standard
questions and the trend, with details left to the workbook and the notes."""

from __future__ import annotations

from flask_babel import gettext as _
from pptx.util import Pt

from surveyor.deck import charts
from surveyor.deck.canvas import Canvas
from surveyor.deck.content import ChecklistBlock, KanoBlock, ScaleBlock, TrendBlock
from surveyor.deck.tables import Notes, bullets, table
from surveyor.deck.text import MISSING, decimal, percent

MAX_BARS = 12
MAX_LINES = 8
MAX_WAVE_COLUMNS = 5
KANO_WIDTHS = (0.12, 0.33, 0.08, 0.23, 0.12, 0.12)
KANO_LIMITS = (14, 60, 6, 32, 6, 6)


def kano(canvas: Canvas, touchpoint: str, block: KanoBlock) -> None:
    slide, box = canvas.slide(
        _("%(touchpoint)s: Kano results (%(wave)s)", touchpoint=touchpoint, wave=block.wave)
    )
    notes = Notes()
    left, right = box.split(0.45)
    points = [(row.key, row.worse, row.better) for row in block.rows if row.better is not None]
    charts.better_worse(
        slide,
        left,
        _("Better/worse matrix: %(name)s, customers", name=block.instrument),
        points,
        _("Worse"),
        _("Better"),
    )
    rows = [
        [row.key, row.text, str(row.n), row.category_label, decimal(row.better), decimal(row.worse)]
        for row in block.rows
    ]
    header = [_("Key"), _("Feature"), _("n"), _("Category"), _("Better"), _("Worse")]
    table(slide, right, header, rows, KANO_WIDTHS, KANO_LIMITS, notes)
    notes.write(slide)


def checklist(canvas: Canvas, touchpoint: str, block: ChecklistBlock) -> None:
    slide, box = canvas.slide(
        _("%(touchpoint)s: mystery shopping (%(wave)s)", touchpoint=touchpoint, wave=block.wave)
    )
    notes = Notes()
    left, right = box.split(0.5)
    own, rival = _("Own locations"), _("Competitors")
    sections = [block.overall, *block.sections]
    _bar_chart(slide, left, _("Score by section"), sections, (own, rival), notes, False)
    _bar_chart(slide, right, _("Score by location"), block.locations, (own, rival), notes, True)
    notes.write(slide)


def _bar_chart(slide, box, title, bars, names, notes: Notes, overlap: bool) -> None:
    shown = bars[:MAX_BARS]
    for bar in bars[MAX_BARS:]:
        notes.add(f"{bar.label}: {percent(bar.own)} / {percent(bar.competitor)}")
    series = [(names[0], [bar.own for bar in shown])]
    if any(bar.competitor is not None for bar in shown):
        series.append((names[1], [bar.competitor for bar in shown]))
    charts.bars(slide, box, title, [bar.label for bar in shown], series, overlap)


def scales(canvas: Canvas, touchpoint: str, block: ScaleBlock) -> None:
    slide, box = canvas.slide(
        _("%(touchpoint)s: CSAT, NPS, CES and contacts", touchpoint=touchpoint)
    )
    notes = Notes()
    first = max(0, len(block.waves) - MAX_WAVE_COLUMNS)
    if first:
        notes.add(_("Earlier waves are in the workbook's Trends sheet."))
    waves = block.waves[first:]
    rows = [
        [name, *[_value(value, n) for value, n in zip(values[first:], sizes[first:], strict=True)]]
        for name, values, sizes in block.rows
    ]
    share = 0.6 / len(waves)
    widths = (0.4, *[share] * len(waves))
    table(slide, box, [_("Indicator"), *waves], rows, widths, (40, *[24] * len(waves)), notes)
    notes.write(slide)


def _value(value: float | None, n: int) -> str:
    if value is None:
        return MISSING
    return _("%(value)s (n = %(n)s)", value=decimal(value, "#,##0.00"), n=n)


def trend(canvas: Canvas, touchpoint: str, block: TrendBlock) -> None:
    slide, box = canvas.slide(_("%(touchpoint)s: trend over the waves", touchpoint=touchpoint))
    notes = Notes()
    parts = [
        (_("Better (customers) per feature"), block.kano_lines, "0.00"),
        (_("Mystery-shopping score"), block.score_lines, "0%"),
    ]
    parts = [part for part in parts if part[1]]
    upper, lower = box.rows(0.62) if parts and block.sentences else (box, box)
    areas = [upper] if len(parts) == 1 else list(upper.split(0.5))
    for (title, found, number_format), area in zip(parts, areas, strict=False):
        for line in found[MAX_LINES:]:
            notes.add(f"{line.name}: " + ", ".join(decimal(v) for v in line.values))
        series = [(line.name, line.values) for line in found[:MAX_LINES]]
        charts.lines(slide, area, title, block.waves, series, number_format)
    if block.sentences:
        bullets(slide, lower, block.sentences, notes, size=Pt(13), limit=220)
    notes.write(slide)
