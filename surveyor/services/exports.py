"""Export jobs: a consultant asks for a workbook, a worker process builds it, they download it.

The client deck (PowerPoint, issue 23) goes the same way: a job of ``kind`` "deck" builds it with
:func:`surveyor.services.decks.build_deck` on the client's template if it has one, under the
same permissions and retention.

A workbook of 100,000 responses takes longer than any web request should, so the request only
stores a queued :class:`~surveyor.models.ExportJob`; ``surveyor scheduler`` claims and builds it
(:mod:`surveyor.services.export_worker`), and the job page polls the progress that the worker
writes and offers the file from the export folder when it is done. Files carry random names;
downloads go through the job, which is looked up through the project's tenancy, so only users of
the client reach it. Workbooks hold customers' answers, so they are not kept forever: the
scheduler deletes those older than ``EXPORT_RETENTION_DAYS`` (:func:`remove_expired`) and their
jobs say so.
"""

from __future__ import annotations

import logging
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask import Flask, current_app, has_app_context
from sqlalchemy import and_, func, or_, select

from surveyor import permissions
from surveyor.export.scope import ExportScope
from surveyor.extensions import db
from surveyor.models import ExportJob, Project, User
from surveyor.models.base import utcnow
from surveyor.permissions import Action
from surveyor.services import tenancy

log = logging.getLogger(__name__)
# No progress for this long means the building worker is gone (a 100,000-response workbook moves
# a percent every few seconds).
STALE_AFTER = timedelta(minutes=10)
_requested_in_tests: dict[int, Flask] = {}
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
    """Queue a job for ``scope`` (a workbook or a deck); ``surveyor scheduler`` builds it.

    Queued jobs are capped per user (``EXPORT_MAX_JOBS_PER_USER``) and in total
    (``EXPORT_MAX_JOBS``); beyond that :class:`ExportsBusy` is raised (the attack run had 20
    requests ask for 13 workbooks), so one user cannot fill the worker's queue. With
    ``EXPORTS_INLINE`` (the demo, which runs no scheduler) the request builds the job itself.
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
    db.session.flush()
    job_id = job.id
    db.session.commit()  # and no new transaction (on SQLite a write lock) until the build is done
    app = current_app._get_current_object()
    if app.config.get("EXPORTS_INLINE"):
        _build_due_jobs(app)
    elif app.testing:
        _requested_in_tests[job_id] = app
    return db.session.get(ExportJob, job_id)


def _check_capacity(user: User) -> None:
    """Queued jobs count until built; a running one only while its worker shows signs of life."""
    config = current_app.config
    alive = and_(ExportJob.status == "running", ExportJob.heartbeat_at >= _now() - STALE_AFTER)
    unfinished = (
        select(func.count()).select_from(ExportJob).where(or_(ExportJob.status == "queued", alive))
    )
    mine = db.session.scalar(unfinished.where(ExportJob.requested_by_id == user.id))
    if mine >= config["EXPORT_MAX_JOBS_PER_USER"]:
        raise ExportsBusy(own=True)
    if db.session.scalar(unfinished) >= config["EXPORT_MAX_JOBS"]:
        raise ExportsBusy(own=False)


def wait_for(job_id: int) -> None:
    """Build the due jobs in this process now, as the worker would (tests; never a request).

    The job was queued by a request of the test client, outside the caller's app context, so the
    app that queued it is remembered (only under ``TESTING``).
    """
    app = _requested_in_tests.pop(job_id, None)
    if app is None and has_app_context():
        app = current_app._get_current_object()
    if app is not None:
        _build_due_jobs(app)


def _build_due_jobs(app: Flask) -> None:
    """Run the worker in an app context (and so a database session) of its own, as it would run
    in ``surveyor scheduler``: the caller's session and the objects in it stay untouched."""
    from surveyor.services import export_worker  # it imports this module

    with app.app_context():
        export_worker.run_due(utcnow())


def job_for(user: User, job_id: int) -> ExportJob:
    """The job if the user may see its project (404 otherwise, as for every tenant object)."""
    job = tenancy.get(user, ExportJob, job_id)
    _give_up_if_abandoned(job)
    return job


def _give_up_if_abandoned(job: ExportJob) -> None:
    """A job whose worker died (restart, crash) and was not claimed again shows as interrupted.

    The building worker writes ``heartbeat_at`` at least with every percent of progress; a job
    silent for STALE_AFTER is reported as interrupted, so the consultant knows to ask again.
    """
    if job.status != "running":  # a queued job waits for a worker, however long the queue
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


def _now() -> datetime:
    return datetime.now(UTC)
