"""Tables and text boxes that stay inside their area, with the rest moved to the notes.

A slide holds as many rows as fit at a readable size; rows beyond that and texts cut short are
written to the slide's notes (:class:`Notes`) and the last row says how many more the notes and
the workbook hold, so large projects stay one slide per topic without hiding anything.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import ngettext
from pptx.util import Inches, Pt

from surveyor.deck.canvas import Box
from surveyor.deck.text import shorten

ROW_HEIGHT = Inches(0.34)
FONT = Pt(11)
CELL_PADDING = Inches(0.12)


class Notes:
    """The speaker notes of one slide: everything that did not fit on it, in full."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, line: str) -> None:
        self.lines.append(line)

    def write(self, slide) -> None:
        """Append to the notes (the canvas may have put a shortened title's full text there)."""
        if self.lines:
            frame = slide.notes_slide.notes_text_frame
            frame.text = "\n".join(filter(None, [frame.text, *self.lines]))


def table(
    slide,
    box: Box,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    limits: Sequence[int],
    notes: Notes,
):
    """A table of text cells; ``widths`` are shares of the box, ``limits`` characters per cell.

    Rows are added while their estimated height (wrapped lines in the narrowest column) fits
    the box, keeping one line for the "more rows" remark, so a narrow 4:3 template gets fewer
    rows instead of a table running off the slide.
    """
    columns = [int(box.width * share) for share in widths]
    cut = [[shorten(value, limits[column]) for column, value in enumerate(row)] for row in rows]
    used = _height(header, columns)
    heights = []
    for index, texts in enumerate(cut):
        height = _height(texts, columns)
        reserve = ROW_HEIGHT if index + 1 < len(cut) else 0
        if used + height + reserve > box.height and index > 0:
            break
        heights.append(height)
        used += height
    shown, hidden = cut[: len(heights)], len(rows) - len(heights)
    count = len(shown) + 1 + (1 if hidden else 0)
    frame = slide.shapes.add_table(count, len(header), box.left, box.top, box.width, used)
    grid = frame.table
    for index, width in enumerate(columns):
        grid.columns[index].width = width
    for number, height in enumerate([_height(header, columns), *heights]):
        grid.rows[number].height = height
    for column, name in enumerate(header):
        _cell(grid.cell(0, column), name, bold=True)
    for number, (row, texts) in enumerate(zip(rows, shown, strict=False), start=1):
        for column, (value, text) in enumerate(zip(row, texts, strict=True)):
            if text != value:
                notes.add(f"{header[column]}: {value}")
            _cell(grid.cell(number, column), text)
    if hidden:
        more = ngettext(
            "… %(num)s more row in the notes and the workbook",
            "… %(num)s more rows in the notes and the workbook",
            hidden,
        )
        grid.rows[count - 1].height = ROW_HEIGHT
        grid.cell(count - 1, 0).merge(grid.cell(count - 1, len(header) - 1))
        _cell(grid.cell(count - 1, 0), more)
        for row in rows[len(shown) :]:
            notes.add(" | ".join(row))
    return frame


def _height(texts: Sequence[str], columns: Sequence[int]) -> int:
    """Estimated row height: the most wrapped cell's lines at FONT (a character ~0.55 em)."""
    lines = 1
    for text, width in zip(texts, columns, strict=True):
        per_line = max(1, int((width - CELL_PADDING) / (FONT * 0.55)))
        for word in text.split() or [""]:
            if len(word) > per_line:  # a long word wraps by itself
                lines = max(lines, -(-len(word) // per_line))
        wrapped = len(text) if len(text) <= per_line else len(text) * 1.15  # ragged line ends
        lines = max(lines, -(-int(wrapped) // per_line))
    return int(lines * FONT * 1.25 + Inches(0.1))


def bullets(slide, box: Box, lines: Sequence[str], notes: Notes, size=None, limit: int = 200):
    """A text box of paragraphs; each is cut at ``limit`` characters (full text in the notes),
    and paragraphs beyond what fits at ``size`` go to the notes."""
    size = size or Pt(16)
    per_line = max(1, int(box.width / (size * 0.55)))
    fit = max(1, int(box.height / (size * 1.5)))
    shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
    frame = shape.text_frame
    frame.word_wrap = True
    used = 0
    first = True
    for line in lines:
        text = shorten(line, limit)
        needed = -(-len(text) // per_line)
        if used + needed > fit:
            notes.add(line)
            continue
        if text != line:
            notes.add(line)
        paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        paragraph.text = f"• {text}"
        paragraph.font.size = size
        paragraph.space_after = Pt(6)
        used += needed
    return shape


def _cell(cell, text: str, bold: bool = False) -> None:
    cell.text = text
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    cell.margin_left = cell.margin_right = Inches(0.05)
    for paragraph in cell.text_frame.paragraphs:
        paragraph.font.size = FONT
        paragraph.font.bold = bold
