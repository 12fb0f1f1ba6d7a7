"""Starting and ending browser sessions so that they can be revoked on the server.

Flask's session is a signed cookie: on its own, a copy taken before logout kept working. The
session therefore carries the account's ``session_version``
(:mod:`surveyor.services.accounts.passwords`), and :func:`load_user` accepts it only while it
matches. Logging in and out also starts from an empty session, so the CSRF secret (kept in the
session by Flask-WTF) is a new one each time and a session id planted before login is not carried
into it.
"""

from __future__ import annotations

from flask import g, session
from flask_login import login_user, logout_user

from surveyor.models import User
from surveyor.services.accounts import accounts

VERSION_KEY = "_session_version"
CSRF_KEY = "csrf_token"
KEPT_KEYS = ("lang",)
"""The interface language picked before logging in (surveyor/i18n.py) is not a secret."""


def load_user(user_id: str) -> User | None:
    if not user_id.isdigit():
        return None
    user = accounts.active_user(int(user_id))
    if user is None or session.get(VERSION_KEY) != user.session_version:
        return None
    return user


def start(user: User) -> None:
    _fresh_session()
    login_user(user)
    session[VERSION_KEY] = user.session_version


def keep(user: User) -> None:
    """After a password change: this session goes on, every other one has ended."""
    session[VERSION_KEY] = user.session_version


def end() -> None:
    logout_user()
    _fresh_session()


def _fresh_session() -> None:
    kept = {key: session[key] for key in KEPT_KEYS if key in session}
    session.clear()
    session.update(kept)
    g.pop(CSRF_KEY, None)
