"""The Scorecard sheet, filled from the scorecard service."""

from surveyor.services.reports.scope import ExportScope
from surveyor.services.reports.workbooks import build_workbook
from tests.export.conftest import open_workbook, rows_of
from tests.scorecard_scenario import scorecard_project


def test_workbook_has_the_scorecard(app, make, tmp_path):
    project, _consultant, _kano, _checklist = scorecard_project(app, make)
    with app.app_context():
        build_workbook(ExportScope(project.id), tmp_path / "out.xlsx")
    rows = rows_of(open_workbook(str(tmp_path / "out.xlsx"))["Scorecard"])
    first = rows[0]
    assert (first["Feature"], first["Location"], first["Rank"]) == (
        "Feature 1 is there.",
        "All locations",
        1,
    )
    assert first["Compliance"] == 0.5
    assert first["Observed by"] == "Item greet"
