"""What each role may do: one table, checked by the workspace hook, the API and the services.

Tenancy (:mod:`surveyor.services.tenancy`) answers *whose* data a user reaches; this table
answers *what* a user may do with it. The attack run of issue 18 found the two mixed up: a
shopper given a client could read the whole workspace, because only client access was checked.
Keeping every role rule here means a new blueprint or endpoint asks the table instead of
repeating ``role == ...`` comparisons that drift apart.
"""

from __future__ import annotations

from enum import StrEnum

from surveyor.services.errors import Forbidden, NotFound


class Action(StrEnum):
    READ_WORKSPACE = "read_workspace"
    """Journeys, instruments, results, trends, measures, exports of the user's clients."""
    EDIT_WORKSPACE = "edit_workspace"
    """Change any of the above."""
    SEND_PERSONAL_LINKS = "send_personal_links"
    """See and hand out single-use invitation links (whoever holds one answers as the customer)."""
    SEE_UNAPPROVED_SHOPS = "see_unapproved_shops"
    """Mystery shops before review; client staff see approved shops only."""
    FACILITATE_WORKSHOPS = "facilitate_workshops"
    """Run a workshop: open worlds, hand out and close the join code, cluster, turn causes into
    measures. Participants need no account; viewers read the workshop report."""
    USE_API = "use_api"
    """Hold personal API tokens and read the API reference."""
    MANAGE_USERS = "manage_users"
    """Create accounts; also the only role that sees every client."""
    FOLLOW_UP_CASES = "follow_up_cases"
    """See follow-up cases of the user's clients and work on the ones they own."""


_STAFF = frozenset(Action) - {Action.MANAGE_USERS}

PERMISSIONS: dict[str, frozenset[Action]] = {
    "admin": frozenset(Action),
    "consultant": _STAFF,
    "viewer": frozenset({Action.READ_WORKSPACE, Action.USE_API, Action.FOLLOW_UP_CASES}),
    "shopper": frozenset(),
}
"""Shoppers have no workspace action: they work from their own assignments under ``/shop/``."""

HIDDEN = frozenset({Action.READ_WORKSPACE, Action.MANAGE_USERS})
"""Actions whose pages answer 404 rather than 403: for a shopper the workspace, for everyone but
admins the user administration, does not exist (as for another tenant's objects)."""


class PermissionDenied(Forbidden):
    """The user's role does not allow the action; web and API answer 403 (a domain error, so
    that services may check the table without speaking HTTP)."""


def allows(role: str, action: Action) -> bool:
    return action in PERMISSIONS.get(role, frozenset())


def require(role: str, action: Action) -> None:
    """Raise 403 (404 for hidden actions) unless ``role`` allows ``action``."""
    if allows(role, action):
        return
    if action in HIDDEN:
        raise NotFound()
    raise PermissionDenied()
