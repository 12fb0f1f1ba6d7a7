"""When a measurement plan's periods fall due: monthly, quarterly or a cron expression.

Kept free of the database so the calendar arithmetic can be tested on its own. Times are UTC.
Cron expressions take five fields (minute hour day month weekday, as in crontab) or six with
seconds in front; they are evaluated by APScheduler 3's ``CronTrigger``, the same engine the
scheduler process runs on.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from apscheduler.triggers.cron import CronTrigger

MONTHS = {"monthly": 1, "quarterly": 3}
MAX_STEPS = 100_000
"""Upper bound on periods walked in one call, so a per-second cron after a long pause halts."""
_TICK = timedelta(microseconds=1)
WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


class InvalidRecurrence(ValueError):
    """The cron expression cannot be read; the message says what is wrong."""


def cron_trigger(expression: str) -> CronTrigger:
    """A UTC trigger from a five-field crontab line or a six-field line with seconds first.

    Weekday numbers follow crontab (0 and 7 Sunday, 1 Monday); APScheduler 3 counts from
    Monday = 0, so numbers are translated to day names before they reach it.
    """
    fields = expression.split()
    if len(fields) == 5:
        fields = ["0", *fields]
    if len(fields) != 6:
        raise InvalidRecurrence("A cron expression has five fields (or six, with seconds first).")
    second, minute, hour, day, month, weekday = fields
    try:
        return CronTrigger(
            second=second,
            minute=minute,
            hour=hour,
            day=day,
            month=month,
            day_of_week=weekday if "/" in weekday else re.sub(r"\d+", _weekday_name, weekday),
            timezone=UTC,
        )
    except ValueError as error:
        raise InvalidRecurrence(str(error)) from error


def _weekday_name(match: re.Match) -> str:
    return WEEKDAYS[int(match.group()) % 7]


def due_times(
    recurrence: str, cron: str, starts_at: datetime, after: datetime | None, until: datetime
) -> Iterator[datetime]:
    """Due times from ``starts_at`` on, after ``after`` (when given), not after ``until``."""
    if recurrence in MONTHS:
        times = _monthly(starts_at, MONTHS[recurrence])
    elif recurrence == "cron":
        begin = starts_at if after is None else max(starts_at, after + _TICK)
        times = _cron(cron_trigger(cron), begin)
    else:
        raise InvalidRecurrence(f"unknown recurrence {recurrence!r}")
    for step, moment in enumerate(times):
        if moment > until or step >= MAX_STEPS:
            return
        if after is None or moment > after:
            yield moment


def latest_due(
    recurrence: str, cron: str, starts_at: datetime, after: datetime | None, now: datetime
) -> datetime | None:
    """The most recent due time up to ``now``: missed earlier periods coalesce into it."""
    latest = None
    for latest in due_times(recurrence, cron, starts_at, after, now):  # noqa: B007
        pass
    return latest


def period_key(due: datetime) -> str:
    """The stable name of a period: its due time in UTC, to the second."""
    return due.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _monthly(starts_at: datetime, months: int) -> Iterator[datetime]:
    step = 0
    while True:
        total = starts_at.month - 1 + step * months
        year, month = starts_at.year + total // 12, total % 12 + 1
        day = min(starts_at.day, calendar.monthrange(year, month)[1])
        yield starts_at.replace(year=year, month=month, day=day)
        step += 1


def _cron(trigger: CronTrigger, begin: datetime) -> Iterator[datetime]:
    moment = trigger.get_next_fire_time(None, begin)
    while moment is not None:
        yield moment
        moment = trigger.get_next_fire_time(moment, moment + _TICK)
