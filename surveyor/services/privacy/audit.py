"""Writing and reading the audit log (GDPR Art. 5(2) accountability, Art. 32 security).

Append-only by construction: this module is the only writer and offers no update or delete, and
no route changes an event. :func:`record` adds the event to the caller's transaction, so an event
is stored exactly when what it describes is stored; a caller with nothing else to store (a
download) commits it itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import has_request_context, request
from sqlalchemy import Select, select

from surveyor import permissions
from surveyor.database import committed
from surveyor.extensions import db
from surveyor.models import AuditEvent, User
from surveyor.permissions import Action
from surveyor.services import tenancy

PAGE_SIZE = 200


def record(
    action: str,
    actor: User | None = None,
    target: str = "",
    client_id: int | None = None,
    details: dict | None = None,
    actor_email: str | None = None,
) -> AuditEvent:
    """Add one event to the session; ``actor_email`` names an actor without an account."""
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    event = AuditEvent(
        action=action,
        actor_id=actor.id if authenticated else None,
        actor_email=(actor.email if authenticated else actor_email or "")[:254],
        target=target[:200],
        client_id=client_id,
        details=details or {},
        address=(request.remote_addr or "")[:64] if has_request_context() else "",
    )
    db.session.add(event)
    return event


record_now = committed(record)
"""Record and save an event that stands alone (a download stores nothing else)."""


@dataclass(frozen=True)
class AuditFilter:
    """What an administrator narrows the log to; empty fields do not filter."""

    action: str = ""
    actor: str = ""
    since: datetime | None = None
    until: datetime | None = None


def events(user: User, wanted: AuditFilter, limit: int = PAGE_SIZE) -> list[AuditEvent]:
    """The newest events matching ``wanted``, newest first; the log is the administrators'
    (404 for everyone else, like the user administration), read through the tenancy scope."""
    permissions.require(user.role, Action.MANAGE_USERS)
    query = tenancy.scope(user, _query(wanted), AuditEvent)
    return list(db.session.scalars(query.limit(limit)))


def _query(wanted: AuditFilter) -> Select:
    query = select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
    if wanted.action:
        query = query.where(AuditEvent.action == wanted.action)
    if wanted.actor:
        query = query.where(AuditEvent.actor_email.contains(wanted.actor.strip().lower()))
    if wanted.since is not None:
        query = query.where(AuditEvent.occurred_at >= wanted.since)
    if wanted.until is not None:
        query = query.where(AuditEvent.occurred_at < wanted.until)
    return query
