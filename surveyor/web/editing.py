"""What a page is about to change: the object looked up for the signed-in user, who must edit.

The order is the rule: the lookup comes first, so an id of another client answers 404 like an
absent one and says nothing of what exists; only then may a viewer (or shopper) hear 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask_login import current_user

from surveyor.models import User
from surveyor.services import tenancy

T = TypeVar("T")


def editable(getter: Callable[[User, int], T], object_id: int) -> T:
    """``getter(current_user, object_id)`` (404 outside the user's clients), then edit rights."""
    found = getter(current_user, object_id)
    tenancy.require_editor(current_user)
    return found
