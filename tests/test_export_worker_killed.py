"""Issue 19's process-level fault test for exports: a ``surveyor scheduler`` killed with SIGKILL
while it builds a workbook leaves the job to the next worker, which builds it once, completely."""

from __future__ import annotations

import random
import zipfile
from datetime import timedelta

from sqlalchemy import select, update

from surveyor.extensions import db
from surveyor.models import ExportJob, Instrument, Wave
from surveyor.models.base import utcnow
from surveyor.services.instruments import instruments
from surveyor.services.reports import exports
from surveyor.services.synthetic import SampleSpec, insert_kano_responses
from tests.test_scheduler import Schedulers, _wait_for

RESPONSES = 6000
"""Enough for a build of several seconds, so that the kill lands in the middle of it."""


def _job(app) -> ExportJob:
    with app.app_context():
        found = db.session.scalar(select(ExportJob))
        db.session.expunge(found)
        db.session.remove()
        return found


def _project_with_responses(app, make):
    client = make.client()
    project = make.project(client)
    instrument = make.kano_instrument(make.touchpoint(project), features=3)
    wave = make.wave(project, status="open")
    with app.app_context():
        version = instruments.published_version(db.session.get(Instrument, instrument.id))
        mixes = {f"f{n}": {"A": 40, "O": 30, "M": 20, "I": 10} for n in (1, 2, 3)}
        spec = SampleSpec(db.session.get(Wave, wave.id), "customer", RESPONSES, mixes, False)
        insert_kano_responses(version.id, list(version.items), spec, random.Random(19))
        db.session.commit()
    return project, client


def test_a_worker_killed_mid_export_leaves_the_job_to_the_next_one(
    app, client, auth, make, tmp_path
):
    project, tenant = _project_with_responses(app, make)
    auth.login(make.user("consultant", clients=(tenant,)))
    assert client.post(f"/projects/{project.id}/exports", data={"lang": "en"}).status_code == 302
    folder = tmp_path / "exports"
    workers = Schedulers(app, tmp_path)
    workers.env["SURVEYOR_EXPORT_FOLDER"] = str(folder)
    try:
        first = workers.start()
        _wait_for(lambda: _job(app).status == "running" and _job(app).progress >= 0.05)
        first.kill()  # SIGKILL in the middle of the build
        first.wait(timeout=30)
        interrupted = _job(app)
        assert (interrupted.status, interrupted.attempts) == ("running", 1)
        assert interrupted.progress < 1.0, "the build finished before the kill; raise RESPONSES"

        with app.app_context():  # its heartbeat goes stale (10 min), without waiting for it
            stale = utcnow() - exports.STALE_AFTER - timedelta(minutes=1)
            db.session.execute(update(ExportJob).values(heartbeat_at=stale))
            db.session.commit()
        workers.start()
        _wait_for(lambda: _job(app).status in ("done", "failed"))
    finally:
        workers.stop_all()
    done = _job(app)
    assert (done.status, done.attempts, done.rows) == ("done", 2, RESPONSES), done.error
    assert [path.name for path in folder.iterdir()] == [done.stored_name]
    with zipfile.ZipFile(folder / done.stored_name) as workbook:
        assert workbook.testzip() is None
