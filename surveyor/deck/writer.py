"""Writing a whole deck: the slides in presenting order, into a file that appears complete.

Order: title, agenda, journey; per touchpoint its Kano, mystery-shopping, standard-question and
trend slides (each only where there is data); one slide naming the touchpoints without data;
the appendix. The file is written under a temporary name and renamed, as the workbook is, so a
download never sees half a deck.
"""

from __future__ import annotations

import os
from pathlib import Path

from surveyor.deck import frame_slides, touchpoint_slides
from surveyor.deck.canvas import Canvas
from surveyor.deck.content import DeckContent


def write_deck(content: DeckContent, path: str | Path, template: str | Path | None = None) -> int:
    """Write ``content`` to ``path`` (on ``template`` if given); returns the number of slides.

    Raises :class:`~surveyor.deck.canvas.DeckTemplateError` before writing anything when the
    template cannot be used.
    """
    canvas = Canvas(template)
    frame_slides.title(canvas, content)
    frame_slides.agenda(canvas, content)
    frame_slides.journey(canvas, content)
    for touchpoint in content.touchpoints:
        for block in touchpoint.kano:
            touchpoint_slides.kano(canvas, touchpoint.name, block)
        if touchpoint.checklist:
            touchpoint_slides.checklist(canvas, touchpoint.name, touchpoint.checklist)
        if touchpoint.scales:
            touchpoint_slides.scales(canvas, touchpoint.name, touchpoint.scales)
        if touchpoint.trend:
            touchpoint_slides.trend(canvas, touchpoint.name, touchpoint.trend)
    without = [touchpoint.name for touchpoint in content.touchpoints if not touchpoint.has_data]
    if without or not content.has_data:
        frame_slides.no_data(canvas, without)
    frame_slides.methods(canvas, content)
    frame_slides.samples(canvas, content)
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    canvas.save(partial)
    os.replace(partial, target)
    return len(canvas.presentation.slides)
