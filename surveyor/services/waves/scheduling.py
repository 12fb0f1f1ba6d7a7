"""Opening and closing a project's waves on its measurement plan, exactly once per period.

The guarantee lives in the database, not in the scheduler: a plan's wave is inserted with its
``(plan_id, period_key)`` under a UNIQUE constraint inside a savepoint, and a losing racer sees
an ``IntegrityError``, rolls the savepoint back and finds the winner's wave. So any number of
``surveyor scheduler`` processes, a consultant's manual trigger and a catch-up after downtime
open one wave per period. Missed periods coalesce: after downtime only the latest due period is
opened (if its field period is not already over), never a burst of stale waves.

Every function takes ``now`` so that tests and the scheduler decide what time it is.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask_babel import force_locale
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from surveyor.database import committed
from surveyor.extensions import db
from surveyor.labels import wave_name
from surveyor.models import MeasurementPlan, Project, Wave
from surveyor.models.base import as_utc
from surveyor.services.errors import Conflict
from surveyor.services.locations import wave_cache
from surveyor.services.waves import periods, wave_setup
from surveyor.services.webhooks import wave_events

log = logging.getLogger(__name__)
SEQUENCE_RETRIES = 5


def open_due_waves(now: datetime) -> list[int]:
    """Open the current period's wave of every active plan; commits per plan, returns wave ids."""
    opened = []
    plan_ids = db.session.scalars(
        select(MeasurementPlan.id).where(MeasurementPlan.active.is_(True))
    ).all()
    db.session.commit()
    for plan_id in plan_ids:
        plan = db.session.get(MeasurementPlan, plan_id)
        try:
            wave = open_current_period(plan, now)
        except periods.InvalidRecurrence as error:
            log.warning("plan %s has an unreadable recurrence: %s", plan_id, error)
            wave = None
        db.session.commit()
        if wave is not None:
            opened.append(wave.id)
    return opened


def open_current_period(plan: MeasurementPlan, now: datetime) -> Wave | None:
    """Open the wave of the latest period due at ``now``, unless it exists or is already over.

    The scheduler's step for each plan and the part of :func:`open_now` (the consultant's
    button); the caller commits.
    """
    due = current_due(plan, now)
    if due is None or due + timedelta(seconds=plan.field_seconds) <= now:
        return None
    return open_period(plan, due, now)


@committed
def open_now(plan: MeasurementPlan, now: datetime) -> str | None:
    """The consultant's "open now": the current period's wave, or the reason why it was not
    opened (a key of :func:`why_not_opened`)."""
    if open_current_period(plan, now) is not None:
        return None
    return why_not_opened(plan, now)


@committed
def set_wave_open(wave: Wave, is_open: bool, now: datetime) -> None:
    """A consultant opens or closes a wave by hand (:func:`open_wave`, :func:`close_wave`)."""
    if is_open:
        open_wave(wave, now)
    else:
        close_wave(wave, now)


def new_wave(project: Project, **fields) -> Wave:
    """A wave added by hand; :class:`Conflict` when its sequence number is taken."""
    wave = Wave(project_id=project.id, **fields)
    try:
        with db.session.begin_nested():
            db.session.add(wave)
    except IntegrityError:
        raise Conflict("This project has a wave with this sequence number already.") from None
    wave_events.status_changed(wave, "planned")
    return wave


add_wave = committed(new_wave)
"""The API's "new wave": :func:`new_wave`, saved at once."""


@committed
def change_wave(wave: Wave, fields: dict) -> None:
    """Save a wave's label, field period or status as given (checked by the caller's schema);
    an opened or closed wave is told to the project's webhooks."""
    before = wave.status
    for name, value in fields.items():
        setattr(wave, name, value)
    wave_events.status_changed(wave, before)


def why_not_opened(plan: MeasurementPlan, now: datetime) -> str:
    """Why :func:`open_current_period` opened nothing: ``not_due``, ``over`` or ``exists``.

    The "open now" button tells these apart: saying "already open" when the period's field time
    is over (or none is due) sends a consultant looking for a wave that is not there.
    """
    due = current_due(plan, now)
    if due is None:
        return "not_due"
    if _period_wave(plan.id, periods.period_key(due)) is not None:
        return "exists"
    return "over"


