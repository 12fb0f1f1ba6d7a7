"""The Workshops sheet: written from plain report data; the demo's cards arrive with their
causes, dots and measures, in the workbook's language; formulas typed on a card stay text."""

from datetime import date

from openpyxl import Workbook
from sqlalchemy import select

from surveyor.export.sheets import workshops
from surveyor.extensions import db
from surveyor.models import Project
from surveyor.services.reports.scope import ExportScope
from surveyor.services.reports.workbooks import build_workbook
from surveyor.services.workshops.report import CardLine, CauseLine, MeasureLine, WorkshopReport
from tests.export.conftest import open_workbook, rows_of


def test_the_sheet_is_written_from_plain_data(app, tmp_path):
    card = CardLine(
        1, "c1", "perception", "=HYPERLINK(1)", "customer", "Kim", "Hotline", "", 7, "W"
    )
    measure = MeasureLine(3, "Call-back", "it_support", "planned", 4, "Hotline")
    cause = CauseLine(5, "No call-back", "cause", [7], ["W"], {"customer": 2}, [measure])
    report = WorkshopReport(9, "Room", date(2026, 5, 4), "", {"customer": 1}, [card], [cause])
    workbook = Workbook(write_only=True)
    with app.test_request_context():
        workshops.write(workbook, [report])
    workbook.save(tmp_path / "w.xlsx")
    (row,) = rows_of(open_workbook(str(tmp_path / "w.xlsx"))["Workshops"])
    assert row["Card"] == "'=HYPERLINK(1)"
    assert (row["World"], row["Raised by"], row["Dots"]) == ("Perception world", "Customer", 2)
    assert row["Causes"] == "No call-back (cause)" and row["Measures"] == "Call-back"


def test_the_demo_workshop_in_the_german_workbook(runner, app, tmp_path):
    assert runner.invoke(args=["demo", "--responses", "0", "--no-serve"]).exit_code == 0
    with app.app_context():
        project_id = db.session.scalar(select(Project.id))
        build_workbook(ExportScope(project_id, lang="de"), tmp_path / "demo.xlsx")
    rows = rows_of(open_workbook(str(tmp_path / "demo.xlsx"))["Workshops"])
    assert len(rows) == 20
    waiting = next(r for r in rows if r["Karte"] == "Ich hing 20 Minuten in der Warteschleife.")
    assert (waiting["Welt"], waiting["Eingebracht von"]) == ("Wahrnehmungswelt", "Kunde")
    assert waiting["Maßnahmen"] == "Rückrufbuchung im Sprachdialog"
