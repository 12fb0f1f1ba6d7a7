"""Client decks: the results as PowerPoint slides in the client's language.

The CLI (``surveyor report``) and the background export job both call :func:`build_deck`, so
they write the same deck. It reads in one snapshot, as the workbook does
(:func:`surveyor.services.reports.workbooks.build_workbook`), so every slide counts the same
responses. The deck's language is forced for the whole build, outside any
request: the sentences, labels and number formats follow ``scope.lang``, not the browser.
"""

from __future__ import annotations

from pathlib import Path

from flask_babel import force_locale

from surveyor import database
from surveyor.deck.writer import write_deck
from surveyor.services.reports.deck_assembly import assemble
from surveyor.services.reports.scope import ExportScope


def build_deck(scope: ExportScope, path: str | Path, template: str | Path | None = None) -> int:
    """Write the deck of ``scope`` to ``path``; returns the number of slides."""
    with database.snapshot(), force_locale(scope.lang):
        return write_deck(assemble(scope), path, template)
