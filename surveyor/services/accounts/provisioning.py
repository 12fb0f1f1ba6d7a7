"""Accounts that a tool keeps in place (the demo's logins), safe to run again and again.

``surveyor demo`` hands out a fresh password on every run and must not fail because its accounts
exist already, yet it should build them as an administrator would: through
:func:`~surveyor.services.accounts.accounts.create_user` and the password rules of
:mod:`~surveyor.services.accounts.passwords`, not by writing rows of its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _

from surveyor.models import Client, User
from surveyor.services.accounts.accounts import AccountError, create_user, user_by_email
from surveyor.services.accounts.passwords import set_password


def ensure_user(
    email: str, password: str, role: str, name: str = "", clients: Iterable[Client] = ()
) -> User:
    """The account of ``email`` with ``role``, created if missing, with ``password`` and at least
    ``clients``; the caller commits.

    An existing account keeps its name and its other clients; the new password ends its sessions
    as any password change does. An existing account of another role is refused
    (:class:`AccountError`): roles are fixed when an account is created, so that nothing turns
    a viewer limited to locations into an account that edits every branch.
    """
    clients = list(clients)
    user = user_by_email(email)
    if user is None:
        return create_user(email, password, role, name=name, clients=clients)
    if user.role != role:
        raise AccountError(
            _(
                "%(email)s exists already with another role; roles cannot be changed.",
                email=user.email,
            )
        )
    for client in clients:
        if client not in user.clients:
            user.clients.append(client)
    set_password(user, password)
    return user
