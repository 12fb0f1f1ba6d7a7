"""Where the sheets get their figures: the result services of the other areas, never own SQL.

Kano figures come from :mod:`surveyor.services.kano_results`, mystery-shopping scores from
:mod:`surveyor.services.checklist_results`. Services that a deployment may not have yet (the
touchpoint index, measure effects) are looked up here, so a sheet can say that a figure is
missing instead of the export failing; this module is the one seam to connect them.
"""

from __future__ import annotations

from sqlalchemy import select

from surveyor.export.scope import ExportContext
from surveyor.extensions import db
from surveyor.models import Instrument


def instruments(context: ExportContext, kind: str) -> list[Instrument]:
    """The project's instruments of ``kind`` in the chosen touchpoints, in journey order."""
    found = list(
        db.session.scalars(
            select(Instrument)
            .where(Instrument.touchpoint_id.in_(context.touchpoint_ids), Instrument.kind == kind)
            .order_by(Instrument.id)
        )
    )
    order = {tid: index for index, tid in enumerate(context.touchpoint_ids)}
    return sorted(found, key=lambda i: (order[i.touchpoint_id], i.id))
