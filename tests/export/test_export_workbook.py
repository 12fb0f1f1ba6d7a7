"""The workbook a consultant hands over: sheets, headers, figures, charts, row counts."""

from __future__ import annotations

import zipfile

import pytest
from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Response
from surveyor.scoring.kano import analyze, counts_from_pairs
from surveyor.services.reports.scope import ExportScope
from surveyor.services.reports.workbooks import build_workbook
from tests.export.conftest import CUSTOMER_PAIRS, open_workbook, respond, rows_of

SHEETS_EN = [
    "Overview",
    "Kano",
    "Mystery shopping",
    "Trends",
    "Gaps",
    "Measures",
    "Pilots",
    "Scorecard",
    "Closing the loop",
    "Workshops",
    "Responses",
    "Codebook",
]


def export(app, tmp_path, scope: ExportScope):
    path = tmp_path / "out.xlsx"
    with app.app_context():
        rows = build_workbook(scope, path)
    return open_workbook(str(path)), rows, path


def test_workbook_has_every_sheet_with_frozen_filtered_headers(app, tmp_path, export_project):
    workbook, _, _ = export(app, tmp_path, ExportScope(export_project.project.id))
    assert workbook.sheetnames == SHEETS_EN
    kano = workbook["Kano"]
    assert kano.freeze_panes == "A2"
    assert kano.auto_filter.ref.startswith("A1:")
    header = [cell.value for cell in kano[1]]
    assert header[:7] == ["Touchpoint", "Instrument", "Wave", "Group", "Item id", "Feature", "n"]
    assert "Better" in header and "Worse" in header
    assert workbook["Overview"].freeze_panes == "A7"
    assert kano["U2"].number_format == "0.00"
    assert kano["N2"].number_format == "0.0%"


def test_kano_figures_equal_the_scoring_module(app, tmp_path, export_project):
    workbook, _, _ = export(app, tmp_path, ExportScope(export_project.project.id))
    rows = [
        row
        for row in rows_of(workbook["Kano"])
        if row["Wave"] == "Baseline" and row["Group"] == "Customers"
    ]
    assert [row["Item id"] for row in rows] == ["f1", "f2", "f3"]
    for row in rows:
        pairs = CUSTOMER_PAIRS[row["Item id"]]
        expected = analyze(counts_from_pairs((f, d, 1) for f, d in pairs))
        assert row["n"] == expected.n
        assert [row[c] for c in "AOMIRQ"] == [expected.counts[c] for c in "AOMIRQ"]
        assert row["Better"] == pytest.approx(expected.better)
        assert row["Worse"] == pytest.approx(expected.worse)
        assert row["% M"] == pytest.approx(expected.shares["M"])
    assert rows[0]["Category"] == "Must-be (basic)"
    assert rows[2]["Fong significant"] in ("yes", "no")


def test_charts_are_native_excel_charts(app, tmp_path, export_project):
    workbook, _, path = export(app, tmp_path, ExportScope(export_project.project.id))
    assert len(workbook["Kano"]._charts) == 1
    assert len(workbook["Trends"]._charts) >= 1
    with zipfile.ZipFile(path) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        xml = "".join(archive.read(name).decode() for name in charts)
    assert "<scatterChart>" in xml
    assert "<lineChart>" in xml


def test_responses_sheet_has_one_row_per_response_and_a_codebook(app, tmp_path, export_project):
    workbook, rows, _ = export(app, tmp_path, ExportScope(export_project.project.id))
    with app.app_context():
        stored = db.session.scalar(select(func.count()).select_from(Response))
    responses = rows_of(workbook["Responses"])
    assert rows == len(responses) == stored
    first = responses[0]
    assert first["Wave"] == "Baseline" and first["Group"] == "Customers"
    f1 = "Hotline expectations: f1"
    assert (first[f"{f1} (functional)"], first[f"{f1} (dysfunctional)"]) == CUSTOMER_PAIRS["f1"][0]
    assert first[f"{f1} (importance)"] == 5
    codebook = {row["Column"]: row for row in rows_of(workbook["Codebook"])}
    assert codebook[f"{f1} (functional)"]["Text"] == "Feature 1 is there."
    assert codebook[f"{f1} (dysfunctional)"]["Dysfunctional question"] == "Feature 1 is missing."
    assert codebook[f"{f1} (functional)"]["Answer codes"].startswith("1 I like it")


