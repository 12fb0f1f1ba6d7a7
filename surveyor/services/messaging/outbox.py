"""Delivering the outbox: the scheduler's step that hands committed messages to SMTP.

Each message is delivered in three short steps, and no database transaction is open while the
mail server is talked to (on SQLite the scheduler's transactions hold the write lock):

1. *claim*: a conditional ``UPDATE ... SET status = 'sending', attempts = attempts + 1`` of a
   message that is due; only the scheduler whose update changed the row goes on, so concurrent
   schedulers deliver a message once. The claim is a lease until ``next_attempt_at``.
2. *hand over*: the message goes to SMTP with its stored ``Message-ID`` header.
3. *record*: right after the server accepted the message, ``status = 'sent'`` and
   ``delivered_at`` are committed; a refusal records ``last_error`` and schedules a retry with
   exponential back-off, or gives up (``failed``) after :data:`MAX_ATTEMPTS` or on a permanent
   (5xx) answer.

The one window left is between the server's "250 accepted" and the commit of step 3, a single
local UPDATE. A scheduler killed inside it leaves the message ``sending``; once the lease has
expired the message is delivered again, with the same ``Message-ID``, so that the duplicate can
be recognised. At-least-once with a recognisable duplicate is chosen over at-most-once because a
lost invitation is worse than a repeated one.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import and_, or_, select, update

from surveyor.extensions import db
from surveyor.models.base import utcnow
from surveyor.models.plans import OutboxMessage
from surveyor.services.messaging import mail

log = logging.getLogger(__name__)
SMTP_TIMEOUT_SECONDS = 20
LEASE = timedelta(seconds=3 * SMTP_TIMEOUT_SECONDS)
"""How long a claim protects a message; longer than any SMTP conversation can take."""


def smtp_timeout() -> float:
    """``SMTP_TIMEOUT`` seconds (setting or ``SURVEYOR_SMTP_TIMEOUT``), 20 by default."""
    return float(mail.setting("SMTP_TIMEOUT") or SMTP_TIMEOUT_SECONDS)


def lease() -> timedelta:
    """Three SMTP timeouts: a claim outlives any conversation its scheduler can still be in."""
    return timedelta(seconds=3 * smtp_timeout())


MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LAST_RETRY = timedelta(hours=6)
BATCH = 200


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    starttls: bool
    user: str | None
    password: str
    sender: str

    @classmethod
    def from_config(cls) -> SmtpSettings | None:
        host = mail.setting("SMTP_HOST")
        if not host:
            return None
        return cls(
            host=host,
            port=int(mail.setting("SMTP_PORT") or 587),
            starttls=str(mail.setting("SMTP_STARTTLS") or "1") not in ("0", "false", "False"),
            user=mail.setting("SMTP_USER"),
            password=mail.setting("SMTP_PASSWORD") or "",
            sender=mail.setting("MAIL_FROM") or "surveyor@localhost",
        )


def deliver_due(now: datetime) -> int:
    """Deliver every message due at ``now``; returns how many the SMTP server accepted.

    Without an SMTP server configured, messages stay ``pending`` in the outbox.
    """
    settings = SmtpSettings.from_config()
    if settings is None:
        return 0
    ids = db.session.scalars(
        select(OutboxMessage.id).where(_due(now)).order_by(OutboxMessage.id).limit(BATCH)
    ).all()
    db.session.commit()
    delivered = 0
    with _Connection(settings) as connection:
        for message_id in ids:
            email = _claim(message_id, now, settings.sender)
            db.session.commit()
            if email is not None:
                delivered += _hand_over(connection, message_id, email, now)
                db.session.commit()
    return delivered


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off after the ``attempts``-th failed attempt: 1, 2, 4 ... minutes."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LAST_RETRY)


def _due(now: datetime):
    waiting = or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now)
    abandoned = and_(OutboxMessage.status == "sending", OutboxMessage.next_attempt_at <= now)
    return or_(and_(OutboxMessage.status == "pending", waiting), abandoned)


def _claim(message_id: int, now: datetime, sender: str) -> EmailMessage | None:
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, _due(now))
        .values(
            status="sending",
            attempts=OutboxMessage.attempts + 1,
            next_attempt_at=max(now, utcnow()) + lease(),
        )
    )
    if claimed.rowcount != 1:
        return None
    row = db.session.execute(
        select(
            OutboxMessage.recipient,
            OutboxMessage.subject,
            OutboxMessage.body,
            OutboxMessage.message_id,
        ).where(OutboxMessage.id == message_id)
    ).one()
    email = EmailMessage()
    email["From"] = sender
    email["To"] = row.recipient
    email["Subject"] = row.subject
    email["Message-ID"] = row.message_id
    email.set_content(row.body)
    return email


def _hand_over(connection: _Connection, message_id: int, email: EmailMessage, now) -> int:
    try:
        connection.send(email)
    except (OSError, smtplib.SMTPException) as error:
        log.warning("SMTP delivery of outbox message %s failed: %s", message_id, error)
        _record_failure(message_id, error, now)
        return 0
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .values(status="sent", delivered_at=utcnow(), next_attempt_at=None, last_error=None)
    )
    return 1


def _record_failure(message_id: int, error: Exception, now: datetime) -> None:
    attempts = db.session.scalar(
        select(OutboxMessage.attempts).where(OutboxMessage.id == message_id)
    )
    permanent = isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500
    permanent = permanent or isinstance(error, smtplib.SMTPRecipientsRefused)
    give_up = permanent or attempts >= MAX_ATTEMPTS
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .values(
            status="failed" if give_up else "pending",
            next_attempt_at=None if give_up else now + retry_delay(attempts),
            last_error=str(error)[:2000] or type(error).__name__,
        )
    )


class _Connection:
    """One SMTP session for a batch, reopened after an error."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> _Connection:
        return self

    def __exit__(self, *_exc) -> None:
        self._close()

    def send(self, email: EmailMessage) -> None:
        try:
            if self.smtp is None:
                self.smtp = self._open()
            self.smtp.send_message(email)
        except (OSError, smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError):
            self._close()
            raise

    def _open(self) -> smtplib.SMTP:
        settings = self.settings
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=smtp_timeout())
        try:
            if settings.starttls:
                smtp.starttls()
            if settings.user:
                smtp.login(settings.user, settings.password)
        except BaseException:
            smtp.close()
            raise
        return smtp

    def _close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
            self.smtp = None
