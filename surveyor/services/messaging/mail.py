"""Outgoing e-mail is written to the outbox, in the transaction of the change that causes it.

:func:`send` only adds an :class:`~surveyor.models.plans.OutboxMessage` row to the caller's
session; it never talks to a mail server. The message is therefore committed together with the
wave, invitations or reminder claim it belongs to, or rolled back with them: an e-mail can never
link to a token that does not exist, and a transaction never waits for SMTP (on SQLite that
would hold the write lock while customers' answers queue). Delivery is a separate step of the
scheduler process, :mod:`surveyor.services.messaging.outbox`. SMTP settings come from ``app.config``
(``SMTP_HOST``, ``SMTP_PORT``, ``SMTP_USER``, ``SMTP_PASSWORD``, ``SMTP_STARTTLS``,
``MAIL_FROM``) or from the matching ``SURVEYOR_*`` environment variables.
"""

from __future__ import annotations

import os

from flask import current_app

from surveyor.extensions import db
from surveyor.models import User
from surveyor.models.plans import OutboxMessage
from surveyor.services import tenancy


def outbox_of(user: User, limit: int) -> list[OutboxMessage]:
    """E-mails of the user's clients' projects, newest first; administrators see every one
    (also those of no project, such as password resets): the tenancy scope decides both."""
    query = tenancy.scoped(user, OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
    return list(db.session.scalars(query))


def send(recipient: str, subject: str, body: str, project_id: int | None = None) -> OutboxMessage:
    """Queue the message in the caller's transaction; the scheduler delivers it after commit."""
    message = OutboxMessage(
        project_id=project_id, recipient=recipient, subject=subject[:200], body=body
    )
    db.session.add(message)
    return message


def smtp_configured() -> bool:
    return bool(setting("SMTP_HOST"))


def setting(name: str) -> str | None:
    """An SMTP setting from the app's configuration, else from ``SURVEYOR_<name>``."""
    value = current_app.config.get(name)
    if value in (None, ""):
        value = os.environ.get(f"SURVEYOR_{name}")
    return value or None
