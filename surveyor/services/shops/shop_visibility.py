"""Which mystery shops client staff may see: approved ones only, on every path.

Review is the gate between what a shopper typed and what the client reads (see
:mod:`surveyor.services.shops.shop_reviews`). Results already counted approved shops only, but the
API's response list, the workbook's Responses sheet and photo downloads read responses directly;
they all ask this one condition, so the rule is written once, in SQL.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists

from surveyor.models import Assignment, User
from surveyor.permissions import Action


def in_unapproved_shop(response_id: ColumnElement) -> ColumnElement[bool]:
    """True for a response whose shop (assignment) is not approved; survey answers have none."""
    return exists().where(Assignment.response_id == response_id, Assignment.status != "approved")


def sees_unapproved_shops(user: User) -> bool:
    return user.may(Action.SEE_UNAPPROVED_SHOPS)
