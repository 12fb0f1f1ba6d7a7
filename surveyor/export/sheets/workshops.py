"""The Workshops sheet: every card of the project's workshops with its world, role, touchpoint,
cluster, the causes it supports (with their dots) and the measures those became.

:func:`write` takes plain report data (:mod:`surveyor.services.workshops.report`) and only
writes; :func:`build` is the workbook's entry point that asks the service for it.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _

from surveyor.export.content import WorkbookContent
from surveyor.export.safety import safe_cell
from surveyor.export.table import Column, write_table
from surveyor.labels import cause_stage_label, participant_role_label, world_label


def columns() -> list[Column]:
    return [
        Column(_("Workshop"), width=24),
        Column(_("Date"), "date", 12),
        Column(_("World"), width=20),
        Column(_("Card"), width=48),
        Column(_("Raised by"), width=14),
        Column(_("Touchpoint"), width=22),
        Column(_("Phase"), width=16),
        Column(_("Cluster"), width=22),
        Column(_("Causes"), width=36),
        Column(_("Dots"), "integer", 8),
        Column(_("Measures"), width=36),
    ]


def write(workbook, reports: Sequence) -> None:
    write_table(
        workbook,
        _("Workshops"),
        columns(),
        (_row(report, card) for report in reports for card in report.cards),
        empty=_("No workshop cards in this project."),
    )


def _row(report, card) -> list:
    causes = [c for c in report.causes if card.cluster_id in c.cluster_ids]
    return [
        safe_cell(report.title),
        report.held_on,
        world_label(card.world),
        safe_cell(card.text),
        participant_role_label(card.role),
        safe_cell(card.touchpoint),
        safe_cell(card.phase),
        safe_cell(card.cluster),
        safe_cell("; ".join(f"{c.title} ({cause_stage_label(c.stage)})" for c in causes)),
        sum(c.total for c in causes) if causes else None,
        safe_cell("; ".join(m.title for c in causes for m in c.measures)),
    ]


def build(workbook, content: WorkbookContent, progress) -> None:
    write(workbook, content.workshops)
