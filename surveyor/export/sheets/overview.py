"""The Overview sheet: what the workbook covers, and responses per touchpoint, wave and group.

A few key/value lines (client, project, waves, export time) sit above one filterable table;
the touchpoint index is the trend page's
(:func:`surveyor.services.results.trends.touchpoint_index`), empty where a touchpoint was not
measured with a checklist or CSAT in that wave.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask_babel import gettext as _

from surveyor.export.content import WorkbookContent
from surveyor.export.safety import safe_cell
from surveyor.export.table import Column, write_table
from surveyor.formatting import moment
from surveyor.labels import channel_label, group_label


def columns() -> list[Column]:
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


def build(workbook, content: WorkbookContent, progress) -> None:
    preamble = (
        [_("Client"), safe_cell(content.client)],
        [_("Project"), safe_cell(content.project)],
        [_("Waves"), ", ".join(safe_cell(wave.label) for wave in content.waves)],
        [_("Exported at (UTC)"), moment(content.exported_at)],
        [],
    )
    write_table(workbook, _("Overview"), columns(), _rows(content), preamble=preamble)


def _rows(content: WorkbookContent) -> Iterator[list]:
    """Responses per touchpoint, wave and respondent group that answered at the touchpoint."""
    counts = content.response_counts
    indices = content.touchpoint_index
    for touchpoint in content.touchpoints:
        groups = sorted({g for (tp, _, g) in counts if tp == touchpoint.id})
        for wave in content.waves:
            for group in groups:
                yield [
                    safe_cell(touchpoint.phase) if touchpoint.phase else None,
                    safe_cell(touchpoint.name),
                    channel_label(touchpoint.channel),
                    touchpoint.weight,
                    wave.sequence,
                    safe_cell(wave.label),
                    group_label(group),
                    counts.get((touchpoint.id, wave.id, group), 0),
                    indices.get((touchpoint.id, wave.id)),
                ]
