"""Outgoing e-mail: through SMTP when configured, otherwise kept in the outbox table.

Every message is written to :class:`~surveyor.models.plans.OutboxMessage` in the caller's
transaction, so a message is never silently dropped and consultants can always see what was
(or would have been) sent. With SMTP configured the message is also handed to the server and
``sent_at`` or ``error`` records the outcome. Settings come from ``app.config`` (``SMTP_HOST``,
``SMTP_PORT``, ``SMTP_USER``, ``SMTP_PASSWORD``, ``SMTP_STARTTLS``, ``MAIL_FROM``) or from the
matching ``SURVEYOR_*`` environment variables.
"""

from __future__ import annotations

import logging
import os
import smtplib
from email.message import EmailMessage

from flask import current_app

from surveyor.extensions import db
from surveyor.models.base import utcnow
from surveyor.models.plans import OutboxMessage

log = logging.getLogger(__name__)
SMTP_TIMEOUT_SECONDS = 20


def send(recipient: str, subject: str, body: str, project_id: int | None = None) -> OutboxMessage:
    """Record the message and deliver it when SMTP is configured; never raises for SMTP errors."""
    message = OutboxMessage(
        project_id=project_id, recipient=recipient, subject=subject[:200], body=body
    )
    db.session.add(message)
    host = _setting("SMTP_HOST")
    if host:
        try:
            _deliver(host, message)
        except (OSError, smtplib.SMTPException) as error:
            log.warning("SMTP delivery to %s failed: %s", recipient, error)
            message.error = str(error)[:2000]
        else:
            message.sent_at = utcnow()
    return message


def smtp_configured() -> bool:
    return bool(_setting("SMTP_HOST"))


def _deliver(host: str, message: OutboxMessage) -> None:
    email = EmailMessage()
    email["From"] = _setting("MAIL_FROM") or "surveyor@localhost"
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email.set_content(message.body)
    port = int(_setting("SMTP_PORT") or 587)
    with smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
        if str(_setting("SMTP_STARTTLS") or "1") not in ("0", "false", "False"):
            smtp.starttls()
        user = _setting("SMTP_USER")
        if user:
            smtp.login(user, _setting("SMTP_PASSWORD") or "")
        smtp.send_message(email)


def _setting(name: str) -> str | None:
    value = current_app.config.get(name)
    if value in (None, ""):
        value = os.environ.get(f"SURVEYOR_{name}")
    return value or None
