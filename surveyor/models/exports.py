"""Exports that run in the background, so that no web request waits for a large workbook or deck."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyor.extensions import db
from surveyor.models.base import Timestamped

EXPORT_STATUSES = ("queued", "running", "done", "failed")
WORKER_LATE = timedelta(minutes=2)
"""A queued job untouched this long suggests that no ``surveyor scheduler`` is running."""
EXPORT_KINDS = ("workbook", "deck")
"""What a job builds: the Excel workbook or the PowerPoint client deck (issue 23)."""


class ExportJob(Timestamped, db.Model):
    """One requested workbook: its scope (``options``), progress and the file once done.

    ``stored_name`` is the file's name in the export folder: random, so that file names never
    reveal or collide with another tenant's exports; ``filename`` is what the browser saves.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    requested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="queued")
    kind: Mapped[str] = mapped_column(String(20), default="workbook", server_default="workbook")
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    options: Mapped[dict] = mapped_column(JSON, default=dict)
    filename: Mapped[str] = mapped_column(String(200), default="")
    stored_name: Mapped[str] = mapped_column(String(80), default="")
    rows: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str] = mapped_column(Text, default="")
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """Last sign of life of the worker building the file; see services.exports.STALE_AFTER."""
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """How often a worker has claimed the job (services.export_worker.MAX_ATTEMPTS bounds it)."""
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """After a failed attempt: not before this moment (back-off)."""
    project = relationship("Project")

    @property
    def is_finished(self) -> bool:
        return self.status in ("done", "failed", "expired")

    @property
    def percent(self) -> int:
        return round(100 * (self.progress or 0.0))

    @property
    def waits_for_worker(self) -> bool:
        """Queued, due, and not claimed for :data:`WORKER_LATE`: is the worker process running?"""
        if self.status != "queued":
            return False
        since = self.next_attempt_at or self.created_at
        if since.tzinfo is None:  # SQLite returns naive UTC
            since = since.replace(tzinfo=UTC)
        return datetime.now(UTC) - since > WORKER_LATE
