"""Reading the audit log's filter from the query string; a bad value is named, never a 500."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from surveyor.models.audit import AUDIT_ACTIONS
from surveyor.services.privacy.audit import AuditFilter


def filter_from_args(args: MultiDict) -> tuple[AuditFilter, str | None]:
    """The filter, and a message when a value had to be ignored."""
    action = args.get("action", "")
    problem = None
    if action not in AUDIT_ACTIONS:
        action = ""
    try:
        since = _day(args.get("since", ""))
        until = _day(args.get("until", ""))
    except ValueError:
        since = until = None
        problem = _("Enter dates as YYYY-MM-DD; the date filter was ignored.")
    return AuditFilter(
        action=action,
        actor=args.get("actor", "")[:254],
        since=since,
        until=until + timedelta(days=1) if until else None,
    ), problem


def _day(value: str) -> datetime | None:
    if not value:
        return None
    return datetime.combine(date.fromisoformat(value[:10]), time(), tzinfo=UTC)
