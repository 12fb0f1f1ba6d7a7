"""The workspace download: ask, watch the progress, download; only users of the client."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from surveyor.extensions import db
from surveyor.models import ExportJob
from surveyor.services.reports import exports
from tests.export.conftest import open_workbook


@pytest.fixture(autouse=True)
def export_folder(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "EXPORT_FOLDER", str(tmp_path / "exports"))


def _job_id(response) -> int:
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def test_consultant_downloads_the_workbook(client, auth, make, export_project):
    auth.login(make.user("consultant", clients=(export_project.client,)))
    project_page = client.get(f"/projects/{export_project.project.id}")
    assert f"/projects/{export_project.project.id}/exports".encode() in project_page.data
    form = client.get(f"/projects/{export_project.project.id}/exports")
    assert form.status_code == 200 and b"Baseline" in form.data
    asked = client.post(
        f"/projects/{export_project.project.id}/exports", data={"waves": ["0"], "lang": "de"}
    )
    assert asked.status_code == 302
    job_id = _job_id(asked)
    exports.wait_for(job_id)
    page = client.get(f"/exports/{job_id}")
    assert page.status_code == 200 and "Refresh" not in page.headers
    assert f"/exports/{job_id}/download".encode() in page.data
    download = client.get(f"/exports/{job_id}/download")
    assert download.status_code == 200
    assert download.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in download.headers["Content-Disposition"]
    workbook = open_workbook(download.data)
    assert workbook.sheetnames[0] == "Übersicht"
    assert {row[4].value for row in workbook["Antworten"].iter_rows(min_row=2)} == {"Baseline"}


def test_a_running_job_shows_progress_and_refreshes(app, client, auth, make, export_project):
    auth.login(make.user("viewer", clients=(export_project.client,)))
    with app.app_context():
        job = ExportJob(project_id=export_project.project.id, status="running", progress=0.4)
        db.session.add(job)
        db.session.commit()
        job_id = job.id
    page = client.get(f"/exports/{job_id}")
    assert page.status_code == 200
    assert page.headers["Refresh"] == "2"
    assert b'<progress max="100" value="40">' in page.data
    assert client.get(f"/exports/{job_id}/download").status_code == 404


def _stale_job(app, project, attempts: int) -> int:
    silent_since = datetime.now(UTC) - exports.STALE_AFTER - timedelta(minutes=1)
    with app.app_context():
        job = ExportJob(
            project_id=project.id,
            status="running",
            progress=0.4,
            heartbeat_at=silent_since,
            attempts=attempts,
        )
        db.session.add(job)
        db.session.commit()
        return job.id


def test_a_job_abandoned_on_its_last_attempt_is_reported_not_running_forever(
    app, client, auth, make, export_project
):
    auth.login(make.user("viewer", clients=(export_project.client,)))
    job_id = _stale_job(app, export_project.project, attempts=exports.MAX_ATTEMPTS)
    page = client.get(f"/exports/{job_id}")
    assert page.status_code == 200 and "Refresh" not in page.headers
    assert b"could not be built" in page.data
    with app.app_context():
        assert db.session.get(ExportJob, job_id).error.startswith("interrupted")


def test_the_job_page_leaves_an_abandoned_job_with_attempts_left_to_the_next_worker(
    app, client, auth, make, export_project
):
    """The page used to fail it while a worker was about to claim it again (a race)."""
    auth.login(make.user("viewer", clients=(export_project.client,)))
    job_id = _stale_job(app, export_project.project, attempts=1)
    page = client.get(f"/exports/{job_id}")
    assert page.status_code == 200 and page.headers["Refresh"]
    with app.app_context():
        assert db.session.get(ExportJob, job_id).status == "running"


def test_workbooks_past_the_retention_period_are_deleted_and_say_so(
    app, client, auth, make, export_project
):
    auth.login(make.user("consultant", clients=(export_project.client,)))
    now = datetime.now(UTC)
    folder = exports.export_folder(app)
    jobs = {}
    with app.app_context():
        for name, age in (("old", timedelta(days=8)), ("recent", timedelta(days=6))):
            (folder / f"{name}.xlsx").write_bytes(b"workbook")
            job = ExportJob(
                project_id=export_project.project.id,
                status="done",
                rows=3,
                stored_name=f"{name}.xlsx",
                filename=f"{name}.xlsx",
                finished_at=now - age,
            )
            db.session.add(job)
            db.session.commit()
            jobs[name] = job.id
        assert exports.remove_expired(now) == 1
        assert exports.remove_expired(now) == 0  # nothing left to delete
    assert not (folder / "old.xlsx").exists() and (folder / "recent.xlsx").exists()
    page = client.get(f"/exports/{jobs['old']}")
    assert page.status_code == 200 and "Refresh" not in page.headers
    assert b"deleted 7 days after" in page.data
    assert client.get(f"/exports/{jobs['old']}/download").status_code == 404
    assert client.get(f"/exports/{jobs['recent']}/download").status_code == 200


def test_the_scheduler_deletes_expired_workbooks():
    from surveyor.scheduler import JOBS

    assert ("remove_expired_exports", exports.remove_expired) in JOBS


def test_bad_choices_are_refused_with_a_message(client, auth, make, export_project):
    auth.login(make.user("consultant", clients=(export_project.client,)))
    answer = client.post(
        f"/projects/{export_project.project.id}/exports", data={"waves": ["7"], "lang": "xx"}
    )
    assert answer.status_code == 422
    assert b"Not a valid choice" in answer.data


def test_users_of_other_clients_get_404(app, client, auth, make, export_project):
    with app.app_context():
        job = ExportJob(project_id=export_project.project.id, status="done", stored_name="x.xlsx")
        db.session.add(job)
        db.session.commit()
        job_id = job.id
    auth.login(make.user("consultant", clients=(make.client("Other"),)))
    assert client.get(f"/projects/{export_project.project.id}/exports").status_code == 404
    assert client.post(f"/projects/{export_project.project.id}/exports").status_code == 404
    assert client.get(f"/exports/{job_id}").status_code == 404
    assert client.get(f"/exports/{job_id}/download").status_code == 404


def test_shoppers_and_anonymous_users_get_no_workbook(client, auth, make, export_project):
    assert client.get(f"/projects/{export_project.project.id}/exports").status_code == 302
    shopper = make.shopper()
    auth.login(shopper)
    # for a shopper the workspace does not exist (surveyor/permissions.py)
    assert client.get(f"/projects/{export_project.project.id}/exports").status_code == 404
