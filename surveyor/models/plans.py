"""Measurement plans: when a project's waves open and close by themselves, and the outbox.

A plan turns a recurrence (monthly, quarterly or a cron expression) into periods; each period
is identified by ``period_key`` (the ISO time it became due, UTC). The wave of a period carries
``plan_id`` and ``period_key`` under a UNIQUE constraint, so opening a period is an
insert-if-absent: two scheduler processes, a manual trigger and a catch-up after downtime can
race, and the database lets exactly one wave through.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyor.extensions import db
from surveyor.models.base import Timestamped, utcnow

RECURRENCES = ("monthly", "quarterly", "cron")
ASSIGNMENT_RULES = ("none", "each_location_once")
DAY = 86_400
OUTBOX_STATUSES = ("pending", "sending", "sent", "failed")


def new_message_id() -> str:
    """A globally unique ``Message-ID`` chosen before the first attempt and kept for retries."""
    return f"<{uuid.uuid4().hex}@surveyor.outbox>"


class MeasurementPlan(Timestamped, db.Model):
    """How a project is measured again and again after its baseline.

    ``starts_at`` is the due time of the first period (the baseline when the project has no
    wave yet). Durations are stored in seconds so that tests can run periods of a few seconds;
    the UI speaks in days.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), unique=True
    )
    recurrence: Mapped[str] = mapped_column(String(20), default="quarterly")
    cron: Mapped[str] = mapped_column(String(120), default="")
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    field_seconds: Mapped[int] = mapped_column(Integer, default=21 * DAY)
    reminder_after_seconds: Mapped[int | None] = mapped_column(Integer)
    instrument_ids: Mapped[list] = mapped_column(JSON, default=list)
    location_ids: Mapped[list] = mapped_column(JSON, default=list)
    assignment_rule: Mapped[str] = mapped_column(String(30), default="each_location_once")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    project = relationship("Project")

    @property
    def field_days(self) -> float:
        return self.field_seconds / DAY


class OutboxMessage(db.Model):
    """Every e-mail Surveyor sends, committed with the state change that caused it.

    This is a transactional outbox: the row is written in the caller's transaction and the
    scheduler delivers it afterwards (:mod:`surveyor.services.messaging.outbox`), so a rolled-back
    wave never leaves an e-mail behind and a delivered e-mail never links to a token that was rolled
    back. ``status`` is ``pending`` (waiting, or waiting for a retry at ``next_attempt_at``),
    ``sending`` (claimed by a scheduler until ``next_attempt_at``), ``sent`` or ``failed``
    (gave up after the last attempt). ``message_id`` is the stable ``Message-ID`` header, the
    same on every attempt, so a duplicate after a crash can be recognised by the recipient.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    message_id: Mapped[str] = mapped_column(String(120), default=new_message_id, unique=True)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
