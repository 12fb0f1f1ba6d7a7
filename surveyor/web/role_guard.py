"""The one check of roles for every HTML page: which action of the permission table it needs.

Runs before each request, ahead of the blueprints' own hooks, so a blueprint added later is
guarded without asking: anything not listed as open needs a signed-in user (anyone else is sent
to the sign-in page) and at least ``READ_WORKSPACE``, which shoppers do not have. A workspace
blueprint therefore needs no login hook of its own: one would run after this check and never
refuse anyone. Finer actions (editing, personal links, unapproved shops) are checked where
the data is read, against the same table (:mod:`surveyor.permissions`).
"""

from __future__ import annotations

from flask import Flask, request
from flask_login import current_user

from surveyor import permissions
from surveyor.extensions import login_manager
from surveyor.permissions import Action

OPEN_BLUEPRINTS = frozenset(
    {"public", "auth", "passwords", "survey", "shop", "shop_sync", "api", "workshop_join"}
)
"""Log-in and passwords, public surveys, the shopper app (own assignments only), the API (its
own token check applies the table) and workshop participants (a signed cookie, no account)."""

BLUEPRINT_ACTIONS = {
    "api_tokens": Action.USE_API,
    "api_docs": Action.USE_API,
    "users": Action.MANAGE_USERS,
    "cases": Action.FOLLOW_UP_CASES,
}


def init_app(app: Flask) -> None:
    app.before_request(check_role)


def check_role():
    blueprint = request.blueprint
    if blueprint is None or blueprint in OPEN_BLUEPRINTS:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    permissions.require(current_user.role, BLUEPRINT_ACTIONS.get(blueprint, Action.READ_WORKSPACE))
    return None
