"""Every figure on a slide is the workbook's figure for the same scope.

Both files are built from the same factory data and read back: the deck with python-pptx
(charts must be chart objects, their series values the workbook's cells), the workbook with
openpyxl.
"""

from __future__ import annotations

import pytest

from surveyor.deck.text import MISSING
from surveyor.services.reports.decks import build_deck
from surveyor.services.reports.scope import ExportScope
from surveyor.services.reports.workbooks import build_workbook
from tests.deck.conftest import (
    charts,
    open_deck,
    scatter_points,
    series_values,
    slide_titled,
    table_rows,
    texts,
)
from tests.export.conftest import open_workbook, rows_of


@pytest.fixture
def both(app, tmp_path, deck_project):
    """The English deck and workbook of the whole project."""
    scope = ExportScope(deck_project.project.id, lang="en")
    with app.app_context():
        slides = build_deck(scope, tmp_path / "deck.pptx")
        build_workbook(scope, tmp_path / "book.xlsx")
    deck = open_deck(str(tmp_path / "deck.pptx"))
    assert len(deck.slides) == slides
    return deck, open_workbook(str(tmp_path / "book.xlsx"))


def test_kano_matrix_and_table_equal_the_kano_sheet(both):
    deck, book = both
    slide = slide_titled(deck, "Hotline: Kano results (Follow-up)")
    (matrix,) = charts(slide)
    kano = [
        row
        for row in rows_of(book["Kano"])
        if row["Wave"] == "Follow-up" and row["Group"] == "Customers"
    ]
    assert {row["Item id"] for row in kano} == {"f1", "f2", "f3"}
    points = scatter_points(matrix)
    for row in kano:
        assert points[row["Item id"]] == pytest.approx((row["Worse"], row["Better"]))
    header, *body = table_rows(slide)
    assert header == ["Key", "Feature", "n", "Category", "Better", "Worse"]
    by_key = {row["Item id"]: row for row in kano}
    for key, feature, n, category, better, worse in body:
        assert feature == by_key[key]["Feature"]
        assert int(n) == by_key[key]["n"]
        assert category == by_key[key]["Category"]
        assert better == f"{by_key[key]['Better']:.2f}"
        assert worse == f"{by_key[key]['Worse']:.2f}"


def test_checklist_bars_equal_the_mystery_shopping_sheet(both):
    deck, book = both
    slide = slide_titled(deck, "Counter: mystery shopping (Follow-up)")
    by_section, by_location = charts(slide)
    assert all(chart.chart_type is not None for chart in (by_section, by_location))
    rows = [row for row in rows_of(book["Mystery shopping"]) if row["Wave"] == "Follow-up"]

    def score(location: str, level: str, name=None) -> float:
        (row,) = [
            r
            for r in rows
            if r["Location"] == location and r["Level"] == level and r["Name"] == name
        ]
        return row["Score"]

    categories = list(by_section.plots[0].categories)
    assert categories == ["Checklist score", "Greeting", "Advice", "Farewell"]
    values = series_values(by_section)
    assert values["Own locations"] == pytest.approx(
        (score("Centre", "Overall"), *[score("Centre", "Section", s) for s in categories[1:]])
    )
    assert values["Competitors"] == pytest.approx(
        (
            score("Rival shop", "Overall"),
            *[score("Rival shop", "Section", s) for s in categories[1:]],
        )
    )
    assert list(by_location.plots[0].categories) == ["Centre", "Rival shop"]
    locations = series_values(by_location)
    assert locations["Own locations"] == pytest.approx((score("Centre", "Overall"), None))
    assert locations["Competitors"][1] == pytest.approx(score("Rival shop", "Overall"))


def test_trend_lines_and_csat_equal_the_trends_sheet(both):
    deck, book = both
    trend_rows = rows_of(book["Trends"])

    def column(touchpoint: str, indicator: str, name: str) -> list:
        found = [
            r for r in trend_rows if r["Touchpoint"] == touchpoint and r["Indicator"] == indicator
        ]
        return [r[name] for r in sorted(found, key=lambda r: r["Wave no."])]

    hotline = slide_titled(deck, "Hotline: trend over the waves")
    (better,) = charts(hotline)
    assert list(better.plots[0].categories) == ["Baseline", "Follow-up"]
    for name, values in series_values(better).items():
        assert values == pytest.approx(column("Hotline", name, "Better"))
    counter = slide_titled(deck, "Counter: trend over the waves")
    (score,) = charts(counter)
    assert series_values(score)["Checklist score"] == pytest.approx(
        column("Counter", "Overall score", "Mystery shopping score")
    )
    csat = table_rows(slide_titled(deck, "Hotline: CSAT, NPS, CES and contacts"))
    values = column("Hotline", "CSAT (1-5)", "Value")
    assert csat[1][0] == "CSAT (1-5)"
    assert csat[1][1:] == [f"{value:.2f} (n = 6)" for value in values]


def test_trend_slide_says_what_changed_in_plain_sentences(both):
    deck, _book = both
    words = " ".join(texts(slide_titled(deck, "Hotline: trend over the waves")))
    assert "Measure “Call-back booking” went live on Jun 1, 2026, between Baseline and" in words
    assert "CSAT (1-5) changed significantly from 2.50 in Baseline to 4.67 in Follow-up" in words
    assert "(p < 0.001)" in words and "p = 0.000" not in words


def test_deck_has_title_agenda_journey_and_appendix(both):
    deck, book = both
    assert texts(deck.slides[0])[0] == "Contact 2026"
    assert "Stadtwerke Deck" in texts(deck.slides[0])[1]
    slide_titled(deck, "Agenda")
    journey = table_rows(slide_titled(deck, "Journey and touchpoints"))
    assert journey[1:] == [
        [MISSING, "Hotline", "phone", "2.0"],
        [MISSING, "Counter", "store", "1.0"],
    ]
    slide_titled(deck, "Appendix: methods and tests")
    samples = table_rows(slide_titled(deck, "Appendix: sample sizes"))
    assert ["Hotline", "Baseline", "6", "0", "0"] in samples
    assert ["Counter", "Follow-up", "0", "0", "2"] in samples
    overview = rows_of(book["Overview"], header_row=6)
    customers = {
        (row["Touchpoint"], row["Wave"]): row["Responses"]
        for row in overview
        if row["Group"] == "Customers"
    }
    assert {(row[0], row[1]): int(row[2]) for row in samples[1:] if row[2] != "0"} == customers
    assert deck.slide_width * 9 == deck.slide_height * 16
