"""Password reset links sent by e-mail: single-use, expiring, stored only as a hash.

As with API tokens, the secret has full entropy, so a SHA-256 hash is enough; a leaked table
holds no working link.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyor.extensions import db
from surveyor.models.base import Timestamped


class PasswordReset(Timestamped, db.Model):
    """One reset link; it works once (``used_at``) and only until ``expires_at``."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    user = relationship("User")
