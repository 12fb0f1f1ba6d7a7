"""Turning agreed causes into measures of the project's existing measure list.

The measure is an ordinary :class:`~surveyor.models.Measure` at a touchpoint (so it shows on the
touchpoint's measure list and, once live, on its trend chart); the link table remembers which
causes it answers, which is what the trace follows back to the cards.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Measure, Touchpoint, Workshop, WorkshopCause
from surveyor.models.base import MAX_ID
from surveyor.models.measures import MEASURE_CLUSTERS
from surveyor.services.errors import Invalid
from surveyor.services.projects import measures
from surveyor.services.workshops.setup import changed


def measure_from_cause(
    workshop: Workshop,
    cause: WorkshopCause,
    touchpoint_id: int | None,
    cluster: str,
    title: str,
    title_de: str = "",
    owner: str = "",
) -> Measure:
    errors: dict[str, list[str]] = {}
    touchpoint = _touchpoint(workshop, touchpoint_id)
    if touchpoint is None:
        errors["touchpoint_id"] = [_("Choose a touchpoint of this project.")]
    if cluster not in MEASURE_CLUSTERS:
        errors["cluster"] = [_("Choose one of the four clusters.")]
    title = " ".join((title or "").split()) or cause.title
    if len(title) > 200 or len(title_de or "") > 200 or len(owner or "") > 120:
        errors["title"] = [_("Titles hold at most 200 characters, the owner 120.")]
    if cause.stage != "cause":
        errors["cause_id"] = [_("Promote the possible reason to a cause first.")]
    if errors:
        raise Invalid(_("Please check the measure."), errors)
    measure = measures.add_measure(
        touchpoint,
        title=title,
        title_de=title_de or "",
        cluster=cluster,
        owner=owner or "",
        description="",
        status="planned",
    )
    link(workshop, cause, measure)
    return measure


def link(workshop: Workshop, cause: WorkshopCause, measure: Measure) -> None:
    """Record that ``measure`` answers ``cause`` (also for a measure that existed before)."""
    if measure not in cause.measures:
        cause.measures.append(measure)
    changed(workshop)


def _touchpoint(workshop: Workshop, touchpoint_id: int | None) -> Touchpoint | None:
    if not isinstance(touchpoint_id, int) or not 0 < touchpoint_id <= MAX_ID:
        return None
    query = select(Touchpoint).where(
        Touchpoint.id == touchpoint_id, Touchpoint.project_id == workshop.project_id
    )
    return db.session.scalar(query)