def test_waves_and_touchpoints_narrow_the_workbook(app, tmp_path, export_project):
    scope = ExportScope(export_project.project.id, (1,), (export_project.touchpoint.id,), "en")
    workbook, rows, _ = export(app, tmp_path, scope)
    assert rows == len(CUSTOMER_PAIRS["f1"])
    assert {row["Wave"] for row in rows_of(workbook["Responses"])} == {"Follow-up"}
    overview = [row for row in rows_of(workbook["Overview"], 6) if row["Wave"]]
    assert {(row["Touchpoint"], row["Wave"]) for row in overview} == {("Hotline", "Follow-up")}


def test_german_workbook(app, tmp_path, export_project):
    workbook, _, _ = export(app, tmp_path, ExportScope(export_project.project.id, lang="de"))
    assert workbook.sheetnames[0] == "Übersicht"
    assert "Antworten" in workbook.sheetnames
    assert workbook["Kano"]["D1"].value == "Gruppe"
    assert workbook["Kano"]["D2"].value == "Kunden"


def test_mystery_shopping_scores_and_measures(app, make, tmp_path, export_project):
    make.approved_shop(export_project.checklist, wave=export_project.baseline)
    workbook, _, _ = export(app, tmp_path, ExportScope(export_project.project.id))
    shops = rows_of(workbook["Mystery shopping"])
    overall = [row for row in shops if row["Level"] == "Overall"]
    assert len(overall) == 1
    assert overall[0]["Touchpoint"] == "Counter" and overall[0]["Shops"] == 1
    assert 0 < overall[0]["Score"] <= 1
    assert {row["Level"] for row in shops} == {"Overall", "Section", "Kano tag"}
    measures = rows_of(workbook["Measures"])
    assert measures[0]["Measure"] == "Call-back booking"
    assert measures[0]["Cluster"] == "IT support (automation, chatbot)"


def test_overview_shows_the_touchpoint_index_of_the_trend_page(app, make, tmp_path, export_project):
    make.approved_shop(export_project.checklist, wave=export_project.baseline)
    workbook, _, _ = export(app, tmp_path, ExportScope(export_project.project.id))
    overview = [row for row in rows_of(workbook["Overview"], 6) if row["Wave"]]
    counter = [row for row in overview if row["Touchpoint"] == "Counter"]
    shops = rows_of(workbook["Mystery shopping"])
    score = next(row["Score"] for row in shops if row["Level"] == "Overall")
    assert counter and counter[0]["Weighted touchpoint index"] == pytest.approx(score * 100)
    hotline = [row for row in overview if row["Touchpoint"] == "Hotline"]
    assert all(row["Weighted touchpoint index"] is None for row in hotline)  # no CSAT asked
    assert "not available" not in str(list(workbook["Overview"].values)).lower()


def test_trends_sheet_carries_csat_and_nps_per_wave(app, make, tmp_path):
    project = make.project(make.client("Stadtwerke"), "Contact")
    touchpoint = make.touchpoint(project, name="Hotline")
    instrument = make.kano_instrument(touchpoint, features=1, optional=("csat", "nps"))
    baseline, follow_up = make.wave(project, 0, label="Baseline"), make.wave(project, 1)
    # baseline: CSAT 2, 4 (mean 3), NPS 10 and 0 (0); follow-up: CSAT 5, NPS 10 (100)
    for wave, answers in ((baseline, [(2, 10), (4, 0)]), (follow_up, [(5, 10)])):
        for csat, nps in answers:
            respond(app, instrument, wave, "customer", {}, numbers={"csat": csat, "nps": nps})
    workbook, _, _ = export(app, tmp_path, ExportScope(project.id))
    rows = [row for row in rows_of(workbook["Trends"]) if row["Indicator"] in ("CSAT (1-5)", "NPS")]
    found = {(row["Indicator"], row["Wave"]): (row["n"], row["Value"]) for row in rows}
    assert found[("CSAT (1-5)", "Baseline")] == (2, pytest.approx(3.0))
    assert found[("CSAT (1-5)", follow_up.label)] == (1, pytest.approx(5.0))
    assert found[("NPS", "Baseline")] == (2, pytest.approx(0.0))
    assert found[("NPS", follow_up.label)] == (1, pytest.approx(100.0))
    titles = {_chart_title(chart) for chart in workbook["Trends"]._charts}
    assert {"CSAT (1-5)", "NPS"} <= titles


def _chart_title(chart) -> str:
    return "".join(run.t for p in chart.title.tx.rich.p for run in (p.r or []))


