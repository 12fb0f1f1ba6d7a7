"""Text from respondents and shoppers stays inert text, however hostile or broken it is."""

from __future__ import annotations

import zipfile

import pytest

from surveyor.export.safety import EXCEL_CELL_LIMIT, TRUNCATION_MARKER, safe_cell
from surveyor.services.reports.scope import ExportScope
from surveyor.services.reports.workbooks import build_workbook
from tests.export.conftest import INJECTIONS, open_workbook, respond, rows_of


@pytest.mark.parametrize("payload", INJECTIONS)
def test_formula_triggers_are_prefixed(payload):
    assert safe_cell(payload) == "'" + payload


def test_plain_text_is_unchanged_and_control_characters_go():
    assert safe_cell("Sehr gut, danke!") == "Sehr gut, danke!"
    assert safe_cell("bell\x07 and\x00 nul\x1b") == "bell and nul"
    assert safe_cell("line\nbreak\ttab") == "line\nbreak\ttab"
    assert safe_cell(None) == ""


def test_overlong_text_is_cut_with_a_marker():
    cut = safe_cell("x" * 40_000)
    assert len(cut) == EXCEL_CELL_LIMIT
    assert cut.endswith(TRUNCATION_MARKER)


def _export(app, tmp_path, project_id):
    path = tmp_path / "out.xlsx"
    with app.app_context():
        build_workbook(ExportScope(project_id), path)
    return path


def test_injection_payloads_stay_inert_text_in_the_workbook(app, make, tmp_path, export_project):
    for payload in INJECTIONS:
        respond(app, export_project.instrument, export_project.baseline, "customer", {}, payload)
    make.approved_shop(export_project.checklist, answers={"notes": '=HYPERLINK("http://evil")'})
    path = _export(app, tmp_path, export_project.project.id)
    sheet = open_workbook(str(path))["Responses"]
    header = [cell.value for cell in sheet[1]]
    comments = [
        row[header.index("Hotline expectations: comment")]
        for row in sheet.iter_rows(min_row=2)
        if row[header.index("Hotline expectations: comment")].value
    ]
    assert [cell.value for cell in comments] == ["'" + payload for payload in INJECTIONS]
    assert {cell.data_type for cell in comments} == {"s"}
    notes = [row["Store counter: notes"] for row in rows_of(sheet) if row["Store counter: notes"]]
    assert notes == ['\'=HYPERLINK("http://evil")']
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any("<f>" in archive.read(name).decode() for name in sheets)


def test_control_characters_and_overlong_text_export(app, tmp_path, export_project):
    broken = "Rechnung\x01 kam\x0b nie\x1f an"  # PostgreSQL cannot store NUL itself
    respond(app, export_project.instrument, export_project.baseline, "customer", {}, broken)
    respond(app, export_project.instrument, export_project.baseline, "customer", {}, "y" * 40_000)
    path = _export(app, tmp_path, export_project.project.id)
    rows = rows_of(open_workbook(str(path))["Responses"])
    comments = [row["Hotline expectations: comment"] for row in rows]
    assert "Rechnung kam nie an" in comments
    overlong = next(c for c in comments if c and c.startswith("yyy"))
    assert len(overlong) == EXCEL_CELL_LIMIT and overlong.endswith(TRUNCATION_MARKER)
