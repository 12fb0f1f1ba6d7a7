"""Personal API tokens: how integrations (CRM, kiosk, BI) act as one user over the JSON API.

Only a SHA-256 hash of each token is stored, so a leaked database does not leak working tokens;
the secret itself is shown once when it is created. ``prefix`` lets the owner tell tokens apart.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyor.extensions import db
from surveyor.models.base import Timestamped


class ApiToken(Timestamped, db.Model):
    """A bearer token of one user; it sees and may do exactly what its user may in the UI."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    user = relationship("User")

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
