"""Export jobs: a consultant asks for a workbook, a background thread builds it, they download it.

The client deck (PowerPoint, issue 23) goes the same way: a job of ``kind`` "deck" builds it with
:func:`surveyor.services.decks.build_deck` on the client's template if it has one, under the
same permissions and retention.

A workbook of 100,000 responses takes longer than any web request should, so the request only
stores an :class:`~surveyor.models.ExportJob` and starts a thread; the job page polls the
progress that the thread writes, and offers the file from the instance folder when it is done.
Files carry random names; downloads go through the job, which is looked up through the
project's tenancy, so only users of the client reach it. Workbooks hold customers' answers, so
they are not kept forever: the scheduler deletes those older than ``EXPORT_RETENTION_DAYS``
(:func:`remove_expired`) and their jobs say so.
"""

from __future__ import annotations

import logging
import secrets
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask import Flask, abort, current_app
from sqlalchemy import func, select, update

from surveyor import database, permissions
from surveyor.export.scope import ExportScope
from surveyor.export.workbook import build_workbook
from surveyor.extensions import db
from surveyor.models import ExportJob, Project, User
from surveyor.permissions import Action
from surveyor.services import deck_templates, tenancy
from surveyor.services.decks import build_deck

log = logging.getLogger(__name__)
# No progress for this long means the building thread is gone (a 100,000-response workbook moves
# a percent every few seconds).
STALE_AFTER = timedelta(minutes=10)
_running: dict[int, threading.Thread] = {}
SUFFIXES = {"workbook": "xlsx", "deck": "pptx"}


def export_folder(app: Flask) -> Path:
    """``EXPORT_FOLDER`` if configured, else ``exports`` in the instance folder."""
    folder = Path(app.config.get("EXPORT_FOLDER") or Path(app.instance_path) / "exports")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class ExportsBusy(Exception):
    """Too many workbooks are being built; ``own`` is True when the user's own limit was hit."""

    def __init__(self, own: bool) -> None:
        super().__init__("own" if own else "total")
        self.own = own


def request_export(
    user: User, project: Project, scope: ExportScope, kind: str = "workbook"
) -> ExportJob:
    """Store a queued job for ``scope`` (a workbook or a deck) and build it in a background thread.

    Each job is a thread of this worker that holds a read transaction for minutes, so their number
    is capped per user (``EXPORT_MAX_JOBS_PER_USER``) and in total (``EXPORT_MAX_JOBS``); beyond
    that :class:`ExportsBusy` is raised (the attack run had 20 requests start 13 threads).
    """
    permissions.require(user.role, Action.READ_WORKSPACE)
    _check_capacity(user)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    suffix = SUFFIXES[kind]
    job = ExportJob(
        project_id=project.id,
        requested_by_id=user.id,
        kind=kind,
        options=scope.as_options(),
        filename=f"{project.slug}-{stamp}.{suffix}",
        stored_name=f"{secrets.token_urlsafe(16)}.{suffix}",
    )
    db.session.add(job)
    db.session.commit()
    start(current_app._get_current_object(), job.id)
    return job


def _check_capacity(user: User) -> None:
    config = current_app.config
    unfinished = (
        select(func.count())
        .select_from(ExportJob)
        .where(
            ExportJob.status.in_(("queued", "running")),
            func.coalesce(ExportJob.heartbeat_at, ExportJob.created_at) >= _now() - STALE_AFTER,
        )
    )
    mine = db.session.scalar(unfinished.where(ExportJob.requested_by_id == user.id))
    if mine >= config["EXPORT_MAX_JOBS_PER_USER"]:
        raise ExportsBusy(own=True)
    if db.session.scalar(unfinished) >= config["EXPORT_MAX_JOBS"]:
        raise ExportsBusy(own=False)


def start(app: Flask, job_id: int) -> threading.Thread:
    thread = threading.Thread(target=run_job, args=(app, job_id), daemon=True)
    _running[job_id] = thread
    thread.start()
    return thread


