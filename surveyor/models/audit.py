"""The audit log: who did what, when, from where.

Rows are only ever inserted (:mod:`surveyor.services.privacy.audit` has no update or delete, and no
route changes them), so the log can answer an auditor's or a data subject's question afterwards. The
actor's e-mail address is copied into the row: the log must still say who acted after the account
itself has been erased.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from surveyor.extensions import db
from surveyor.models.base import utcnow

AUDIT_ACTIONS = (
    "login.succeeded",
    "login.failed",
    "user.created",
    "user.locations",
    "instrument.published",
    "export.requested",
    "export.downloaded",
    "invitations.downloaded",
    "person.exported",
    "person.erased",
    "api_token.created",
    "api_token.revoked",
    "webhook.created",
    "webhook.paused",
    "webhook.resumed",
    "webhook.deleted",
    "webhook.secret_rotated",
)


class AuditEvent(db.Model):
    """One thing someone did that a controller must be able to account for."""

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    actor_email: Mapped[str] = mapped_column(String(254), default="", index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    target: Mapped[str] = mapped_column(String(200), default="")
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id", ondelete="SET NULL"))
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    address: Mapped[str] = mapped_column(String(64), default="")
