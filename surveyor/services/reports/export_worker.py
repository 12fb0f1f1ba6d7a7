"""The export worker: ``surveyor scheduler`` claims queued export jobs and builds them.

Web workers only queue an :class:`~surveyor.models.ExportJob`
(:mod:`surveyor.services.reports.exports`), so a web process never holds a read transaction for
minutes and any number of them can run. A job is built by whichever worker *claims* it first:

- on PostgreSQL the claim selects the oldest due job ``FOR UPDATE SKIP LOCKED``, so workers on any
  number of hosts take different jobs without waiting for each other;
- elsewhere (SQLite, one worker) a conditional ``UPDATE ... WHERE status = 'queued'`` changes the
  row for one claimant only.

The claim sets ``heartbeat_at``, and the build renews it with every percent of progress. A job
still ``running`` whose heartbeat is older than
:data:`~surveyor.services.reports.exports.STALE_AFTER` lost its worker (killed, host gone) and is
claimed again. A failed build is queued again after a back-off (1, 2, 4 ... minutes) until
:data:`MAX_ATTEMPTS`, then stays ``failed`` with its reason.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, or_, select, update

from surveyor.extensions import db
from surveyor.models import ExportJob
from surveyor.models.base import utcnow
from surveyor.services.reports import deck_templates
from surveyor.services.reports.decks import build_deck
from surveyor.services.reports.exports import (
    MAX_ATTEMPTS,
    abandoned,
    export_folder,
    give_up_abandoned,
)
from surveyor.services.reports.scope import ExportScope
from surveyor.services.reports.workbooks import build_workbook

log = logging.getLogger(__name__)
FIRST_RETRY = timedelta(minutes=1)
CANDIDATES = 20
"""Jobs a SQLite claim tries in one go; another worker may have taken the first ones."""


def run_due(now: datetime) -> int:
    """Claim and build jobs until none is due at ``now``; returns how many were built."""
    give_up_abandoned(now)
    built = 0
    while (job_id := claim(now)) is not None:
        built += build(job_id)
    return built


def claim(now: datetime) -> int | None:
    """Take the oldest job due at ``now`` for this worker, committed; ``None`` if there is none."""
    job_id = _claim_postgresql(now) if db.engine.dialect.name == "postgresql" else _claim(now)
    db.session.commit()
    return job_id


def _claim_postgresql(now: datetime) -> int | None:
    due = select(ExportJob.id).where(_due(now)).order_by(ExportJob.id).limit(1)
    job_id = db.session.scalar(due.with_for_update(skip_locked=True))
    if job_id is not None:
        db.session.execute(_claim_update(job_id))
    return job_id


def _claim(now: datetime) -> int | None:
    due = select(ExportJob.id).where(_due(now)).order_by(ExportJob.id).limit(CANDIDATES)
    for job_id in db.session.scalars(due).all():
        if db.session.execute(_claim_update(job_id).where(_due(now))).rowcount == 1:
            return job_id
    return None


def build(job_id: int) -> int:
    """Build a claimed job's file; returns 1 when it is done, 0 when it failed (and is retried)."""
    job = db.session.get(ExportJob, job_id)
    kind, client_id, attempts = job.kind, job.project.client_id, job.attempts
    project_id, options, stored_name = job.project_id, job.options, job.stored_name
    db.session.remove()  # end this transaction before _set writes on another connection
    try:
        scope = ExportScope.from_options(project_id, options)
        path = export_folder(current_app) / stored_name
        if kind == "deck":  # each builder reads in a snapshot of its own, holding no write lock
            build_deck(scope, path, deck_templates.template_of(client_id))
            rows = None
        else:
            rows = build_workbook(scope, path, _progress_writer(job_id))
    except Exception as error:
        db.session.remove()
        log.exception("export job %s failed (attempt %s)", job_id, attempts)
        _record_failure(job_id, attempts, error)
        return 0
    _set(job_id, status="done", progress=1.0, rows=rows, finished_at=utcnow(), error="")
    return 1


def retry_delay(attempts: int) -> timedelta:
    """Back-off after the ``attempts``-th failed attempt: 1, 2, 4 ... minutes."""
    return FIRST_RETRY * 2 ** (attempts - 1)


def _due(now: datetime):
    waiting = and_(
        ExportJob.status == "queued",
        or_(ExportJob.next_attempt_at.is_(None), ExportJob.next_attempt_at <= now),
    )
    return or_(waiting, and_(abandoned(now), ExportJob.attempts < MAX_ATTEMPTS))


def _claim_update(job_id: int):
    return (
        update(ExportJob)
        .where(ExportJob.id == job_id)
        .values(
            status="running",
            heartbeat_at=utcnow(),
            attempts=ExportJob.attempts + 1,
            next_attempt_at=None,
            progress=0.0,
        )
        .execution_options(synchronize_session=False)
    )


def _record_failure(job_id: int, attempts: int, error: Exception) -> None:
    reason = str(error)[:2000] or type(error).__name__
    if attempts < MAX_ATTEMPTS:
        retry_at = utcnow() + retry_delay(attempts)
        _set(job_id, status="queued", error=reason, next_attempt_at=retry_at, progress=0.0)
    else:
        _set(job_id, status="failed", error=reason, finished_at=utcnow())


def _progress_writer(job_id: int):
    last = [-1]

    def write(share: float) -> None:
        percent = int(share * 100)
        if percent > last[0]:
            last[0] = percent
            _set(job_id, progress=min(share, 0.99), heartbeat_at=utcnow())

    return write


def _set(job_id: int, **values) -> None:
    """Update the job on its own connection, so the export's read transaction is untouched."""
    with db.engine.begin() as connection:
        connection.execute(update(ExportJob).where(ExportJob.id == job_id).values(**values))
