"""Building the whole workbook: the sheet builders in order, into a file, with progress.

The CLI and the background job both call :func:`build_workbook`, so they produce the same
workbook. Its wording comes from the same Babel catalogue as the pages, rendered in the
workbook's language with ``force_locale`` (an export runs outside any request). The file is
written under a temporary name and renamed when complete, so a download never sees half a
workbook. Callers run it inside :func:`surveyor.database.snapshot`, so every sheet counts the
same responses even while surveys are being submitted.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from flask_babel import force_locale
from openpyxl import Workbook

from surveyor.export.scope import ExportScope, load_context
from surveyor.export.sheets import (
    codebook,
    gaps,
    kano,
    measures,
    mystery,
    overview,
    responses,
    trends,
    workshops,
)

Progress = Callable[[float], None]
"""Called with the share of the work done, 0.0 to 1.0."""

# (builder, share of the total work): the Responses sheet is nearly all of a large export.
SHEETS = (
    (overview.build, 0.02),
    (kano.build, 0.04),
    (mystery.build, 0.02),
    (trends.build, 0.02),
    (gaps.build, 0.02),
    (measures.build, 0.01),
    (workshops.build, 0.01),
    (responses.build, 0.85),
    (codebook.build, 0.01),
)


def build_workbook(scope: ExportScope, path: str | Path, progress: Progress | None = None) -> int:
    """Write the workbook of ``scope`` to ``path``; returns the number of response rows."""
    context = load_context(scope)
    report = progress or (lambda share: None)
    workbook = Workbook(write_only=True)
    done = 0.0
    with force_locale(scope.lang):
        for build, weight in SHEETS:
            start = done
            build(workbook, context, lambda share, s=start, w=weight: report(s + w * share))
            done += weight
            report(done)
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    workbook.save(partial)
    os.replace(partial, target)
    report(1.0)
    return context.extras.get("responses_written", 0)
