"""What customers, employees and shoppers submitted.

A response stores the client-generated ``submission_id`` under a UNIQUE constraint and a hash of
its content: a retry with the same id and content is acknowledged without a second row, a
replay with different content is refused. Answers are keyed by (response, item), so one response
can never hold two answers to the same item.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyor.extensions import db
from surveyor.models.base import utcnow

RESPONDENT_GROUPS = ("customer", "employee", "shopper")


class Response(db.Model):
    """One submitted questionnaire or shop, tied to the exact instrument version and wave."""

    __table_args__ = (
        Index("ix_response_wave_version_group", "wave_id", "version_id", "respondent_group"),
        Index("ix_response_wave_id", "wave_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[str] = mapped_column(String(64), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    version_id: Mapped[int] = mapped_column(ForeignKey("instrument_version.id"), index=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("wave.id", ondelete="CASCADE"))
    respondent_group: Mapped[str] = mapped_column(String(20))
    location_id: Mapped[int | None] = mapped_column(
        ForeignKey("location.id", ondelete="SET NULL"), index=True
    )
    channel: Mapped[str | None] = mapped_column(String(20))
    """Where the customer was reached, from the link's hidden field (one of ``CHANNELS``)."""
    reference: Mapped[str | None] = mapped_column(String(80))
    """An employee or case reference from the link's hidden field, for follow-up by the client."""
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version = relationship("InstrumentVersion")
    wave = relationship("Wave")
    location = relationship("Location")


class Answer(db.Model):
    """A response's answer to one non-Kano item; ``earned`` holds checklist points."""

    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), primary_key=True, index=True)
    number: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str | None] = mapped_column(Text)
    not_applicable: Mapped[bool] = mapped_column(Boolean, default=False)
    earned: Mapped[float | None] = mapped_column(Float)


class KanoAnswer(db.Model):
    """A functional/dysfunctional answer pair (1-5 each) and the optional importance (1-9).

    Stored as one row so that results come from ``GROUP BY item, functional, dysfunctional``.
    The index on response and pair lets a wave's pairs be read from the index alone, so the
    scorecard's GROUP BY per location does not scan the answers of every other wave.
    """

    __table_args__ = (
        Index(
            "ix_kano_answer_response_pairs", "response_id", "item_id", "functional", "dysfunctional"
        ),
    )

    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), primary_key=True, index=True)
    functional: Mapped[int] = mapped_column(SmallInteger)
    dysfunctional: Mapped[int] = mapped_column(SmallInteger)
    importance: Mapped[int | None] = mapped_column(SmallInteger)


class LocationTally(db.Model):
    """Counts of one closed wave's customer answers per location, kept so that results by
    location read a few thousand rows instead of every answer (issue 20, "Speed").

    ``item_id`` None: the number of responses; a scale item: ``first`` is the answer value; a
    Kano feature: ``first``/``second``/``third`` are the functional/dysfunctional answers and the
    importance. Written by
    :mod:`surveyor.services.locations.wave_cache`, never by hand.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("wave.id", ondelete="CASCADE"), index=True)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id", ondelete="CASCADE"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("item.id", ondelete="CASCADE"))
    first: Mapped[int | None] = mapped_column(SmallInteger)
    second: Mapped[int | None] = mapped_column(SmallInteger)
    third: Mapped[int | None] = mapped_column(SmallInteger)
    """A Kano pair's self-stated importance (1-9), when asked."""
    count: Mapped[int] = mapped_column(Integer)


class WaveTally(db.Model):
    """When a wave's :class:`LocationTally` rows were made, up to which response: the rows are
    used only while the wave is closed and its newest response is still that one (a wave
    reopened for late answers makes them stale; an erasure of personal data drops them)."""

    wave_id: Mapped[int] = mapped_column(
        ForeignKey("wave.id", ondelete="CASCADE"), primary_key=True
    )
    last_response_id: Mapped[int] = mapped_column(Integer)
    refreshed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
