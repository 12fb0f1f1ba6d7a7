"""The Overview sheet: what the workbook covers, and responses per touchpoint, wave and group.

A few key/value lines (client, project, waves, export time) sit above one filterable table;
the touchpoint index is the trend page's (:func:`surveyor.services.trends.touchpoint_index`),
empty where a touchpoint was not measured with a checklist or CSAT in that wave.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from surveyor.export.scope import ExportContext
from surveyor.export.stream import add_sheet
from surveyor.export.table import Column, finish_table, start_table
from surveyor.extensions import db
from surveyor.formatting import moment
from surveyor.labels import channel_label, localized
from surveyor.models import Instrument, InstrumentVersion, Response
from surveyor.services.export_safety import safe_cell
from surveyor.services.trends import touchpoint_index


def columns(context: ExportContext) -> list[Column]:
    return [
        Column(_("Phase"), width=16),
        Column(_("Touchpoint"), width=30),
        Column(_("Channel"), width=12),
        Column(_("Weight"), "decimal", 9),
        Column(_("Wave no."), "integer", 9),
        Column(_("Wave"), width=16),
        Column(_("Group"), width=18),
        Column(_("Responses"), "integer", 11),
        Column(_("Weighted touchpoint index"), "decimal", 14),
    ]


def response_counts(context: ExportContext) -> dict[tuple[int, int, str], int]:
    """Responses per (touchpoint, wave, group): one GROUP BY over the chosen scope."""
    query = (
        select(
            Instrument.touchpoint_id,
            Response.wave_id,
            Response.respondent_group,
            func.count(Response.id),
        )
        .join(InstrumentVersion, InstrumentVersion.id == Response.version_id)
        .join(Instrument, Instrument.id == InstrumentVersion.instrument_id)
        .where(
            Instrument.touchpoint_id.in_(context.touchpoint_ids),
            Response.wave_id.in_(context.wave_ids),
        )
        .group_by(Instrument.touchpoint_id, Response.wave_id, Response.respondent_group)
    )
    return {(tp, wave, group): n for tp, wave, group, n in db.session.execute(query)}


def build(workbook, context: ExportContext, progress) -> None:
    sheet = add_sheet(workbook, _("Overview"))
    project = context.project
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    preamble = (
        [_("Client"), safe_cell(project.client.name)],
        [_("Project"), safe_cell(project.name)],
        [_("Waves"), ", ".join(safe_cell(wave.label) for wave in context.waves)],
        [_("Exported at (UTC)"), moment(now)],
        [],
    )
    table = columns(context)
    start_table(sheet, table, preamble)
    counts = response_counts(context)
    indices = touchpoint_index(project.id, context.wave_ids)
    for touchpoint in context.touchpoints:
        groups = sorted({g for (tp, _, g) in counts if tp == touchpoint.id})
        for wave in context.waves:
            for group in groups:
                sheet.append(
                    [
                        safe_cell(localized(touchpoint.phase)) if touchpoint.phase else None,
                        safe_cell(localized(touchpoint)),
                        channel_label(touchpoint.channel),
                        touchpoint.weight,
                        wave.sequence,
                        safe_cell(wave.label),
                        context.group_label(group),
                        counts.get((touchpoint.id, wave.id, group), 0),
                        indices.get((touchpoint.id, wave.id)),
                    ]
                )
    finish_table(sheet, table)
