"""The Pilots sheet: written from plain rows, filled from the pilot service."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook

from surveyor.export.sheets.pilots import write
from surveyor.extensions import db
from surveyor.models import Location, Measure
from surveyor.services.pilots.selection import set_pilot_locations
from surveyor.services.pilots.table import PilotRow
from surveyor.services.reports.scope import ExportScope
from surveyor.services.reports.workbooks import build_workbook
from tests.export.conftest import open_workbook, rows_of
from tests.pilot_scenario import pilot_project


def test_writer_takes_plain_rows(app, tmp_path):
    row = PilotRow(
        "Counter",
        "Greet",
        date(2026, 5, 1),
        "P1",
        "CSAT (1-5)",
        3.0,
        4.0,
        3.5,
        3.6,
        0.9,
        0.1,
        1.7,
        "2 / 3",
        "=cmd",
    )
    workbook = Workbook(write_only=True)
    with app.test_request_context():
        write(workbook, [row], "Difference in differences.")
    workbook.save(tmp_path / "pilots.xlsx")
    stored, method = rows_of(open_workbook(str(tmp_path / "pilots.xlsx"))["Pilots"])
    assert method["Touchpoint"].startswith("Difference in differences")
    assert stored["Effect"] == 0.9 and stored["CI from"] == 0.1
    assert stored["Finding"] == "'=cmd"


def test_workbook_shows_the_pilot_effect(app, make, tmp_path):
    measure, places, _consultant = pilot_project(make)
    with app.app_context():
        stored = db.session.get(Measure, measure.id)
        set_pilot_locations(stored, [places["P1"].id, places["P2"].id])
        project_id = db.session.get(Location, places["P1"].id).project_id
        db.session.commit()
        build_workbook(ExportScope(project_id), tmp_path / "out.xlsx")
    rows = rows_of(open_workbook(str(tmp_path / "out.xlsx"))["Pilots"])
    [checklist] = [row for row in rows if row["Metric"] == "Checklist score (%)"]
    assert checklist["Pilot locations"] == "P1, P2"
    assert checklist["CI from"] > 0
    assert "more than the others" in checklist["Finding"]
