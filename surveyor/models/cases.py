"""Closing the loop: alert rules a consultant authors, and the follow-up cases they open.

A rule watches one signal of a project (a detractor, a low CSAT, a Kano "I dislike it", a
critical checklist failure, a low shop score, a significant drift or drop between waves),
optionally only at some touchpoints or locations, and names who is told. A case is one matching
response, shop or wave finding, with an owner, a due date and a status. ``(rule_id, key)`` is
UNIQUE, so a retried submission or a second scheduler run never opens the same case twice.

``hours_to_close`` and ``closed_in_time`` are written when a case closes, so that loop metrics
are plain ``GROUP BY`` counts on both databases (no dialect-specific date arithmetic).
The customer's contact details (given only with their consent) live on the case and nowhere
else; retention removes them with the case's other personal data.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyor.extensions import db
from surveyor.models.base import Timestamped, as_utc, utcnow

RULE_KINDS = (
    "nps_detractor",
    "csat_at_most",
    "kano_dislike",
    "critical_failure",
    "shop_score_below",
    "drift",
    "wave_drop",
)
RESPONSE_KINDS = frozenset({"nps_detractor", "csat_at_most", "kano_dislike"})
SHOP_KINDS = frozenset({"critical_failure", "shop_score_below"})
WAVE_KINDS = frozenset({"drift", "wave_drop"})
CASE_STATUSES = ("open", "in_progress", "resolved", "no_action")
OPEN_CASE_STATUSES = frozenset({"open", "in_progress"})


class AlertRule(Timestamped, db.Model):
    """What a consultant wants to hear about, where, and who is told.

    ``touchpoint_ids``/``location_ids`` empty mean "everywhere"; ``recipient_ids`` are users with
    access to the project's client; the first client staff member among them owns the cases.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    name_de: Mapped[str] = mapped_column(String(120), default="", server_default="")
    kind: Mapped[str] = mapped_column(String(30))
    threshold: Mapped[float | None] = mapped_column(Float)
    touchpoint_ids: Mapped[list] = mapped_column(JSON, default=list)
    location_ids: Mapped[list] = mapped_column(JSON, default=list)
    recipient_ids: Mapped[list] = mapped_column(JSON, default=list)
    due_days: Mapped[int] = mapped_column(Integer, default=7)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """Wave-level rules: when the scheduler last compared waves for this rule."""


class FollowUpCase(db.Model):
    """One moment someone should act on; its evidence is read from the response it points at."""

    __tablename__ = "follow_up_case"
    __table_args__ = (
        UniqueConstraint("rule_id", "key"),
        CheckConstraint(
            "status IN ('open', 'in_progress', 'resolved', 'no_action')", name="case_status"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("alert_rule.id", ondelete="SET NULL"))
    key: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(30))
    summary: Mapped[dict] = mapped_column(JSON, default=dict)
    """What matched, as data (e.g. ``{"nps": 3}``), worded by the page in the reader's language."""
    touchpoint_id: Mapped[int | None] = mapped_column(
        ForeignKey("touchpoint.id", ondelete="SET NULL"), index=True
    )
    location_id: Mapped[int | None] = mapped_column(
        ForeignKey("location.id", ondelete="SET NULL"), index=True
    )
    wave_id: Mapped[int | None] = mapped_column(
        ForeignKey("wave.id", ondelete="CASCADE"), index=True
    )
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("response.id", ondelete="SET NULL"), index=True
    )
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    hours_to_close: Mapped[int | None] = mapped_column(Integer)
    closed_in_time: Mapped[bool | None] = mapped_column(Boolean)
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolution_note: Mapped[str] = mapped_column(Text, default="")
    contact_name: Mapped[str] = mapped_column(String(120), default="")
    contact_details: Mapped[str] = mapped_column(String(254), default="")
    """How the customer agreed to be reached; shown to the owner only."""
    rule = relationship("AlertRule")
    owner = relationship("User")
    touchpoint = relationship("Touchpoint")
    location = relationship("Location")
    wave = relationship("Wave")

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_CASE_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and as_utc(self.due_at) < utcnow()
