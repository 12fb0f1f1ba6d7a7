"""Workshops: the room where perceptions become causes and causes become measures.

A workshop walks the journey through six worlds (the first four from the company's side, then
the customer's). Participants join from their phones without an account and add cards; the
facilitator groups perception cards into clusters, links clusters to possible reasons that are
narrowed down to causes, lets participants vote with dots, and turns causes into measures of
the existing measure list. The link tables keep the whole chain, so a measure can be traced back
to the cards (and who raised them) and forward to its measured effect.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyor.extensions import db
from surveyor.models.base import Timestamped

WORLDS = ("company", "customer", "experience", "perception", "cause", "measure")
"""In the order the workshop walks them; the perspective switches after the fourth."""
PARTICIPANT_ROLES = ("employee", "customer", "partner")
CAUSE_STAGES = ("reason", "cause")
"""Divergent, then convergent: a possible reason is promoted to a cause once the group agrees."""

CARD_TEXT_MAX = 280
TITLE_MAX = 200


def _linked_to_causes(name: str, column: str, target: str) -> Table:
    """A many-to-many table between causes and ``target`` rows; both sides cascade."""
    return Table(
        name,
        db.metadata,
        Column(
            "cause_id",
            Integer,
            ForeignKey("workshop_cause.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column(column, Integer, ForeignKey(f"{target}.id", ondelete="CASCADE"), primary_key=True),
    )


cause_cluster = _linked_to_causes("workshop_cause_cluster", "cluster_id", "workshop_cluster")
cause_measure = _linked_to_causes("workshop_cause_measure", "measure_id", "measure")


class Workshop(Timestamped, db.Model):
    """One workshop of a project; ``world`` is the world open on the board (None: none yet).

    ``join_code`` is the short code participants type (or scan as a QR code); closing it stops
    new joins but not the participants already in. ``key`` names the workshop in participants'
    URLs, so a closed or changed join code does not lock them out. ``revision`` is raised by
    every change of the facilitator, and is part of the board's ETag.
    """

    __table_args__ = (
        CheckConstraint("card_limit > 0", name="card_limit_positive"),
        CheckConstraint("vote_budget > 0", name="vote_budget_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    title_de: Mapped[str] = mapped_column(String(TITLE_MAX), default="", server_default="")
    held_on: Mapped[date | None] = mapped_column(Date)
    world: Mapped[str | None] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(32), unique=True)
    join_code: Mapped[str] = mapped_column(String(12), unique=True)
    join_open: Mapped[bool] = mapped_column(Boolean, default=True)
    voting_open: Mapped[bool] = mapped_column(Boolean, default=False)
    card_limit: Mapped[int] = mapped_column(Integer, default=30)
    vote_budget: Mapped[int] = mapped_column(Integer, default=5)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    project = relationship("Project")
    facilitator = relationship("User")


class InWorkshop(Timestamped):
    """Rows that belong to one workshop and go with it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )


class WorkshopParticipant(InWorkshop, db.Model):
    """Someone at the table: a name or pseudonym and a role, no account."""

    name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(20))


class WorkshopCard(InWorkshop, db.Model):
    """One idea on the board; ``client_id`` is made by the phone so a resend is stored once."""

    __table_args__ = (UniqueConstraint("workshop_id", "client_id", name="workshop_card_once"),)

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_participant.id", ondelete="CASCADE"), index=True
    )
    client_id: Mapped[str] = mapped_column(String(40))
    world: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(String(CARD_TEXT_MAX))
    touchpoint_id: Mapped[int | None] = mapped_column(
        ForeignKey("touchpoint.id", ondelete="SET NULL")
    )
    phase_id: Mapped[int | None] = mapped_column(ForeignKey("phase.id", ondelete="SET NULL"))
    cluster_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop_cluster.id", ondelete="SET NULL"), index=True
    )
    participant = relationship("WorkshopParticipant")


class WorkshopCluster(InWorkshop, db.Model):
    """A group of perception cards that say the same thing."""

    title: Mapped[str] = mapped_column(String(TITLE_MAX))


class WorkshopCause(InWorkshop, db.Model):
    """A possible reason behind clusters, or (``stage='cause'``) one the group agreed on.

    Clusters link to several causes and a cause to several clusters, so a card supports every
    cause its cluster is linked to. Causes become measures through ``cause_measure``.
    """

    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    stage: Mapped[str] = mapped_column(String(10), default="reason")
    clusters = relationship(
        "WorkshopCluster", secondary=cause_cluster, order_by="WorkshopCluster.id"
    )
    measures = relationship("Measure", secondary=cause_measure, order_by="Measure.id")


class WorkshopVote(InWorkshop, db.Model):
    """One dot; ``dot`` numbers a participant's dots 1..budget, so the budget holds under races."""

    __table_args__ = (UniqueConstraint("participant_id", "dot", name="workshop_vote_dot"),)

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_participant.id", ondelete="CASCADE")
    )
    cause_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_cause.id", ondelete="CASCADE"), index=True
    )
    dot: Mapped[int] = mapped_column(Integer)
