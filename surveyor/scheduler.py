"""The ``surveyor scheduler`` process: APScheduler 3 runs the wave jobs; web workers never do.

Ten interval jobs (close due waves, open due waves, queue reminders, open follow-up cases for
significant changes between closed waves, remind owners of overdue cases once, deliver the e-mail
outbox, deliver webhooks, build the queued exports, delete expired export workbooks, remove
personal data past its project's retention period) run one after another in a single worker
thread, except the export builds, which have a thread of their own (:data:`BUILDS`), so a long
export never delays a wave, a reminder, the outbox or a webhook. Several schedulers build
different exports in parallel (:mod:`surveyor.services.reports.export_worker`). The wave jobs only
write e-mails and webhook events to outboxes in their transactions; delivery is its own job
afterwards, so no transaction waits for a mail server or a receiver
(:mod:`surveyor.services.messaging.outbox`, :mod:`surveyor.services.webhooks.delivery`).
``coalesce=True`` turns runs missed while the process was busy or suspended into one run, and
``misfire_grace_time`` equals the interval: a run later than that is skipped because the next one
does the same work. Catching up after downtime needs no APScheduler job store: every run asks the
database which period is due now, and the first run happens immediately at start. Running two
schedulers by mistake is harmless, because the database constraint, not the process, makes opening
a period exactly-once (:mod:`surveyor.services.waves.scheduling`).
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from datetime import datetime

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from surveyor.extensions import db
from surveyor.models.base import utcnow
from surveyor.services.cases import overdue, wave_findings
from surveyor.services.messaging import outbox
from surveyor.services.privacy import retention
from surveyor.services.reports import export_worker, exports
from surveyor.services.surveys import reminders
from surveyor.services.waves import scheduling
from surveyor.services.webhooks import delivery as webhook_delivery

log = logging.getLogger(__name__)

JOBS: tuple[tuple[str, Callable[[datetime], object]], ...] = (
    ("close_due_waves", scheduling.close_due_waves),
    ("open_due_waves", scheduling.open_due_waves),
    ("send_reminders", reminders.send_reminders),
    ("open_wave_cases", wave_findings.open_wave_cases),
    ("remind_overdue_cases", overdue.remind_overdue),
    ("deliver_outbox", outbox.deliver_due),
    ("deliver_webhooks", webhook_delivery.deliver_due),
    ("build_exports", export_worker.run_due),
    ("remove_expired_exports", exports.remove_expired),
    ("remove_expired_personal_data", retention.remove_expired_personal_data),
)


BUILDS = frozenset({"build_exports"})
"""Jobs that may run for minutes; they get a thread of their own (the ``builds`` executor), so a
long workbook never delays opening a wave, a reminder or the delivery of the outbox."""


def build(app: Flask, interval: float) -> BlockingScheduler:
    """A blocking scheduler with the wave jobs every ``interval`` seconds, first run at once."""
    scheduler = BlockingScheduler(
        executors={
            "default": ThreadPoolExecutor(max_workers=1),
            "builds": ThreadPoolExecutor(max_workers=1),
        },
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": max(1, round(interval)),
        },
        timezone="UTC",
    )
    start = utcnow()
    for name, job in JOBS:
        scheduler.add_job(
            run_job,
            "interval",
            seconds=interval,
            args=(app, name, job),
            id=name,
            name=name,
            executor="builds" if name in BUILDS else "default",
            next_run_time=start,
        )
    return scheduler


def run_job(app: Flask, name: str, job: Callable[[datetime], object]) -> None:
    """Run one job in its own app context; a failure is logged and retried next interval."""
    with app.app_context():
        try:
            result = job(utcnow())
            if result:
                log.info("%s: %s", name, result)
        except Exception:
            log.exception("job %s failed", name)
            db.session.rollback()
        finally:
            db.session.remove()


def run(app: Flask, interval: float) -> None:
    """Block until SIGINT or SIGTERM, then stop without waiting for a running job."""
    scheduler = build(app, interval)

    def stop(_signum, _frame) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        scheduler.shutdown(wait=False)
