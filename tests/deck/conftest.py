"""A project with everything a deck shows: Kano answers with CSAT in two waves, a measure that
went live between them, and approved shops at an own and a competitor location.

Answers are stored rows (tests/export/conftest.py's ``respond``), so the deck and the workbook
are built from exactly the same data and can be compared figure by figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from io import BytesIO

import pytest
from pptx import Presentation

from tests.export.conftest import CUSTOMER_PAIRS, respond

# feature -> pairs in the follow-up: f1 moves from must-be to one-dimensional
FOLLOW_UP_PAIRS = {
    "f1": [(1, 5)] * 5 + [(2, 5)],
    "f2": [(1, 3)] * 3 + [(3, 3)] * 3,
    "f3": [(1, 5)] * 6,
}
CSAT = {"baseline": [2, 3, 3, 2, 3, 2], "follow_up": [5, 4, 5, 5, 4, 5]}


@dataclass
class DeckProject:
    project: object
    client: object
    hotline: object
    counter: object
    baseline: object
    follow_up: object


@pytest.fixture
def deck_project(app, make) -> DeckProject:
    client = make.client("Stadtwerke Deck")
    project = make.project(client, "Contact 2026")
    hotline = make.touchpoint(project, name="Hotline", weight=2.0)
    kano = make.kano_instrument(hotline, features=3, optional=("csat",))
    baseline = make.wave(project, 0, label="Baseline", opens_at=datetime(2026, 3, 1, tzinfo=UTC))
    follow_up = make.wave(project, 1, label="Follow-up", opens_at=datetime(2026, 9, 1, tzinfo=UTC))
    for wave, pairs, csat in (
        (baseline, CUSTOMER_PAIRS, CSAT["baseline"]),
        (follow_up, FOLLOW_UP_PAIRS, CSAT["follow_up"]),
    ):
        for index, score in enumerate(csat):
            answers = {key: values[index] for key, values in pairs.items()}
            respond(app, kano, wave, "customer", answers, numbers={"csat": score})
    make.measure(hotline, title="Call-back booking", go_live=date(2026, 6, 1))
    counter = make.touchpoint(project, name="Counter", channel="store")
    checklist = make.checklist_instrument(counter)
    own = make.location(project, name="Centre")
    rival = make.location(project, name="Rival shop", is_competitor=True)
    for wave in (baseline, follow_up):
        make.approved_shop(checklist, location=own, wave=wave)
        make.approved_shop(checklist, {"greet": 0, "offer": "none"}, location=rival, wave=wave)
    return DeckProject(project, client, hotline, counter, baseline, follow_up)


def open_deck(data: bytes | str):
    return Presentation(BytesIO(data) if isinstance(data, bytes) else data)


def slide_titled(deck, start: str):
    """The first slide whose title text starts with ``start``."""
    for slide in deck.slides:
        if texts(slide) and texts(slide)[0].startswith(start):
            return slide
    raise AssertionError(f"no slide titled {start!r}: {[texts(s)[:1] for s in deck.slides]}")


def texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def charts(slide) -> list:
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def table_rows(slide) -> list[list[str]]:
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    return [[cell.text for cell in row.cells] for row in table.rows]


def series_values(chart) -> dict[str, tuple]:
    return {series.name: series.values for series in chart.plots[0].series}


def scatter_points(chart) -> dict[str, tuple[float, float]]:
    """Series name -> (x, y) of an XY chart's single point, read from the chart XML."""
    found = {}
    for series in chart.plots[0].series:
        x = float(series._element.xpath("./c:xVal//c:v")[0].text)
        y = float(series._element.xpath("./c:yVal//c:v")[0].text)
        found[series.name] = (x, y)
    return found
