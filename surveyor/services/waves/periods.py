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

    Weekdays follow crontab (0 and 7 Sunday, 1 Monday; names ``sun`` to ``sat``). APScheduler 3
    counts from Monday = 0, and a step such as ``1-5/2`` walks its own numbering (Tuesday,
    Thursday, Saturday instead of crontab's Monday, Wednesday, Friday), so the field is expanded
    to the list of day names before it reaches APScheduler (:func:`crontab_weekdays`).
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
            day_of_week=crontab_weekdays(weekday),
            timezone=UTC,
        )
    except ValueError as error:
        raise InvalidRecurrence(str(error)) from error


def crontab_weekdays(field: str) -> str:
    """A crontab weekday field as APScheduler day names: ``1-5/2`` -> ``mon,wed,fri``."""
    if field == "*":
        return "*"
    days: set[int] = set()
    for part in field.lower().split(","):
        match = _WEEKDAY_PART.fullmatch(part)
        if match is None:
            raise InvalidRecurrence(f"Unreadable weekday {part!r}: use 0-7 or sun-sat.")
        first, last, step = match.group("first", "last", "step")
        if first == "*":
            low, high = 0, 6
        else:
            low = _weekday_number(first)
            high = _weekday_number(last) if last else (7 if step else low)
        if high < low:
            raise InvalidRecurrence(f"Weekday range {part!r} runs backwards.")
        days.update(number % 7 for number in range(low, high + 1, int(step or 1)))
    if not days:
        raise InvalidRecurrence(f"Weekday step in {field!r} selects no day.")
    return ",".join(WEEKDAYS[number] for number in sorted(days))


_WEEKDAY_PART = re.compile(
    r"(?P<first>\*|\d+|[a-z]{3})(?:-(?P<last>\d+|[a-z]{3}))?(?:/(?P<step>[1-9]\d*))?"
)


def _weekday_number(token: str) -> int:
    number = WEEKDAYS.index(token) if token in WEEKDAYS else int(token) if token.isdigit() else -1
    if not 0 <= number <= 7:
        raise InvalidRecurrence(f"Unknown weekday {token!r}: use 0-7 or sun-sat.")
    return number


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
    """The most recent due time up to ``now``: missed earlier periods coalesce into it.

    A cron plan is searched backwards from ``now`` in doubling windows (1 s, 2 s, 4 s ...), so
    the answer does not depend on how many periods were missed: walking forwards from the last
    opened period stops after :data:`MAX_STEPS` and would answer a stale period (or none) after
    a long pause of a frequent plan.
    """
    if recurrence != "cron":
        return _last(due_times(recurrence, cron, starts_at, after, now))
    trigger = cron_trigger(cron)
    floor = starts_at if after is None else max(starts_at, after + _TICK)
    span = timedelta(seconds=1)
    while floor <= now:
        begin = max(floor, now - span)
        latest = _last(_until(_cron(trigger, begin), now))
        if latest is not None or begin == floor:
            return latest
        span *= 2
    return None


def _last(times: Iterator[datetime]) -> datetime | None:
    latest = None
    for latest in times:  # noqa: B007
        pass
    return latest


def _until(times: Iterator[datetime], until: datetime) -> Iterator[datetime]:
    for step, moment in enumerate(times):
        if moment > until or step >= MAX_STEPS:
            return
        yield moment


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
