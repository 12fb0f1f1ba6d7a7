"""The slides around the results: title, agenda, journey, the no-data slide and the appendix."""

from __future__ import annotations

from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from pptx.util import Pt

from surveyor.deck.canvas import Canvas
from surveyor.deck.content import DeckContent
from surveyor.deck.tables import Notes, bullets, table
from surveyor.deck.text import MISSING, decimal


def title(canvas: Canvas, content: DeckContent) -> None:
    waves = ", ".join(content.waves) or _("no waves yet")
    subtitle = _(
        "%(client)s · waves: %(waves)s · %(date)s",
        client=content.client,
        waves=waves,
        date=format_date(date.today(), "long"),
    )
    canvas.title_slide(content.project, subtitle)


def agenda(canvas: Canvas, content: DeckContent) -> None:
    slide, box = canvas.slide(_("Agenda"))
    measured = sum(1 for touchpoint in content.touchpoints if touchpoint.has_data)
    items = [
        _("Journey and touchpoints"),
        _("Results per touchpoint (%(num)s measured)", num=measured),
        _("Trends over the waves, measures and significant changes"),
        _("Appendix: methods, sample sizes and tests"),
    ]
    notes = Notes()
    bullets(slide, box, items, notes, size=Pt(22))
    notes.write(slide)


def journey(canvas: Canvas, content: DeckContent) -> None:
    slide, box = canvas.slide(_("Journey and touchpoints"))
    notes = Notes()
    rows = [
        [row.phase or MISSING, row.touchpoint, row.channel, decimal(row.weight, "0.0#")]
        for row in content.journey
    ]
    header = [_("Phase"), _("Touchpoint"), _("Channel"), _("Weight")]
    table(slide, box, header, rows, (0.25, 0.45, 0.15, 0.15), (30, 60, 16, 8), notes)
    notes.write(slide)


def no_data(canvas: Canvas, names: list[str]) -> None:
    """One slide for every touchpoint without results, so the deck says so instead of breaking."""
    slide, box = canvas.slide(_("No responses yet in this scope"))
    notes = Notes()
    lines = [
        _(
            "These touchpoints have no responses and no approved shops in the chosen waves: "
            "%(names)s.",
            names=", ".join(names),
        )
    ]
    if not names:
        lines = [_("The chosen waves and touchpoints have no responses and no approved shops.")]
    bullets(slide, box, lines, notes, limit=600)
    notes.write(slide)


def methods(canvas: Canvas, content: DeckContent) -> None:
    slide, box = canvas.slide(_("Appendix: methods and tests"))
    notes = Notes()
    bullets(slide, box, [*content.methods, *content.tests], notes, size=Pt(14), limit=260)
    notes.write(slide)


def samples(canvas: Canvas, content: DeckContent) -> None:
    slide, box = canvas.slide(_("Appendix: sample sizes"))
    notes = Notes()
    rows = [
        [row.touchpoint, row.wave, str(row.customers), str(row.employees), str(row.shops)]
        for row in content.samples
    ]
    if not rows:
        rows = [[_("No responses yet in this scope"), "", "", "", ""]]
    header = [_("Touchpoint"), _("Wave"), _("Customers"), _("Employees"), _("Shops")]
    table(slide, box, header, rows, (0.4, 0.24, 0.12, 0.12, 0.12), (50, 30, 9, 9, 9), notes)
    notes.write(slide)
