"""Client decks: the results as PowerPoint slides in the client's language.

The CLI (``surveyor report``) and the background export job both call :func:`build_deck`, so
they write the same deck. The deck's language is forced for the whole build, outside any
request: the sentences, labels and number formats follow ``scope.lang``, not the browser.
"""

from __future__ import annotations

from pathlib import Path

from flask_babel import force_locale

from surveyor.deck.writer import write_deck
from surveyor.export.scope import ExportScope
from surveyor.services.deck_assembly import assemble


def build_deck(scope: ExportScope, path: str | Path, template: str | Path | None = None) -> int:
    """Write the deck of ``scope`` to ``path``; returns the number of slides."""
    with force_locale(scope.lang):
        return write_deck(assemble(scope), path, template)
