"""Exports are built by the worker (``surveyor scheduler``), never by the web process.

A request only queues the job; the scheduler's ``build_exports`` job claims and builds it. Two
workers never build the same job, a job whose worker died is built by the next run, and a failing
build is retried with back-off until it is shown as failed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from surveyor import scheduler
from surveyor.extensions import db
from surveyor.models import ExportJob
from surveyor.services.reports import export_worker, exports


@pytest.fixture(autouse=True)
def export_folder(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "EXPORT_FOLDER", str(tmp_path / "exports"))
    monkeypatch.setitem(app.config, "EXPORT_MAX_JOBS_PER_USER", 10)
    monkeypatch.setitem(app.config, "EXPORT_MAX_JOBS", 10)


@dataclass
class ClientProject:
    id: int
    client: object


@pytest.fixture
def project(make) -> ClientProject:
    client = make.client()
    project = make.project(client)
    make.wave(project)
    return ClientProject(project.id, client)


def _ask_for_workbook(client, auth, make, project) -> int:
    auth.login(make.user("consultant", clients=(project.client,)))
    asked = client.post(f"/projects/{project.id}/exports", data={"lang": "en"})
    assert asked.status_code == 302
    return int(asked.headers["Location"].rstrip("/").split("/")[-1])


def _job(app, job_id: int) -> ExportJob:
    with app.app_context():
        job = db.session.get(ExportJob, job_id)
        db.session.expunge(job)
        return job


def _run_scheduler_job(app) -> None:
    jobs = dict(scheduler.JOBS)
    scheduler.run_job(app, "build_exports", jobs["build_exports"])


def test_the_request_only_queues_and_the_scheduler_builds(app, client, auth, make, project):
    threads_before = threading.active_count()
    job_id = _ask_for_workbook(client, auth, make, project)
    assert threading.active_count() == threads_before
    assert _job(app, job_id).status == "queued"
    waiting = client.get(f"/exports/{job_id}")
    assert waiting.headers["Refresh"] == "2" and b"Waiting to start" in waiting.data
    _run_scheduler_job(app)
    job = _job(app, job_id)
    assert (job.status, job.attempts, job.progress) == ("done", 1, 1.0)
    download = client.get(f"/exports/{job_id}/download")
    assert download.status_code == 200 and download.mimetype.endswith("spreadsheetml.sheet")


def test_the_page_says_so_when_no_worker_picks_the_job_up(app, client, auth, make, project):
    job_id = _ask_for_workbook(client, auth, make, project)
    with app.app_context():
        long_ago = datetime.now(UTC) - timedelta(minutes=5)
        db.session.execute(update(ExportJob).values(created_at=long_ago))
        db.session.commit()
    page = client.get(f"/exports/{job_id}")
    assert page.headers["Refresh"] == "2"
    assert b"Waiting for the worker" in page.data and b"surveyor scheduler" in page.data


def test_a_job_queued_behind_long_builds_is_not_given_up(app, client, auth, make, project):
    job_id = _ask_for_workbook(client, auth, make, project)
    with app.app_context():
        long_ago = datetime.now(UTC) - exports.STALE_AFTER - timedelta(minutes=5)
        db.session.execute(update(ExportJob).values(created_at=long_ago))
        db.session.commit()
    assert client.get(f"/exports/{job_id}").headers["Refresh"] == "2"
    assert _job(app, job_id).status == "queued"
    _run_scheduler_job(app)
    assert _job(app, job_id).status == "done"


def test_the_demo_builds_in_the_request(app, client, auth, make, project, monkeypatch):
    monkeypatch.setitem(app.config, "EXPORTS_INLINE", True)
    job_id = _ask_for_workbook(client, auth, make, project)
    assert _job(app, job_id).status == "done"


def test_two_workers_claiming_at_once_build_every_job_exactly_once(
    app, client, auth, make, project
):
    job_ids = {_ask_for_workbook(client, auth, make, project) for _ in range(6)}
    built: dict[str, list[int]] = {"one": [], "two": []}
    start = threading.Barrier(2)

    def worker(name: str) -> None:
        with app.app_context():
            start.wait()
            while (job_id := export_worker.claim(datetime.now(UTC))) is not None:
                export_worker.build(job_id)
                built[name].append(job_id)
            db.session.remove()

    threads = [threading.Thread(target=worker, args=(name,)) for name in built]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    everything = built["one"] + built["two"]
    assert sorted(everything) == sorted(job_ids)  # each once, none twice
    with app.app_context():
        jobs = db.session.scalars(select(ExportJob)).all()
        assert {(job.status, job.attempts) for job in jobs} == {("done", 1)}


def test_on_postgresql_a_claimed_job_is_skipped_not_waited_for(app, client, auth, make, project):
    first = _ask_for_workbook(client, auth, make, project)
    second = _ask_for_workbook(client, auth, make, project)
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("FOR UPDATE SKIP LOCKED is PostgreSQL's; SQLite has one writer")
        with db.engine.connect() as other_worker:
            locked = select(ExportJob.id).where(ExportJob.id == first).with_for_update()
            assert other_worker.execute(locked).scalar() == first
            assert export_worker.claim(datetime.now(UTC)) == second
            other_worker.rollback()
        assert export_worker.claim(datetime.now(UTC)) == first


def test_a_job_whose_worker_died_is_built_by_the_next_run(app, client, auth, make, project):
    job_id = _ask_for_workbook(client, auth, make, project)
    silent_since = datetime.now(UTC) - exports.STALE_AFTER - timedelta(minutes=1)
    with app.app_context():
        db.session.execute(
            update(ExportJob).values(
                status="running", progress=0.3, heartbeat_at=silent_since, attempts=1
            )
        )
        db.session.commit()
    _run_scheduler_job(app)
    job = _job(app, job_id)
    assert (job.status, job.attempts) == ("done", 2)
    assert client.get(f"/exports/{job_id}/download").status_code == 200


def test_a_failing_build_is_retried_with_back_off_then_shown_as_failed(
    app, client, auth, make, project, tmp_path, monkeypatch
):
    job_id = _ask_for_workbook(client, auth, make, project)
    not_a_folder = tmp_path / "exports-misconfigured"
    not_a_folder.write_text("a file where the export folder should be")
    monkeypatch.setitem(app.config, "EXPORT_FOLDER", str(not_a_folder))
    with app.app_context():
        now = datetime.now(UTC)
        assert export_worker.run_due(now) == 0
    job = _job(app, job_id)
    assert (job.status, job.attempts) == ("queued", 1) and "exports-misconfigured" in job.error
    with app.app_context():
        assert export_worker.run_due(now) == 0  # backing off: not claimed again yet
        assert _job(app, job_id).attempts == 1
        export_worker.run_due(now + timedelta(minutes=2))
        assert _job(app, job_id).attempts == 2
        export_worker.run_due(now + timedelta(minutes=10))
        export_worker.run_due(now + timedelta(hours=1))
    job = _job(app, job_id)
    assert (job.status, job.attempts) == ("failed", export_worker.MAX_ATTEMPTS)
    page = client.get(f"/exports/{job_id}")
    assert "Refresh" not in page.headers and b"could not be built" in page.data
    assert b"The worker tried 3 times." in page.data


def test_queued_jobs_count_against_the_users_cap_until_the_worker_builds_them(
    app, client, auth, make, project, monkeypatch
):
    monkeypatch.setitem(app.config, "EXPORT_MAX_JOBS_PER_USER", 2)
    _ask_for_workbook(client, auth, make, project)
    asked = client.post(f"/projects/{project.id}/exports", data={"lang": "en"})
    assert asked.status_code == 302
    refused = client.post(f"/projects/{project.id}/exports", data={"lang": "en"})
    assert refused.status_code == 429
    assert b"2 of your workbooks are still being built" in refused.data
    _run_scheduler_job(app)
    assert client.post(f"/projects/{project.id}/exports", data={"lang": "en"}).status_code == 302