def wait_for(job_id: int, timeout: float | None = None) -> None:
    """Block until the job's thread ends (tests and the CLI; never a web request)."""
    thread = _running.get(job_id)
    if thread is not None:
        thread.join(timeout)


def run_job(app: Flask, job_id: int) -> None:
    """Build the job's workbook; any failure is logged and shown on the job page."""
    with app.app_context():
        job = db.session.get(ExportJob, job_id)
        scope = ExportScope.from_options(job.project_id, job.options)
        path = export_folder(app) / job.stored_name
        kind, client_id = job.kind, job.project.client_id
        db.session.remove()  # end this transaction before _set writes on another connection
        _set(job_id, status="running", heartbeat_at=_now())
        try:
            with database.snapshot():  # one view for all sheets, and no write lock held
                if kind == "deck":
                    build_deck(scope, path, deck_templates.template_of(client_id))
                    rows = None
                else:
                    rows = build_workbook(scope, path, _progress_writer(job_id))
        except Exception as error:
            db.session.remove()
            log.exception("export job %s failed", job_id)
            _set(job_id, status="failed", error=str(error)[:2000], finished_at=_now())
        else:
            _set(job_id, status="done", progress=1.0, rows=rows, finished_at=_now())
        finally:
            _running.pop(job_id, None)


def job_for(user: User, job_id: int) -> ExportJob:
    """The job if the user may see its project (404 otherwise, as for every tenant object)."""
    job = db.session.get(ExportJob, job_id)
    if job is None:
        abort(404)
    tenancy.get_project(user, job.project_id)
    _give_up_if_abandoned(job)
    return job


def _give_up_if_abandoned(job: ExportJob) -> None:
    """A job whose thread died with its worker (restart, crash) would show "running" forever.

    The building thread writes ``heartbeat_at`` at least with every percent of progress; a job
    silent for STALE_AFTER is reported as interrupted, so the consultant knows to ask again.
    """
    if job.is_finished:
        return
    last_sign = job.heartbeat_at or job.created_at
    if last_sign.tzinfo is None:  # SQLite returns naive UTC
        last_sign = last_sign.replace(tzinfo=UTC)
    if _now() - last_sign > STALE_AFTER:
        job.status = "failed"
        job.error = "interrupted: the server restarted while building; please request it again"
        job.finished_at = _now()
        db.session.commit()


def recent_jobs(project: Project, limit: int = 10) -> list[ExportJob]:
    query = (
        select(ExportJob)
        .where(ExportJob.project_id == project.id)
        .order_by(ExportJob.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def file_of(job: ExportJob) -> Path | None:
    """The finished workbook on disk, or ``None`` when it is not (or no longer) there."""
    if job.status != "done":
        return None
    path = export_folder(current_app) / job.stored_name
    return path if path.is_file() else None


def remove_expired(now: datetime) -> int:
    """Delete workbooks finished more than ``EXPORT_RETENTION_DAYS`` ago; returns how many.

    The job stays (who exported what, and when) with status ``expired``, so its page can say
    why the file is gone. Run by ``surveyor scheduler``.
    """
    days = current_app.config["EXPORT_RETENTION_DAYS"]
    query = select(ExportJob).where(
        ExportJob.status == "done", ExportJob.finished_at < now - timedelta(days=days)
    )
    folder = export_folder(current_app)
    removed = 0
    for job in db.session.scalars(query):
        (folder / job.stored_name).unlink(missing_ok=True)
        job.status = "expired"
        removed += 1
    db.session.commit()
    return removed


def _progress_writer(job_id: int):
    last = [-1]

    def write(share: float) -> None:
        percent = int(share * 100)
        if percent > last[0]:
            last[0] = percent
            _set(job_id, progress=min(share, 0.99), heartbeat_at=_now())

    return write


def _set(job_id: int, **values) -> None:
    """Update the job on its own connection, so the export's read transaction is untouched."""
    with db.engine.begin() as connection:
        connection.execute(update(ExportJob).where(ExportJob.id == job_id).values(**values))


def _now() -> datetime:
    return datetime.now(UTC)
