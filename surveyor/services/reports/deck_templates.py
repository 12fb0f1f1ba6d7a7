"""A client's own deck template: the consultancy's master for that client's decks.

One .pptx per client, kept in the instance folder under the client's id (never the uploaded
name). It is checked on upload exactly as ``surveyor report --template`` checks a file
(:class:`~surveyor.deck.canvas.Canvas`), so a template that would make broken decks is refused
with the reason instead of failing every later deck job.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import current_app

from surveyor import storage
from surveyor.deck.canvas import Canvas, DeckTemplateError

MAX_TEMPLATE_BYTES = 10 * 1024 * 1024


def _folder() -> Path:
    folder = storage.folder(current_app, "deck_templates")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def template_of(client_id: int) -> Path | None:
    """The client's template, or ``None`` for the default design."""
    path = _folder() / f"{client_id}.pptx"
    return path if path.is_file() else None


def store(client_id: int, data: bytes) -> None:
    """Check ``data`` as a template and make it the client's; DeckTemplateError if unusable."""
    folder = _folder()
    upload = folder / f".upload-{secrets.token_urlsafe(8)}.pptx"
    upload.write_bytes(data)
    try:
        Canvas(upload)
    except DeckTemplateError:
        upload.unlink(missing_ok=True)
        raise
    os.replace(upload, folder / f"{client_id}.pptx")


def remove(client_id: int) -> None:
    (_folder() / f"{client_id}.pptx").unlink(missing_ok=True)
