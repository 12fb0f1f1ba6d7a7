"""Every sheet of a workbook shows the same responses, however many are submitted meanwhile.

PostgreSQL reads each statement at READ COMMITTED unless told otherwise; the workbook is built
inside one REPEATABLE READ, READ ONLY snapshot. The test submits a response from another
connection once the Kano sheet is written (seen through the job's progress update) and before
the Responses sheet is read.
"""

from __future__ import annotations

from sqlalchemy import event

from surveyor.extensions import db
from surveyor.models import ExportJob
from surveyor.services.reports import exports
from tests.export.conftest import CUSTOMER_PAIRS, open_workbook, respond, rows_of

KANO_SHEET_DONE = 0.059  # overview (0.02) and Kano (0.04) are written


def test_a_response_submitted_during_the_build_is_on_no_sheet_or_on_all(
    app, client, auth, make, export_project, tmp_path, monkeypatch
):
    monkeypatch.setitem(app.config, "EXPORT_FOLDER", str(tmp_path / "exports"))
    kano_written, submitted = [], []

    def submit_between_sheets(_conn, _cursor, statement, parameters, _context, _many) -> None:
        """Note the progress update after the Kano sheet; submit before the next read."""
        if submitted:
            return
        if kano_written and statement.lstrip().startswith("SELECT"):
            submitted.append(True)
            pairs = {key: pairs[0] for key, pairs in CUSTOMER_PAIRS.items()}
            respond(app, export_project.instrument, export_project.baseline, "customer", pairs)
        values = parameters.values() if isinstance(parameters, dict) else parameters or ()
        progress = [v for v in values if isinstance(v, float)]
        if statement.startswith("UPDATE export_job") and progress[:1] >= [KANO_SHEET_DONE]:
            kano_written.append(True)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", submit_between_sheets)
    try:
        auth.login(make.user("consultant", clients=(export_project.client,)))
        asked = client.post(f"/projects/{export_project.project.id}/exports", data={"lang": "en"})
        job_id = int(asked.headers["Location"].rstrip("/").split("/")[-1])
        exports.wait_for(job_id)
    finally:
        event.remove(engine, "before_cursor_execute", submit_between_sheets)
    assert submitted
    with app.app_context():
        assert db.session.get(ExportJob, job_id).status == "done"
    workbook = open_workbook(client.get(f"/exports/{job_id}/download").data)
    kano_n = {
        row["Item id"]: row["n"]
        for row in rows_of(workbook["Kano"])
        if row["Wave"] == "Baseline" and row["Group"] == "Customers"
    }
    responses = [
        row
        for row in rows_of(workbook["Responses"])
        if row["Wave"] == "Baseline" and row["Group"] == "Customers"
    ]
    assert kano_n == {key: len(responses) for key in CUSTOMER_PAIRS}
