"""Which Kano feature a checklist item observes: the link behind the scorecard per feature.

Both sides are named by instrument and item key, not by item id: keys carry over from one
version to the next, so a link survives rewording and holds for answers to every version,
and linking never touches a published (frozen) version.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyor.extensions import db
from surveyor.models.base import Timestamped


class FeatureLink(Timestamped, db.Model):
    """Checklist item ``checklist_key`` observes Kano feature ``kano_key``."""

    __table_args__ = (UniqueConstraint("checklist_instrument_id", "checklist_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    checklist_instrument_id: Mapped[int] = mapped_column(
        ForeignKey("instrument.id", ondelete="CASCADE"), index=True
    )
    checklist_key: Mapped[str] = mapped_column(String(40))
    kano_instrument_id: Mapped[int] = mapped_column(
        ForeignKey("instrument.id", ondelete="CASCADE"), index=True
    )
    kano_key: Mapped[str] = mapped_column(String(40))
    checklist_instrument = relationship("Instrument", foreign_keys=[checklist_instrument_id])
    kano_instrument = relationship("Instrument", foreign_keys=[kano_instrument_id])
