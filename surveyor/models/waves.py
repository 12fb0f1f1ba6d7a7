"""Measurement waves: wave 0 is the baseline ("Nullmessung"), later waves repeat it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyor.extensions import db
from surveyor.models.base import Timestamped

WAVE_STATUSES = ("planned", "open", "closed")


class Wave(Timestamped, db.Model):
    """A field period of a project in which instruments collect responses."""

    __table_args__ = (
        UniqueConstraint("project_id", "sequence"),
        UniqueConstraint("plan_id", "period_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    sequence: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(120))
    opens_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closes_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20), default="planned")
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("measurement_plan.id", ondelete="SET NULL")
    )
    period_key: Mapped[str | None] = mapped_column(String(40))
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    personal_data_removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    project = relationship("Project", back_populates="waves")

    @property
    def is_baseline(self) -> bool:
        return self.sequence == 0
