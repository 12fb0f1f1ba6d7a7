"""Accounts and logins, with throttling stored in the database.

Throttling counts failed attempts per network address, and per account from one address, over a
sliding window.
Kept in a table rather than process memory, so that it holds across gunicorn workers and restarts.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Iterable
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from werkzeug.security import check_password_hash, generate_password_hash

from surveyor.database import committed
from surveyor.extensions import db
from surveyor.models import Client, LoginAttempt, User
from surveyor.models.base import utcnow
from surveyor.models.tenancy import ROLES
from surveyor.services.messaging.addresses import normalise as normalise_email
from surveyor.services.messaging.addresses import same_address
from surveyor.services.privacy import audit


class AccountError(ValueError):
    """A user-facing reason why an account could not be created."""


class LoginThrottled(Exception):
    """Too many failed attempts recently; the caller answers 429."""


def user_by_email(email: str) -> User | None:
    """The account of ``email`` in any capitalisation (login, password reset, CLI).

    Accounts are stored lower-cased, but two older ones may differ only in case; they are not
    merged, and the one spelled exactly as typed wins, then the lower-case one, then the oldest.
    """
    typed = email.strip()[:254]
    return db.session.scalar(
        select(User)
        .where(same_address(User.email, typed))
        .order_by((User.email == typed).desc(), (User.email == typed.lower()).desc(), User.id)
        .limit(1)
    )


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
    # A shopper's clients are the pools whose plans rotate shops to them (services/wave_setup);
    # they grant no workspace access: the permission table gives shoppers none whatever clients.
    clients = list(clients)
    if db.session.scalar(select(User.id).where(same_address(User.email, email))) is not None:
        raise AccountError(f"A user with the e-mail address {email} exists already.")
    user = User(email=email, role=role, name=name, locale=locale, clients=clients)
    user.set_password(password)
    db.session.add(user)
    return user


@committed
def create_account(
    actor: User, email: str, password: str, role: str, name: str, clients: list[Client]
) -> User:
    """An administrator creates an account (:func:`create_user`); the audit log keeps who."""
    user = create_user(email, password, role, name=name, clients=clients)
    details = {"role": user.role, "clients": [client.id for client in clients]}
    audit.record("user.created", actor, target=user.email, details=details)
    return user


def all_users() -> list[User]:
    """Every account with its clients, for the administrators' list."""
    query = select(User).options(selectinload(User.clients)).order_by(User.email)
    return list(db.session.scalars(query))


def active_user(user_id: int) -> User | None:
    """The account behind a browser session, unless it was deactivated."""
    user = db.session.get(User, user_id)
    return user if user is not None and user.is_active else None


@committed
def set_locale(user: User, locale: str | None) -> None:
    """The interface language the user picked (None: the browser's)."""
    user.locale = locale


def authenticate(email: str, password: str, address: str) -> User | None:
    """Return the user for valid credentials, record the attempt, or raise LoginThrottled.

    A password is hashed whether or not the account exists (or is active), so the answer takes
    as long for an unknown e-mail as for a known one and does not tell which addresses have
    accounts.
    """
    typed, email = email, normalise_email(email)[:254]
    address = (address or "unknown")[:64]
    if _is_throttled(email, address):
        raise LoginThrottled
    user = user_by_email(typed)
    matches = check_password_hash(user.password_hash if user else _dummy_hash(), password)
    succeeded = bool(user and user.active and matches)
    db.session.add(LoginAttempt(email=email, address=address, succeeded=succeeded))
    action = "login.succeeded" if succeeded else "login.failed"
    audit.record(action, actor=user if succeeded else None, actor_email=email)
    db.session.commit()
    return user if succeeded else None


@functools.cache
def _dummy_hash() -> str:
    """A hash of the same kind as real ones, for logins with an unknown e-mail."""
    return generate_password_hash(secrets.token_urlsafe(16))


def _is_throttled(email: str, address: str) -> bool:
    """Failures are counted per address, and per account *from that address*.

    Counting per account alone let anyone lock out any owner with five wrong passwords from
    anywhere; an attacker now only slows down their own address.
    """
    config = current_app.config
    since = utcnow() - timedelta(seconds=config["LOGIN_THROTTLE_WINDOW_SECONDS"])
    failures = (
        select(func.count())
        .select_from(LoginAttempt)
        .where(
            LoginAttempt.succeeded.is_(False),
            LoginAttempt.attempted_at >= since,
            LoginAttempt.address == address,
        )
    )
    by_account = db.session.scalar(failures.where(LoginAttempt.email == email))
    if by_account >= config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]:
        return True
    return db.session.scalar(failures) >= config["LOGIN_MAX_FAILURES_PER_ADDRESS"]
