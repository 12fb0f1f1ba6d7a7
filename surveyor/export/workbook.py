"""Writing the whole workbook: the sheet builders in order, into a file, with progress.

:func:`surveyor.services.reports.workbooks.build_workbook` reads the
:class:`~surveyor.export.content.WorkbookContent` and calls :func:`write_workbook` under
``force_locale`` of the workbook's language. The file is written under a temporary name and
renamed when complete, so a download never sees half a workbook.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from surveyor.export.content import WorkbookContent
from surveyor.export.sheets import (
    codebook,
    gaps,
    kano,
    locations,
    loop,
    measures,
    mystery,
    overview,
    pilots,
    responses,
    scorecard,
    trends,
    workshops,
)

Progress = Callable[[float], None]
"""Called with the share of the work done, 0.0 to 1.0."""

# (builder, share of the total work): the Responses sheet is nearly all of a large export. Its
# builder returns the number of response rows it wrote; the others return None.
SHEETS = (
    (overview.build, 0.02),
    (kano.build, 0.04),
    (mystery.build, 0.02),
    (locations.build, 0.01),
    (trends.build, 0.02),
    (gaps.build, 0.02),
    (measures.build, 0.01),
    (pilots.build, 0.01),
    (scorecard.build, 0.01),
    (loop.build, 0.01),
    (workshops.build, 0.01),
    (responses.build, 0.81),
    (codebook.build, 0.01),
)


def write_workbook(
    content: WorkbookContent, path: str | Path, progress: Progress | None = None
) -> int:
    """Write ``content`` to ``path``; returns the number of response rows written."""
    report = progress or (lambda share: None)
    workbook = Workbook(write_only=True)
    done, rows = 0.0, 0
    for build, weight in SHEETS:
        start = done
        written = build(workbook, content, lambda share, s=start, w=weight: report(s + w * share))
        if written is not None:
            rows = written
        done += weight
        report(done)
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    workbook.save(partial)
    os.replace(partial, target)
    report(1.0)
    return rows