def current_due(plan: MeasurementPlan, now: datetime) -> datetime | None:
    """The latest due time up to ``now`` (periods opened before are walked past quickly)."""
    newest_key = db.session.scalar(select(func.max(Wave.period_key)).where(Wave.plan_id == plan.id))
    after = _parse_key(newest_key) if newest_key else None
    starts = as_utc(plan.starts_at)
    due = periods.latest_due(plan.recurrence, plan.cron, starts, after, now)
    if due is None and after is not None:
        return after
    return due


def open_period(plan: MeasurementPlan, due: datetime, now: datetime) -> Wave | None:
    """Insert the period's wave if absent; ``None`` when another process got there first."""
    key = periods.period_key(due)
    for _attempt in range(SEQUENCE_RETRIES):
        if _period_wave(plan.id, key) is not None:
            return None
        wave = _new_wave(plan, due, key)
        try:
            with db.session.begin_nested():
                db.session.add(wave)
        except IntegrityError:
            continue  # a period twin (seen on the next pass) or a taken sequence number
        wave_setup.prepare(plan, wave, now)
        wave_events.wave_opened(wave)
        log.info("opened wave %s (plan %s, period %s)", wave.id, plan.id, key)
        return wave
    return None


def close_due_waves(now: datetime) -> int:
    """Close every open wave whose field period has ended; one idempotent UPDATE.

    ``RETURNING`` names the waves this run closed, so each gets its ``wave.closed`` event once
    even when two schedulers race (the loser's UPDATE matches no row).

    The closed waves' answers are then counted per location once, here in the scheduler,
    rather than by the first person who opens their results (surveyor/services/locations/
    wave_cache.py).
    """
    closed = db.session.scalars(
        update(Wave)
        .where(Wave.status == "open", Wave.closes_at.is_not(None), Wave.closes_at <= now)
        .values(status="closed")
        .returning(Wave.id)
        .execution_options(synchronize_session=False)
    ).all()
    for wave_id in closed:
        wave_events.wave_closed(db.session.get(Wave, wave_id, populate_existing=True))
    db.session.commit()
    if closed:
        wave_cache.fresh_waves(closed)
    return len(closed)


def open_wave(wave: Wave, now: datetime) -> None:
    """A consultant opens a wave by hand (a planned one, or a closed one again).

    A plan's wave gets the links and assignments its plan's instruments still lack.
    """
    was_open = wave.status == "open"
    wave.status = "open"
    if wave.opens_at is None or as_utc(wave.opens_at) > now:
        wave.opens_at = now
    if wave.closes_at is not None and as_utc(wave.closes_at) <= now:
        wave.closes_at = None
    if wave.plan_id is not None:
        wave_setup.complete_wave(db.session.get(MeasurementPlan, wave.plan_id), wave)
    if not was_open:
        wave_events.wave_opened(wave)


def close_wave(wave: Wave, now: datetime) -> None:
    """A consultant ends a field period early (or one without an end date)."""
    was_closed = wave.status == "closed"
    wave.status = "closed"
    if wave.closes_at is None or as_utc(wave.closes_at) > now:
        wave.closes_at = now
    if not was_closed:
        db.session.flush()
        wave_events.wave_closed(wave)


def _new_wave(plan: MeasurementPlan, due: datetime, key: str) -> Wave:
    last = db.session.scalar(
        select(func.max(Wave.sequence)).where(Wave.project_id == plan.project_id)
    )
    sequence = 0 if last is None else last + 1
    with force_locale(plan.project.language):
        label = wave_name(sequence)
    return Wave(
        project_id=plan.project_id,
        sequence=sequence,
        label=label,
        opens_at=due,
        closes_at=due + timedelta(seconds=plan.field_seconds),
        status="open",
        plan_id=plan.id,
        period_key=key,
    )


def _period_wave(plan_id: int, key: str) -> Wave | None:
    return db.session.scalar(select(Wave).where(Wave.plan_id == plan_id, Wave.period_key == key))


def _parse_key(key: str) -> datetime:
    return datetime.fromisoformat(key.replace("Z", "+00:00"))
