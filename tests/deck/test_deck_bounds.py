"""Decks stay whole and bounded: no data gives a slide that says so, long texts and many rows
move to the slide notes instead of running off the slide."""

from __future__ import annotations

from surveyor.services.reports.decks import build_deck
from surveyor.services.reports.scope import ExportScope
from tests.deck.conftest import open_deck, slide_titled, table_rows, texts
from tests.export.conftest import respond

LONG = "The agent explains every item of the bill, " * 6
LONG_NAME = "Hotline for every question about bills, meters, tariffs and moving house"


def test_a_scope_without_responses_gives_a_slide_that_says_so(app, make, tmp_path):
    project = make.project(make.client("Empty utility"), "Nothing yet")
    make.kano_instrument(make.touchpoint(project, name="Hotline"))
    make.wave(project, 0, label="Baseline")
    with app.app_context():
        build_deck(ExportScope(project.id), tmp_path / "deck.pptx")
    deck = open_deck(str(tmp_path / "deck.pptx"))
    slide = slide_titled(deck, "No responses yet in this scope")
    assert "Hotline" in " ".join(texts(slide))
    samples = table_rows(slide_titled(deck, "Appendix: sample sizes"))
    assert samples[1][0] == "No responses yet in this scope"


def test_a_project_without_touchpoints_or_waves_still_gives_a_deck(app, make, tmp_path):
    project = make.project(make.client("New client"), "Just started")
    with app.app_context():
        build_deck(ExportScope(project.id, lang="de"), tmp_path / "deck.pptx")
    deck = open_deck(str(tmp_path / "deck.pptx"))
    slide_titled(deck, "Noch keine Antworten in dieser Auswahl")


def test_many_features_and_long_names_go_to_the_notes(app, make, tmp_path):
    project = make.project(make.client("Big utility"), "Many features")
    touchpoint = make.touchpoint(project, name=LONG_NAME)
    instrument = make.kano_instrument(touchpoint, features=25)
    with app.app_context():
        from surveyor.extensions import db
        from surveyor.models import Instrument
        from surveyor.services.instruments import instruments

        version = instruments.published_version(db.session.get(Instrument, instrument.id))
        next(item for item in version.items if item.key == "f1").text_en = LONG
        db.session.commit()
    wave = make.wave(project, 0, label="Baseline")
    respond(app, instrument, wave, "customer", {f"f{n}": (1, 5) for n in range(1, 26)})
    with app.app_context():
        build_deck(ExportScope(project.id), tmp_path / "deck.pptx")
    slide = slide_titled(open_deck(str(tmp_path / "deck.pptx")), "Hotline for every question")
    assert texts(slide)[0].endswith("…") and len(texts(slide)[0]) <= 70
    rows = table_rows(slide)
    assert len(rows) < 20
    assert rows[1][1].endswith("…") and len(rows[1][1]) <= 60
    assert "more rows in the notes and the workbook" in rows[-1][0]
    notes = slide.notes_slide.notes_text_frame.text
    assert notes.startswith(f"{LONG_NAME}: Kano results (Baseline)\n")
    assert LONG.strip() in notes
    assert "f25 | Feature 25 is there." in notes


def test_wrapped_rows_on_a_narrow_template_stay_on_the_slide(app, make, tmp_path):
    from pptx import Presentation

    Presentation().save(str(tmp_path / "narrow.pptx"))  # 4:3, a narrow table beside the chart
    project = make.project(make.client("Wordy utility"), "Long questions")
    instrument = make.kano_instrument(make.touchpoint(project, name="Hotline"), features=12)
    with app.app_context():
        from surveyor.extensions import db
        from surveyor.models import Instrument
        from surveyor.services.instruments import instruments

        version = instruments.published_version(db.session.get(Instrument, instrument.id))
        for item in version.items:
            item.text_en = f"{item.key}: the agent explains every item of the bill clearly"
        db.session.commit()
    wave = make.wave(project, 0, label="Baseline")
    respond(app, instrument, wave, "customer", {f"f{n}": (1, 5) for n in range(1, 13)})
    with app.app_context():
        build_deck(ExportScope(project.id), tmp_path / "deck.pptx", tmp_path / "narrow.pptx")
    deck = open_deck(str(tmp_path / "deck.pptx"))
    slide = slide_titled(deck, "Hotline: Kano results")
    frame = next(shape for shape in slide.shapes if shape.has_table)
    heights = [row.height for row in frame.table.rows]
    assert heights[1] > 2 * heights[-1]  # a wrapped feature row is taller than the remark
    assert frame.top + sum(heights) <= deck.slide_height
    assert "more rows in the notes and the workbook" in table_rows(slide)[-1][0]


def test_a_german_deck_names_touchpoints_in_german_where_written(app, make, tmp_path):
    project = make.project(make.client("Stadtwerke"), "Kontakt")
    make.kano_instrument(make.touchpoint(project, name="Hotline", name_de="Servicetelefon"))
    make.wave(project, 0, label="Nullmessung")
    with app.app_context():
        build_deck(ExportScope(project.id, lang="de"), tmp_path / "deck.pptx")
    deck = open_deck(str(tmp_path / "deck.pptx"))
    words = " ".join(texts(slide_titled(deck, "Noch keine Antworten in dieser Auswahl")))
    assert "Servicetelefon" in words
    assert "Hotline" not in words
