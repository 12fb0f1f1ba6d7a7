"""Changing and resetting passwords, and ending every session of an account.

A session holds the account's ``session_version`` from the time it logged in; the user loader
accepts it only while the two agree. Raising the version (logout, a changed or reset password)
therefore ends every session of the account server-side, including cookies copied elsewhere.

Reset links are single-use, expire after :data:`RESET_VALID_FOR`, and only their SHA-256 is
stored. Asking for one answers the same whether or not the address has an account, and an
account gets at most :data:`RESETS_PER_WINDOW` links per window, so the form cannot be used to
flood someone's inbox. The message speaks the account's language, not the requester's.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from surveyor.database import committed
from surveyor.extensions import db
from surveyor.models import PasswordReset, User
from surveyor.models.base import as_utc, utcnow
from surveyor.services.accounts.accounts import AccountError, user_by_email
from surveyor.services.messaging import mail

MIN_LENGTH = 8
RESET_VALID_FOR = timedelta(hours=1)
RESETS_PER_WINDOW = 3


def end_sessions(user: User) -> None:
    """Every session of ``user`` stops working at its next request."""
    user.session_version = (user.session_version or 0) + 1


@committed
def log_out_everywhere(user: User) -> None:
    """Logging out ends every session of the account, a copied cookie's too."""
    end_sessions(user)


@committed
def change_password(user: User, current: str, new: str) -> None:
    if not user.check_password(current):
        raise AccountError(_("The current password is wrong."))
    set_password(user, new)


@committed
def request_reset(email: str) -> None:
    """Send a reset link to ``email`` if an active account has it; silent otherwise."""
    user = user_by_email(email)
    if user is None or not user.active or _recent_resets(user) >= RESETS_PER_WINDOW:
        return
    secret = secrets.token_urlsafe(32)
    db.session.add(
        PasswordReset(user=user, token_hash=_hash(secret), expires_at=utcnow() + RESET_VALID_FOR)
    )
    link = url_for("passwords.reset", token=secret, _external=True)
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        mail.send(
            user.email,
            _("Reset your Surveyor password"),
            _(
                "Someone asked to reset the password of your Surveyor account. If it was you, "
                "open this link within an hour to choose a new password:\n\n%(link)s\n\n"
                "If it was not you, ignore this message; your password stays as it is.",
                link=link,
            ),
        )


def _recent_resets(user: User) -> int:
    since = utcnow() - RESET_VALID_FOR
    query = select(func.count()).select_from(PasswordReset)
    return db.session.scalar(
        query.where(PasswordReset.user_id == user.id, PasswordReset.created_at >= since)
    )


def valid_reset(secret: str) -> PasswordReset | None:
    """The unused, unexpired reset behind ``secret``, or None."""
    if len(secret) > 100:
        return None
    reset = db.session.scalar(
        select(PasswordReset).where(PasswordReset.token_hash == _hash(secret))
    )
    if reset is None or reset.used_at is not None or as_utc(reset.expires_at) <= utcnow():
        return None
    return reset


@committed
def complete_reset(reset: PasswordReset, new: str) -> None:
    set_password(reset.user, new)
    reset.used_at = utcnow()


def set_password(user: User, new: str) -> None:
    """Give ``user`` the password ``new`` (at least :data:`MIN_LENGTH` characters) and end every
    session of the account; the caller commits."""
    if len(new) < MIN_LENGTH:
        raise AccountError(_("The password needs at least 8 characters."))
    user.set_password(new)
    end_sessions(user)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
