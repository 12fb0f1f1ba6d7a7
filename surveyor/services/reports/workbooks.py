"""The Excel workbook of an export scope: read in one snapshot, written by :mod:`surveyor.export`.

The CLI (``surveyor export``) and the background job
(:mod:`surveyor.services.reports.export_worker`) both call :func:`build_workbook`, so they produce
the same workbook. Its wording comes from the same Babel catalogue as the pages, rendered in the
workbook's language with ``force_locale`` (an export runs outside any request).
"""

from __future__ import annotations

from pathlib import Path

from flask_babel import force_locale

from surveyor import database
from surveyor.export.workbook import Progress, write_workbook
from surveyor.services.reports.scope import ExportScope
from surveyor.services.reports.workbook_content import assemble


def build_workbook(scope: ExportScope, path: str | Path, progress: Progress | None = None) -> int:
    """Write the workbook of ``scope`` to ``path``; returns the number of response rows.

    Everything is read inside one :func:`~surveyor.database.snapshot`, the summary sheets' figures
    first and then the response rows while the Responses sheet is written, so every sheet counts
    the same responses even while surveys are being submitted, and no write lock is held. The
    snapshot starts with a session of its own: do not call this inside another snapshot.
    """
    with database.snapshot(), force_locale(scope.lang):
        return write_workbook(assemble(scope), path, progress)
