"""Clients (the tenants), the people who log in, and their access to clients."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from surveyor import permissions
from surveyor.extensions import db
from surveyor.models.base import Timestamped, utcnow

ROLES = ("admin", "consultant", "viewer", "shopper")

client_access = Table(
    "client_access",
    db.metadata,
    Column("user_id", Integer, ForeignKey("user.id", ondelete="CASCADE"), primary_key=True),
    Column("client_id", Integer, ForeignKey("client.id", ondelete="CASCADE"), primary_key=True),
)


class Client(Timestamped, db.Model):
    """A consultancy's customer; every project and result belongs to exactly one client."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    projects = relationship("Project", back_populates="client", order_by="Project.name")
    users = relationship("User", secondary=client_access, back_populates="clients")


class User(UserMixin, Timestamped, db.Model):
    """Someone who logs in: admins see every client, everyone else only the assigned ones."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    locale: Mapped[str | None] = mapped_column(String(5))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Stored in each login's session too; raising it ends every session of the user at once
    (logout, password change), because the user loader compares the two."""
    clients = relationship(
        "Client", secondary=client_access, back_populates="users", order_by="Client.name"
    )

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def can_edit(self) -> bool:
        return self.may(permissions.Action.EDIT_WORKSPACE)

    def may(self, action: str) -> bool:
        """Whether the role allows ``action`` (:mod:`surveyor.permissions`); templates ask this."""
        return permissions.allows(self.role, permissions.Action(action))

    @property
    def is_shopper(self) -> bool:
        """Shoppers work from their assignment list, not from the client workspace."""
        return self.role == "shopper"


class LoginAttempt(db.Model):
    """One login try; kept in the database so throttling holds across worker processes."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    succeeded: Mapped[bool] = mapped_column(Boolean)
    attempted_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
