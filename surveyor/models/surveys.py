"""How respondents reach a questionnaire: public links per wave and group, and invitations.

Tokens carry 128 bits or more from ``secrets`` (a CSPRNG), so they cannot be guessed; misses are
still recorded per network address so that guessing is throttled.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyor.extensions import db
from surveyor.models.base import Timestamped, utcnow


class SurveyLink(Timestamped, db.Model):
    """The public link (and QR code) of one instrument for one wave and respondent group.

    ``many_per_device``: a counter tablet, where many people answer one after the other on the
    same device. Without it a device that has answered the link once is told so instead of
    storing a second response (a customer pressing Back and sending again counts once).
    """

    __table_args__ = (UniqueConstraint("instrument_id", "wave_id", "respondent_group"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    instrument_id: Mapped[int] = mapped_column(
        ForeignKey("instrument.id", ondelete="CASCADE"), index=True
    )
    wave_id: Mapped[int] = mapped_column(ForeignKey("wave.id", ondelete="CASCADE"), index=True)
    respondent_group: Mapped[str] = mapped_column(String(20))
    # Anonymous: an invitation of this link is marked used, but the response never learns which.
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    many_per_device: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    plan_invited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """When the measurement plan sent this link to the wave's invitees (surveyor/services/waves/
    wave_setup.py); set once, so saving the plan again sends nobody a second e-mail."""
    instrument = relationship("Instrument")
    wave = relationship("Wave")
    invitations = relationship(
        "Invitation",
        back_populates="link",
        cascade="all, delete-orphan",
        order_by="Invitation.id",
    )


class Invitation(Timestamped, db.Model):
    """A single-use personal link for one recipient; ``used_at`` is set by the submission."""

    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(
        ForeignKey("survey_link.id", ondelete="CASCADE"), index=True
    )
    token: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(120), default="")
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    response_id: Mapped[int | None] = mapped_column(ForeignKey("response.id", ondelete="SET NULL"))
    location_id: Mapped[int | None] = mapped_column(
        ForeignKey("location.id", ondelete="SET NULL"), index=True
    )
    """The location named in the recipient list; the response is counted for it."""
    link = relationship("SurveyLink", back_populates="invitations")
    location = relationship("Location")


class TokenMiss(db.Model):
    """An unknown token was tried; counted per address to slow down guessing."""

    id: Mapped[int] = mapped_column(primary_key=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    missed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
