"""A client's customer journey: projects, phases, touchpoints and the locations shopped."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyor.extensions import db
from surveyor.models.base import Timestamped

PHASE_KINDS = ("pre_sales", "purchase", "after_sales", "other")
CHANNELS = ("phone", "email", "web", "store", "portal", "chat", "letter", "app", "social", "other")


class Project(Timestamped, db.Model):
    """One engagement with a client: its journey, instruments, waves and measures."""

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # Privacy by design (GDPR Art. 13, 5(1)(e)): the notice respondents and shoppers see, and
    # how many days after a wave closes its personal data is removed (None: kept).
    privacy_controller: Mapped[str] = mapped_column(String(200), default="")
    privacy_contact: Mapped[str] = mapped_column(String(200), default="")
    privacy_purpose_en: Mapped[str] = mapped_column(Text, default="")
    privacy_purpose_de: Mapped[str] = mapped_column(Text, default="")
    retention_days: Mapped[int | None] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(5), default="en", server_default="en")
    """What the project's invitations and reminders speak: customers have no account to ask."""
    min_location_n: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    """Locations and regions with fewer responses are shown but marked and never ranked: the
    consultant sets how many answers a fair comparison needs (docs/method.md)."""
    client = relationship("Client", back_populates="projects")
    phases = relationship(
        "Phase", back_populates="project", order_by="Phase.position", cascade="all, delete-orphan"
    )
    touchpoints = relationship(
        "Touchpoint",
        back_populates="project",
        order_by="Touchpoint.position",
        cascade="all, delete-orphan",
    )
    locations = relationship(
        "Location",
        back_populates="project",
        order_by="Location.name",
        cascade="all, delete-orphan",
    )
    waves = relationship(
        "Wave", back_populates="project", order_by="Wave.sequence", cascade="all, delete-orphan"
    )


class Phase(db.Model):
    """A stage of the journey (pre-sales, purchase, after-sales), ordered by ``position``."""

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(80))
    name_de: Mapped[str] = mapped_column(String(80), default="", server_default="")
    """Optional German name; German readers see it, everyone else (or without it) ``name``."""
    kind: Mapped[str] = mapped_column(String(20), default="other")
    position: Mapped[int] = mapped_column(Integer, default=0)
    project = relationship("Project", back_populates="phases")
    touchpoints = relationship("Touchpoint", back_populates="phase")


class Touchpoint(Timestamped, db.Model):
    """A point of contact, measured by instruments; ``weight`` ranks it in the project index."""

    __table_args__ = (CheckConstraint("weight > 0", name="weight_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    phase_id: Mapped[int | None] = mapped_column(
        ForeignKey("phase.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    name_de: Mapped[str] = mapped_column(String(120), default="", server_default="")
    channel: Mapped[str] = mapped_column(String(20))
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    project = relationship("Project", back_populates="touchpoints")
    phase = relationship("Phase", back_populates="touchpoints")
    instruments = relationship(
        "Instrument", back_populates="touchpoint", cascade="all, delete-orphan"
    )
    measures = relationship("Measure", back_populates="touchpoint", cascade="all, delete-orphan")


LOCATION_KINDS = ("branch", "region")


class Location(Timestamped, db.Model):
    """A place where customers meet the client: a branch, a hotline team, a shop.

    Locations form a shallow hierarchy: a ``region`` groups branches through ``parent_id``
    (a branch may have no region). Competitors are shopped for benchmarks and stay outside
    every region. ``code`` is the short identifier printed in survey links and QR codes and
    used in recipient lists; it is unique within the project when set.
    """

    __table_args__ = (
        CheckConstraint("kind IN ('branch', 'region')", name="location_kind"),
        Index(
            "uq_location_project_code",
            "project_id",
            "code",
            unique=True,
            sqlite_where=text("code <> ''"),
            postgresql_where=text("code <> ''"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    city: Mapped[str] = mapped_column(String(80), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    is_competitor: Mapped[bool] = mapped_column(Boolean, default=False)
    competitor_name: Mapped[str] = mapped_column(String(120), default="")
    kind: Mapped[str] = mapped_column(String(20), default="branch", server_default="branch")
    code: Mapped[str] = mapped_column(String(40), default="", server_default="")
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("location.id", ondelete="SET NULL"), index=True, nullable=True
    )
    project = relationship("Project", back_populates="locations")
    parent = relationship("Location", remote_side=[id], foreign_keys=[parent_id])


location_access = Table(
    "location_access",
    db.metadata,
    Column("user_id", Integer, ForeignKey("user.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "location_id",
        Integer,
        ForeignKey("location.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)
"""Client staff limited to some locations: a user with rows here sees only those locations'
location-scoped results (a region grants its branches); a user without rows sees the client."""
