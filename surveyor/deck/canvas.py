"""The presentation a deck is written into: a consultancy's template or a clean default.

A template (.pptx) brings its own master: its title layout is used for the title slide and a
"title only" (or title and content) layout for every other slide, so the consultancy's fonts,
colours and logo stay. Its layouts are found by their placeholders, not their names, which
differ by language. Without a template the deck is 16:9 on python-pptx's default master with a
drawn title bar. A template that lacks the layouts, or is not a PowerPoint file at all, raises
:class:`DeckTemplateError` before anything is written, never a broken file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask_babel import gettext as _
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.util import Emu, Inches, Pt

from surveyor.deck.text import shorten

TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
CONTENT = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
IGNORED = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
BAR = RGBColor(0x1F, 0x3A, 0x5F)
MARGIN = Inches(0.4)
TITLE_LIMIT = 70
WIDE = (Emu(12_192_000), Emu(6_858_000))
"""16:9, as PowerPoint's own "Widescreen" (13.333 x 7.5 in)."""


class DeckTemplateError(ValueError):
    """The template cannot carry a deck; the message says why, in the user's language."""


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    width: int
    height: int

    def split(self, share: float = 0.5, gap: int = Inches(0.3)) -> tuple[Box, Box]:
        """Left and right part, the left one ``share`` of the width."""
        first = int((self.width - gap) * share)
        return (
            Box(self.left, self.top, first, self.height),
            Box(self.left + first + gap, self.top, self.width - first - gap, self.height),
        )

    def rows(self, share: float, gap: int = Inches(0.15)) -> tuple[Box, Box]:
        """Upper and lower part, the upper one ``share`` of the height."""
        first = int((self.height - gap) * share)
        return (
            Box(self.left, self.top, self.width, first),
            Box(self.left, self.top + first + gap, self.width, self.height - first - gap),
        )


class Canvas:
    """Makes slides with a title and tells where their body goes."""

    def __init__(self, template: str | Path | None = None) -> None:
        if template is None:
            self.presentation = Presentation()
            self.presentation.slide_width, self.presentation.slide_height = WIDE
            self._title_layout = self._content_layout = self.presentation.slide_layouts[6]
            self._drawn = True
        else:
            self.presentation = _open(template)
            self._title_layout, self._content_layout = _layouts(self.presentation)
            self._drawn = False
            _remove_slides(self.presentation)

    @property
    def width(self) -> int:
        return self.presentation.slide_width

    @property
    def height(self) -> int:
        return self.presentation.slide_height

    def title_slide(self, title: str, subtitle: str):
        slide = self.presentation.slides.add_slide(self._title_layout)
        if self._drawn:
            band = Box(0, int(self.height * 0.3), self.width, Inches(1.6))
            self._bar(slide, band, title, Pt(40))
            body = slide.shapes.add_textbox(
                MARGIN, band.top + band.height + Inches(0.3), self.width - 2 * MARGIN, Inches(1.5)
            )
            body.text_frame.word_wrap = True
            body.text_frame.text = subtitle
            body.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
            return slide
        placeholders = {ph.placeholder_format.type: ph for ph in slide.placeholders}
        next(ph for kind, ph in placeholders.items() if kind in TITLES).text = title
        if PP_PLACEHOLDER.SUBTITLE in placeholders:
            placeholders[PP_PLACEHOLDER.SUBTITLE].text = subtitle
        return slide

    def slide(self, title: str) -> tuple[object, Box]:
        """A new slide titled ``title`` and the free area below its title.

        A title too long for one line is shortened; the notes start with the full title.
        """
        slide = self.presentation.slides.add_slide(self._content_layout)
        full, title = title, shorten(title, TITLE_LIMIT)
        if title != full:
            slide.notes_slide.notes_text_frame.text = full
        if self._drawn:
            bar = Box(0, 0, self.width, Inches(0.95))
            self._bar(slide, bar, title, Pt(26))
            top = bar.height + Inches(0.2)
        else:
            heading = None
            for placeholder in list(slide.placeholders):
                if placeholder.placeholder_format.type in TITLES:
                    heading = placeholder
                else:
                    placeholder._element.getparent().remove(placeholder._element)
            if heading is None:
                heading = slide.shapes.add_textbox(
                    MARGIN, MARGIN, self.width - 2 * MARGIN, Inches(0.9)
                )
            heading.text_frame.text = title
            top = heading.top + heading.height + Inches(0.15)
        return slide, Box(MARGIN, top, self.width - 2 * MARGIN, self.height - top - MARGIN)

    def _bar(self, slide, box: Box, title: str, size: Emu) -> None:
        shape = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, box.left, box.top, box.width, box.height
        )
        shape.fill.solid()
        shape.fill.fore_color.rgb = BAR
        shape.line.fill.background()
        frame = shape.text_frame
        frame.margin_left = MARGIN
        frame.word_wrap = True
        frame.text = title
        paragraph = frame.paragraphs[0]
        paragraph.runs[0].font.size = size
        paragraph.runs[0].font.bold = True
        paragraph.runs[0].font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)

    def save(self, path: str | Path) -> None:
        self.presentation.save(str(path))


def _open(template: str | Path):
    try:
        return Presentation(str(template))
    except FileNotFoundError as error:
        raise DeckTemplateError(
            _("The template %(name)s does not exist.", name=str(template))
        ) from error
    except Exception as error:
        raise DeckTemplateError(
            _(
                "The template %(name)s is not a PowerPoint presentation (.pptx); save it as "
                ".pptx and try again.",
                name=Path(template).name,
            )
        ) from error


def _layouts(presentation) -> tuple[object, object]:
    """The title layout and the layout for content slides, or DeckTemplateError."""
    title = content = None
    for layout in presentation.slide_layouts:
        kinds = {ph.placeholder_format.type for ph in layout.placeholders} - set(IGNORED)
        has_title = bool(kinds & set(TITLES))
        if title is None and has_title and PP_PLACEHOLDER.SUBTITLE in kinds:
            title = layout
        elif has_title and kinds <= set(TITLES) and kinds:
            content = layout  # "Title only": the best body area
        elif has_title and kinds & set(CONTENT) and content is None:
            content = layout
        elif not kinds and content is None:
            content = layout  # blank: a title box is drawn
    if title is None or content is None:
        raise DeckTemplateError(
            _(
                "The template has no layout for the title slide (a title and a subtitle) or "
                "none for content (a title, or a blank layout). Add them to its master and "
                "try again."
            )
        )
    return title, content


def _remove_slides(presentation) -> None:
    """A template may carry example slides; the deck starts empty."""
    slide_ids = presentation.slides._sldIdLst
    for slide_id in list(slide_ids):
        presentation.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
