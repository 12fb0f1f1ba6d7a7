"""Column helpers shared by every model."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.orm import Mapped, mapped_column

MAX_ID = 2**31 - 1
"""The largest value of an ``Integer`` column on PostgreSQL (32 bits; SQLite's reach 2**63).

Every id that comes from outside (URL, form, JSON) is checked against it before a query: a larger
parameter makes PostgreSQL fail with "integer out of range" where the user should get a 404 or a
field error.
"""


def utcnow() -> datetime:
    """The current time, timezone-aware; passed as a callable so each row gets its own."""
    return datetime.now(UTC)


class Timestamped:
    """Adds ``created_at``; evaluated per insert, not once at import."""

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands timestamps back without a zone; they were stored in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