def test_german_and_english_workbooks_differ_only_in_words(app, make, tmp_path, export_project):
    """Same sheets, same table sizes, same numbers in the same cells: only the text differs."""
    make.approved_shop(export_project.checklist, wave=export_project.baseline)
    project_id = export_project.project.id
    (tmp_path / "en").mkdir()
    (tmp_path / "de").mkdir()
    english, _, _ = export(app, tmp_path / "en", ExportScope(project_id, lang="en"))
    german, _, _ = export(app, tmp_path / "de", ExportScope(project_id, lang="de"))
    assert len(german.sheetnames) == len(english.sheetnames)
    for en_sheet, de_sheet in zip(english.worksheets, german.worksheets, strict=True):
        assert (de_sheet.max_row, de_sheet.max_column) == (en_sheet.max_row, en_sheet.max_column)
        for en_row, de_row in zip(en_sheet.iter_rows(), de_sheet.iter_rows(), strict=True):
            for en_cell, de_cell in zip(en_row, de_row, strict=True):
                if isinstance(en_cell.value, int | float) and en_cell.row > 1:
                    assert de_cell.value == en_cell.value, de_cell.coordinate


def test_german_workbook_words_come_from_the_catalogue(app, make, tmp_path, export_project):
    """Codes and labels read as on the German pages; the Kano scale reads as in the survey."""
    make.approved_shop(export_project.checklist, wave=export_project.baseline)
    scope = ExportScope(export_project.project.id, lang="de")
    workbook, _, _ = export(app, tmp_path, scope)
    shops = rows_of(workbook["Mystery Shopping"])
    assert {row["Ebene"] for row in shops} == {"Gesamt", "Abschnitt", "Kano-Tag"}
    assert {"Testkäufe", "Score", "Name"} <= set(shops[0])  # "Shops" was left in English
    assert {row["Name"] for row in shops if row["Ebene"] == "Kano-Tag"} <= {
        "Basisfaktor",
        "Leistungsfaktor",
        "Begeisterungsfaktor",
    }
    measures = rows_of(workbook["Maßnahmen"])
    assert measures[0]["Cluster"] == "IT-Unterstützung (Automatisierung, Chatbot)"
    codebook = rows_of(workbook["Codebuch"])
    kano_codes = {row["Antwortcodes"] for row in codebook if "(funktional)" in row["Spalte"]}
    assert kano_codes == {
        "1 Das würde mich sehr freuen; 2 Das setze ich voraus; 3 Das ist mir egal; "
        "4 Das nehme ich gerade noch hin; 5 Das würde mich sehr stören"
    }
    assert {row["Typ"] for row in codebook} >= {"Kano-Merkmal"}


GERMAN_NAMES = {
    "sheets": ("Mystery Shopping", "Maßnahmen", "Codebuch"),
    "headers": ("Ebene", "Abschnitt", "Maßnahme"),
    "names": ("Ladentheke", {"Begrüßung", "Beratung", "Verabschiedung"}, "Rückruf buchen"),
}
ENGLISH_NAMES = {
    "sheets": ("Mystery shopping", "Measures", "Codebook"),
    "headers": ("Level", "Section", "Measure"),
    "names": ("Counter", {"Greeting", "Advice", "Farewell"}, "Call-back booking"),
}


@pytest.mark.parametrize(("lang", "expected"), [("de", GERMAN_NAMES), ("en", ENGLISH_NAMES)])
def test_workbook_names_touchpoints_sections_and_measures_in_its_language(
    app, make, tmp_path, lang, expected
):
    """Consultants' German names where written; the first-written ones in English."""
    project = make.project()
    counter = make.touchpoint(project, channel="store", name="Counter", name_de="Ladentheke")
    checklist = make.checklist_instrument(counter, name="Visit", german=True)
    make.approved_shop(checklist, wave=make.wave(project, 0))
    make.measure(counter, title="Call-back booking", title_de="Rückruf buchen")
    workbook, _, _ = export(app, tmp_path, ExportScope(project.id, lang=lang))
    mystery, measures, codebook = (rows_of(workbook[name]) for name in expected["sheets"])
    level, section, measure = expected["headers"]
    touchpoint, sections, title = expected["names"]
    assert {row["Touchpoint"] for row in mystery} == {touchpoint}
    assert {row["Name"] for row in mystery if row[level] == section} == sections
    assert [row[measure] for row in measures] == [title]
    assert {row[section] for row in codebook if row[section]} == sections
    assert {row["Touchpoint"] for row in codebook} == {touchpoint}
