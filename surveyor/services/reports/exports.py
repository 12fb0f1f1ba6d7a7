"""Export jobs: a consultant asks for a workbook, a worker process builds it, they download it.

The client deck (PowerPoint, issue 23) goes the same way: a job of ``kind`` "deck" builds it with
:func:`surveyor.services.reports.decks.build_deck` on the client's template if it has one, under the
same permissions and retention.

A workbook of 100,000 responses takes longer than any web request should, so the request only
stores a queued :class:`~surveyor.models.ExportJob`; ``surveyor scheduler`` claims and builds it
(:mod:`surveyor.services.reports.export_worker`), and the job page polls the progress that the
worker writes and offers the file from the export folder when it is done. Files carry random names;
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
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import and_, func, or_, select, update

from surveyor import permissions, storage
from surveyor.database import committed
from surveyor.extensions import db
from surveyor.models import ExportJob, Project, User
from surveyor.models.base import utcnow
from surveyor.permissions import Action
from surveyor.services import tenancy
from surveyor.services.errors import TooMany, found
from surveyor.services.privacy import audit
from surveyor.services.reports.scope import ExportScope

log = logging.getLogger(__name__)
# No progress for this long means the building worker is gone (a 100,000-response workbook moves
# a percent every few seconds).
MAX_ATTEMPTS = 3
"""How often a job is claimed before it counts as failed (its worker died or its build failed)."""
STALE_AFTER = timedelta(minutes=10)
"""Default of ``EXPORT_STALE_AFTER_SECONDS``: a running job silent this long lost its worker."""


def stale_after() -> timedelta:
    """How long a running job may stay silent before it counts as abandoned (configurable, so
    that a test of a killed worker need not wait ten minutes)."""
    seconds = current_app.config.get("EXPORT_STALE_AFTER_SECONDS")
    return timedelta(seconds=seconds) if seconds else STALE_AFTER


_requested_in_tests: dict[int, Flask] = {}
SUFFIXES = {"workbook": "xlsx", "deck": "pptx"}


def export_folder(app: Flask) -> Path:
    """``EXPORT_FOLDER`` if configured, else ``exports`` in the data folder."""
    folder = storage.folder(app, "exports")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class ExportsBusy(TooMany):
    """Too many workbooks are being built; ``own`` is True when the user's own limit was hit."""

    def __init__(self, own: bool) -> None:
        if own:
            message = ngettext(
                "Your workbook is still being built. Please wait until it is ready, then ask "
                "again.",
                "%(num)s of your workbooks are still being built. Please wait until one is "
                "ready, then ask again.",
                current_app.config["EXPORT_MAX_JOBS_PER_USER"],
            )
        else:
            message = _(
                "Several workbooks are being built right now. Please try again in a few minutes."
            )
        super().__init__(message)
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
    tenancy.refuse_location_limited(user, project.id)
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
    audit.record(
        "export.requested",
        user,
        target=f"export {job_id}: {project.name}",
        client_id=project.client_id,
    )
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
    alive = and_(ExportJob.status == "running", ExportJob.heartbeat_at >= _now() - stale_after())
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
    from surveyor.services.reports import export_worker  # it imports this module

    with app.app_context():
        export_worker.run_due(utcnow())


def job_for(user: User, job_id: int) -> ExportJob:
    """The job if the user may see its project (404 otherwise, as for every tenant object)."""
    job = tenancy.get(user, ExportJob, job_id)
    tenancy.refuse_location_limited(user, job.project_id)
    if job.status == "running" and give_up_abandoned(_now(), job.id):
        db.session.refresh(job)
    return job


def abandoned(now: datetime):
    """Running jobs whose worker has been silent longer than :func:`stale_after` (it died)."""
    return and_(ExportJob.status == "running", ExportJob.heartbeat_at < now - stale_after())


def give_up_abandoned(now: datetime, job_id: int | None = None) -> int:
    """Fail abandoned jobs that have used their last attempt; returns how many, committed.

    The worker and the job page both call this; it is one conditional UPDATE, so they cannot
    race. A job with attempts left is never failed here: the next worker claims it again and
    finishes it, so the page keeps showing it as building instead of calling it failed while
    a worker is about to resume it.
    """
    query = update(ExportJob).where(abandoned(now), ExportJob.attempts >= MAX_ATTEMPTS)
    if job_id is not None:
        query = query.where(ExportJob.id == job_id)
    failed = db.session.execute(
        query.values(
            status="failed",
            error="interrupted: the worker stopped while building, on every attempt",
            finished_at=utcnow(),
        ).execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return failed


@committed
def download(user: User, job_id: int) -> tuple[ExportJob, Path]:
    """The finished file of a job the user may see (:class:`NotFound` while there is none);
    the audit log keeps who took the customers' answers home."""
    job = job_for(user, job_id)
    path = found(file_of(job))
    audit.record(
        "export.downloaded",
        user,
        target=f"export {job.id}: {job.filename}",
        client_id=job.project.client_id,
    )
    return job, path


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
