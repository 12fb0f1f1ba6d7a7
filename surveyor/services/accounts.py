"""Accounts and logins, with throttling stored in the database.

Throttling counts failed attempts per account and per network address over a sliding window.
Kept in a table rather than process memory, so that it holds across gunicorn workers and restarts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from surveyor import permissions
from surveyor.extensions import db
from surveyor.models import Client, LoginAttempt, User
from surveyor.models.base import utcnow
from surveyor.models.tenancy import ROLES
from surveyor.permissions import Action


class AccountError(ValueError):
    """A user-facing reason why an account could not be created."""


class LoginThrottled(Exception):
    """Too many failed attempts recently; the caller answers 429."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(
    email: str,
    password: str,
    role: str,
    name: str = "",
    clients: Iterable[Client] = (),
    locale: str | None = None,
) -> User:
    email = normalise_email(email)
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}; choose one of {', '.join(ROLES)}.")
    if "@" not in email or len(email) > 254:
        raise AccountError(f"{email!r} is not an e-mail address.")
    if len(password) < 8:
        raise AccountError("The password needs at least 8 characters.")
    clients = list(clients)
    if clients and not permissions.allows(role, Action.READ_WORKSPACE):
        raise AccountError(
            f"A {role} works from their own assignments and gets no client access; "
            "create the account without clients."
        )
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise AccountError(f"A user with the e-mail address {email} exists already.")
    user = User(email=email, role=role, name=name, locale=locale, clients=clients)
    user.set_password(password)
    db.session.add(user)
    return user


def authenticate(email: str, password: str, address: str) -> User | None:
    """Return the user for valid credentials, record the attempt, or raise LoginThrottled."""
    email = normalise_email(email)[:254]
    address = (address or "unknown")[:64]
    if _is_throttled(email, address):
        raise LoginThrottled
    user = db.session.scalar(select(User).where(User.email == email))
    succeeded = bool(user and user.active and user.check_password(password))
    db.session.add(LoginAttempt(email=email, address=address, succeeded=succeeded))
    db.session.commit()
    return user if succeeded else None


def _is_throttled(email: str, address: str) -> bool:
    config = current_app.config
    since = utcnow() - timedelta(seconds=config["LOGIN_THROTTLE_WINDOW_SECONDS"])
    failures = (
        select(func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.succeeded.is_(False), LoginAttempt.attempted_at >= since)
    )
    by_account = db.session.scalar(failures.where(LoginAttempt.email == email))
    if by_account >= config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]:
        return True
    by_address = db.session.scalar(failures.where(LoginAttempt.address == address))
    return by_address >= config["LOGIN_MAX_FAILURES_PER_ADDRESS"]
