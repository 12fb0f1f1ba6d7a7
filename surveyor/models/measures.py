"""Improvement measures: what a client changes at a touchpoint, to be judged wave over wave."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyor.extensions import db
from surveyor.models.base import Timestamped

MEASURE_CLUSTERS = ("operational", "it_support", "process", "training")
MEASURE_STATUSES = ("planned", "in_progress", "live", "dropped")

measure_pilot_location = Table(
    "measure_pilot_location",
    db.metadata,
    Column("measure_id", Integer, ForeignKey("measure.id", ondelete="CASCADE"), primary_key=True),
    Column("location_id", Integer, ForeignKey("location.id", ondelete="CASCADE"), primary_key=True),
)
"""The locations a measure is piloted in first; empty means it went live everywhere."""


class Measure(Timestamped, db.Model):
    """An improvement action; its ``go_live`` date marks the before/after split in trends."""

    id: Mapped[int] = mapped_column(primary_key=True)
    touchpoint_id: Mapped[int] = mapped_column(
        ForeignKey("touchpoint.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    title_de: Mapped[str] = mapped_column(String(200), default="", server_default="")
    description: Mapped[str] = mapped_column(Text, default="")
    cluster: Mapped[str] = mapped_column(String(20))
    owner: Mapped[str] = mapped_column(String(120), default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    go_live: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    touchpoint = relationship("Touchpoint", back_populates="measures")
    pilot_locations = relationship(
        "Location", secondary=measure_pilot_location, order_by="Location.name"
    )
