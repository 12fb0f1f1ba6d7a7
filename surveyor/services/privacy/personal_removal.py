"""The deletions that erasure (Art. 17) and retention (Art. 5(1)(e)) have in common.

Both remove the personal parts of what was collected while keeping what makes results countable:
Kano answers, scores and checklist points stay; free texts, photos and GPS positions go. Each
function only changes the session (no commit): the caller decides the transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from sqlalchemy import delete, select, update

from surveyor.extensions import db
from surveyor.models import Answer, Item, Photo, ShopVisit
from surveyor.services.shops.photos import storage_root

log = logging.getLogger(__name__)
FREE_TEXT_TYPES = ("text", "comment")


def clear_free_texts(response_ids: Collection[int]) -> int:
    """Empty the free-text answers of these responses; returns how many were cleared."""
    if not response_ids:
        return 0
    free_text_items = select(Item.id).where(Item.item_type.in_(FREE_TEXT_TYPES))
    cleared = db.session.execute(
        update(Answer)
        .where(
            Answer.response_id.in_(response_ids),
            Answer.item_id.in_(free_text_items),
            Answer.text.is_not(None),
        )
        .values(text=None)
    )
    return cleared.rowcount


def clear_positions(response_ids: Collection[int]) -> int:
    """Forget where shops took place (the visit date and times stay for the results)."""
    if not response_ids:
        return 0
    cleared = db.session.execute(
        update(ShopVisit)
        .where(ShopVisit.response_id.in_(response_ids), ShopVisit.latitude.is_not(None))
        .values(latitude=None, longitude=None, accuracy_m=None)
    )
    return cleared.rowcount


def delete_photos(response_ids: Collection[int]) -> int:
    """Delete the photos of these responses, rows and files; returns how many.

    Files go before the caller commits: should that commit fail, a photo row may be left without
    its file (its page then answers 404), which is the safe side for data that must be erased.
    """
    if not response_ids:
        return 0
    keys = list(
        db.session.scalars(select(Photo.storage_key).where(Photo.response_id.in_(response_ids)))
    )
    db.session.execute(delete(Photo).where(Photo.response_id.in_(response_ids)))
    root = storage_root()
    for key in keys:
        try:
            (root / key).unlink(missing_ok=True)
        except OSError:
            log.exception("photo file %s could not be deleted", key)
    return len(keys)
