"""The engagement around the measurements: the client interview and the ten steps' notes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from surveyor.extensions import db
from surveyor.models.base import Timestamped

ENGAGEMENT_STEPS = tuple(range(1, 11))
"""The ten steps of the touchpoint method, numbered as the method numbers them."""


class ClientInterview(Timestamped, db.Model):
    """Stage one of an engagement: what the client told the consultant before any measuring.

    One per project; the later workshop and the measures refer back to the goals and challenges
    recorded here, so it is kept as structured fields rather than a free document.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), unique=True
    )
    held_on: Mapped[date | None] = mapped_column(Date)
    attendees: Mapped[str] = mapped_column(Text, default="")
    situations: Mapped[str] = mapped_column(Text, default="")
    challenges: Mapped[str] = mapped_column(Text, default="")
    goals: Mapped[str] = mapped_column(Text, default="")
    vision: Mapped[str] = mapped_column(Text, default="")


class EngagementStepNote(Timestamped, db.Model):
    """The consultant's word on one of the ten steps: a note, and whether it is done.

    Surveyor sees the evidence of most steps in its own data; some (resources, processes and IT
    systems; integration into daily business) happen outside it, and the consultant says so here.
    """

    __table_args__ = (UniqueConstraint("project_id", "step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    step: Mapped[int] = mapped_column(Integer)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(String(2000), default="")
