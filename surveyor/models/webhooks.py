"""Webhook subscriptions and the outbox of their deliveries (issue 21, "close the loop").

A delivery row is written in the transaction of the business change that caused the event
(:func:`surveyor.services.webhooks.events.record`), so an event exists exactly when its change was
committed; the worker delivers it afterwards (:mod:`surveyor.services.webhooks.delivery`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyor.extensions import db
from surveyor.models.base import Timestamped

DELIVERY_STATUSES = ("pending", "sending", "delivered")
"""No terminal failure: an undeliverable event waits (its subscription paused) and is never lost."""
PAUSE_REASONS = ("consultant", "failing")


class WebhookSubscription(Timestamped, db.Model):
    """A receiver of a project's events: where to POST, which events, and the signing secret.

    ``secret`` is kept in clear because every delivery is signed with it (HMAC needs the key
    itself); it is shown once when the subscription is created or rotated and never again.
    After a rotation ``previous_secret`` keeps signing next to the new one until
    ``previous_secret_until`` (a grace period for the receiver to switch), then it is ignored.
    ``failures`` counts failed attempts in a row; at ``services.webhooks.delivery.PAUSE_AFTER``
    the subscription is paused with ``pause_reason = "failing"`` and ``last_error`` says why.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(80), default="")
    url: Mapped[str] = mapped_column(String(2000))
    events: Mapped[list] = mapped_column(JSON, default=list)
    secret: Mapped[str] = mapped_column(String(80))
    previous_secret: Mapped[str | None] = mapped_column(String(80))
    previous_secret_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    rotated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    pause_reason: Mapped[str | None] = mapped_column(String(20))
    paused_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    project = relationship("Project")


class WebhookDelivery(Timestamped, db.Model):
    """One event for one subscription: the JSON body as it is sent, and how sending went.

    ``delivery_id`` is sent as the ``Surveyor-Delivery`` header and in the body, the same on
    every attempt, so a receiver that sees an event twice (a worker killed after the receiver
    answered and before the answer was recorded) recognises the duplicate.
    """

    __table_args__ = (Index("ix_webhook_delivery_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_subscription.id", ondelete="CASCADE"), index=True
    )
    delivery_id: Mapped[str] = mapped_column(String(40), unique=True)
    event: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    subscription = relationship("WebhookSubscription")
