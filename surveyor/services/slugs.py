"""URL- and CLI-friendly identifiers derived from names (``--project stadtwerke-2026``)."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.services import tenancy

UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


def slugify(text: str, max_length: int = 60) -> str:
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(UMLAUTS)).encode("ascii", "ignore").decode()
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].strip("-") or "item"


def unique_slug(model, text: str) -> str:
    """A slug not yet used by ``model``; appends -2, -3, ... on collision."""
    base = slugify(text)
    similar = select(model.slug).where(model.slug.like(f"{base}%"))
    taken = set(db.session.scalars(tenancy.across_clients(similar)))
    if base not in taken:
        return base
    counter = 2
    while f"{base}-{counter}" in taken:
        counter += 1
    return f"{base}-{counter}"
