"""Mystery shops: who visits which location when, what they brought back, and its review.

An :class:`Assignment` is the unit of work (shopper + location + checklist + wave + visit window).
The shop itself is an ordinary :class:`~surveyor.models.responses.Response` with respondent group
``shopper``; the assignment points at it through ``response_id`` (UNIQUE), so a response can belong
to at most one assignment. Results count a response only when its assignment is ``approved``, which
is what keeps unreviewed, returned or replaced submissions out of the figures.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyor.extensions import db
from surveyor.models.base import Timestamped, utcnow

ASSIGNMENT_STATUSES = ("assigned", "submitted", "in_review", "approved", "returned")
# Statuses in which the shopper may (re)submit the shop.
OPEN_STATUSES = frozenset({"assigned", "returned"})


class Assignment(Timestamped, db.Model):
    """One planned shop: ``shopper`` visits ``location`` with ``instrument`` in ``wave``.

    ``response_id`` is set when the shop is submitted; a resubmission after "returned" points it
    at the new response. ``return_comment`` is what the reviewer asked the shopper to fix.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    shopper_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    location_id: Mapped[int] = mapped_column(
        ForeignKey("location.id", ondelete="CASCADE"), index=True
    )
    instrument_id: Mapped[int] = mapped_column(
        ForeignKey("instrument.id", ondelete="CASCADE"), index=True
    )
    wave_id: Mapped[int] = mapped_column(ForeignKey("wave.id", ondelete="CASCADE"), index=True)
    visit_from: Mapped[date] = mapped_column(Date)
    visit_to: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="assigned", index=True)
    return_comment: Mapped[str] = mapped_column(Text, default="")
    response_id: Mapped[int | None] = mapped_column(
        ForeignKey("response.id", ondelete="SET NULL"), unique=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    shopper = relationship("User", foreign_keys=[shopper_id])
    created_by = relationship("User", foreign_keys=[created_by_id])
    reviewed_by = relationship("User", foreign_keys=[reviewed_by_id])
    location = relationship("Location")
    instrument = relationship("Instrument")
    wave = relationship("Wave")
    response = relationship("Response")

    def is_late(self, today: date) -> bool:
        """Past the visit window and still not handed in."""
        return self.status in OPEN_STATUSES and today > self.visit_to


class ShopVisit(db.Model):
    """When (and, with the shopper's consent, where) the visit of one submitted shop happened."""

    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), primary_key=True
    )
    visit_date: Mapped[date] = mapped_column(Date)
    time_in: Mapped[time | None] = mapped_column(Time)
    time_out: Mapped[time | None] = mapped_column(Time)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    response = relationship("Response")


class Photo(Timestamped, db.Model):
    """A verified, re-encoded photo answering a photo item; the file lives under ``storage_key``.

    ``upload_id`` is generated on the device so that a retried upload is stored once.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), index=True)
    upload_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    storage_key: Mapped[str] = mapped_column(String(255), unique=True)
    mime: Mapped[str] = mapped_column(String(40))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    bytes: Mapped[int] = mapped_column(Integer)
    response = relationship("Response")
    item = relationship("Item")


class ReviewComment(Timestamped, db.Model):
    """A reviewer's note on one item of a shop (``item_id`` None: on the shop as a whole)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int | None] = mapped_column(ForeignKey("item.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    author = relationship("User")
    item = relationship("Item")


class AnswerCorrection(Timestamped, db.Model):
    """Audit trail of a reviewer's correction: who, when (``created_at``), old and new value, why.

    Values are stored as ``{"number": ..., "text": ..., "not_applicable": ...}`` so the original
    answer can be read back exactly; ``old_earned``/``new_earned`` show the effect on the score.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    old_value: Mapped[dict] = mapped_column(JSON)
    new_value: Mapped[dict] = mapped_column(JSON)
    old_earned: Mapped[float | None] = mapped_column(Float)
    new_earned: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    user = relationship("User")
    item = relationship("Item")
