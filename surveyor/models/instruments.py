"""Questionnaires and checklists, versioned so that every answer points at frozen wording.

A published :class:`InstrumentVersion` never changes; editing it creates a new draft version.
Responses record the exact version they answered, so results stay interpretable after edits.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
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
from surveyor.labels import in_language
from surveyor.models.base import Timestamped

INSTRUMENT_KINDS = ("kano", "checklist")
VERSION_STATUSES = ("draft", "published")
CHECKLIST_ITEM_TYPES = (
    "yes_no",
    "scale",
    "choice",
    "number",
    "duration",
    "datetime",
    "text",
    "photo",
)
ITEM_TYPES = (
    "kano_feature",
    "csat",
    "nps",
    "ces",
    "contacts",
    "comment",
    "follow_up",
    *CHECKLIST_ITEM_TYPES,
)


class Instrument(Timestamped, db.Model):
    """A Kano questionnaire or a mystery-shopper checklist for one touchpoint."""

    id: Mapped[int] = mapped_column(primary_key=True)
    touchpoint_id: Mapped[int] = mapped_column(
        ForeignKey("touchpoint.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(120))
    touchpoint = relationship("Touchpoint", back_populates="instruments")
    versions = relationship(
        "InstrumentVersion",
        back_populates="instrument",
        order_by="InstrumentVersion.number",
        cascade="all, delete-orphan",
    )


class InstrumentVersion(Timestamped, db.Model):
    """One numbered wording of an instrument; frozen once ``status`` is ``published``."""

    __table_args__ = (UniqueConstraint("instrument_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(
        ForeignKey("instrument.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    title_en: Mapped[str] = mapped_column(String(200), default="")
    title_de: Mapped[str] = mapped_column(String(200), default="")
    intro_en: Mapped[str] = mapped_column(Text, default="")
    intro_de: Mapped[str] = mapped_column(Text, default="")
    instrument = relationship("Instrument", back_populates="versions")
    items = relationship(
        "Item", back_populates="version", order_by="Item.position", cascade="all, delete-orphan"
    )

    @property
    def is_published(self) -> bool:
        return self.status == "published"


class Wording:
    """The question texts of an item in one language, shared by :class:`Item` and the cached
    snapshots the survey renders from (surveyor/services/surveys/published_forms.py); both carry
    ``text_en``, ``text_de``, ``negative_text_en`` and ``negative_text_de``."""

    def text(self, locale: str) -> str:
        """The question in ``locale``, falling back to the other language when not authored."""
        return in_language(locale, self.text_en, self.text_de)

    def negative_text(self, locale: str) -> str:
        return in_language(locale, self.negative_text_en, self.negative_text_de)


class Item(Wording, db.Model):
    """A question or checklist item of one version.

    For a Kano feature ``text`` is the functional question and ``negative_text`` the
    dysfunctional one. Checklist items carry points, a Kano tag and the critical flag;
    type-specific settings (options with points, ranges) live in ``settings``.
    """

    __table_args__ = (UniqueConstraint("version_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("instrument_version.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)
    item_type: Mapped[str] = mapped_column(String(20))
    section: Mapped[str] = mapped_column(String(120), default="")
    section_de: Mapped[str] = mapped_column(String(120), default="", server_default="")
    text_en: Mapped[str] = mapped_column(Text, default="")
    text_de: Mapped[str] = mapped_column(Text, default="")
    negative_text_en: Mapped[str] = mapped_column(Text, default="")
    negative_text_de: Mapped[str] = mapped_column(Text, default="")
    instructions: Mapped[str] = mapped_column(Text, default="")
    points: Mapped[float] = mapped_column(Float, default=0.0)
    kano_tag: Mapped[str | None] = mapped_column(String(20))
    critical: Mapped[bool] = mapped_column(Boolean, default=False)
    na_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    asks_importance: Mapped[bool] = mapped_column(Boolean, default=False)
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    version = relationship("InstrumentVersion", back_populates="items")
