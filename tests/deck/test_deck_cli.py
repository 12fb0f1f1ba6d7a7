"""``surveyor report`` writes the client deck, in either language, on a consultancy's template."""

from __future__ import annotations

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from tests.deck.conftest import charts, open_deck, slide_titled, table_rows, texts


def _report(runner, deck_project, out, *extra):
    args = ["report", "--project", deck_project.project.slug, "--out", str(out), *extra]
    return runner.invoke(args=args)


def test_report_command_writes_an_english_deck(runner, tmp_path, deck_project):
    out = tmp_path / "deck.pptx"
    result = _report(runner, deck_project, out, "--wave", "0", "--wave", "1")
    assert result.exit_code == 0, result.output
    deck = open_deck(str(out))
    assert f"Wrote {out} with {len(deck.slides)} slides." in result.output
    kano = slide_titled(deck, "Hotline: Kano results (Follow-up)")
    assert all(chart.chart_type is not None for chart in charts(kano))


def test_german_deck_has_german_words_and_german_numbers(runner, tmp_path, deck_project):
    out = tmp_path / "deck-de.pptx"
    result = _report(runner, deck_project, out, "--lang", "de")
    assert result.exit_code == 0, result.output
    deck = open_deck(str(out))
    slide_titled(deck, "Agenda")
    journey = table_rows(slide_titled(deck, "Journey und Touchpoints"))
    assert journey[0] == ["Phase", "Touchpoint", "Kanal", "Gewichtung"]
    assert journey[1][1:] == ["Hotline", "phone", "2,0"]
    kano = slide_titled(deck, "Hotline: Kano-Ergebnisse (Follow-up)")
    header, *rows = table_rows(kano)
    assert header == ["Schlüssel", "Merkmal", "n", "Kategorie", "Better", "Worse"]
    assert rows[0][1] == "Merkmal 1 ist da."
    assert all("," in row[4] and "." not in row[4] for row in rows)
    (matrix,) = charts(kano)
    assert all(isinstance(series.values[0], float) for series in matrix.plots[0].series)
    words = " ".join(texts(slide_titled(deck, "Hotline: Verlauf über die Wellen")))
    assert "von 2,50 in Baseline auf 4,67 in Follow-up" in words
    assert "01.06.2026" in words


def test_report_command_explains_unknown_choices(runner, tmp_path, deck_project):
    out = tmp_path / "x.pptx"
    result = runner.invoke(args=["report", "--project", "nope", "--out", str(out)])
    assert result.exit_code == 2 and "no project with slug nope" in result.output
    result = _report(runner, deck_project, out, "--wave", "9")
    assert result.exit_code == 2 and "has no wave 9" in result.output
    assert not out.exists()


def test_a_consultancy_template_gives_the_deck_its_layouts(runner, tmp_path, deck_project):
    template = tmp_path / "house.pptx"
    house = Presentation()  # the 4:3 Office master with its usual layouts
    house.slides.add_slide(house.slide_layouts[0])  # an example slide, not part of the deck
    house.save(str(template))
    out = tmp_path / "deck.pptx"
    result = _report(runner, deck_project, out, "--template", str(template))
    assert result.exit_code == 0, result.output
    deck = open_deck(str(out))
    assert deck.slide_width == house.slide_width
    first = deck.slides[0]
    assert first.slide_layout.name == "Title Slide"
    assert first.shapes.title.text == "Contact 2026"
    kano = slide_titled(deck, "Hotline: Kano results")
    assert kano.slide_layout.name == "Title Only"
    assert kano.shapes.title.text.startswith("Hotline")
    assert len(charts(kano)) == 1


def test_a_template_without_the_layouts_is_refused_with_a_message(runner, tmp_path, deck_project):
    template = tmp_path / "bare.pptx"
    bare = Presentation()
    for layout in list(bare.slide_layouts):
        kinds = {ph.placeholder_format.type for ph in layout.placeholders}
        if PP_PLACEHOLDER.SUBTITLE in kinds:
            bare.slide_layouts.remove(layout)
    bare.save(str(template))
    out = tmp_path / "deck.pptx"
    result = _report(runner, deck_project, out, "--template", str(template))
    assert result.exit_code == 2
    assert "no layout for the title slide" in result.output
    assert not out.exists()


def test_a_template_that_is_not_a_presentation_is_refused(runner, tmp_path, deck_project):
    template = tmp_path / "house.pptx"
    template.write_bytes(b"not a presentation")
    out = tmp_path / "deck.pptx"
    result = _report(runner, deck_project, out, "--template", str(template))
    assert result.exit_code == 2
    assert "is not a PowerPoint presentation (.pptx)" in result.output
    assert not out.exists()
