"""Choosing a measure's pilot locations: own branches of the measure's project only."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Location, Measure
from surveyor.services.errors import Invalid


def candidates(measure: Measure) -> list[Location]:
    """The project's own branches (no regions, no competitors): pilots and comparisons alike."""
    return list(
        db.session.scalars(
            select(Location)
            .where(
                Location.project_id == measure.touchpoint.project_id,
                Location.kind == "branch",
                Location.is_competitor.is_(False),
            )
            .order_by(Location.name)
        )
    )


def set_pilot_locations(measure: Measure, location_ids: Iterable[int]) -> None:
    """Make exactly ``location_ids`` the measure's pilots; refuse foreign or competitor ones.

    A competitor never gets our measure, and a region is not a place where customers are
    served: either would make the comparison meaningless, so nothing is stored.
    """
    wanted = set(location_ids)
    found = {
        location.id: location
        for location in db.session.scalars(select(Location).where(Location.id.in_(wanted)))
        if location.project_id == measure.touchpoint.project_id
    }
    if set(found) != wanted:
        raise Invalid(
            _("Pilot locations must belong to this project."),
            {"locations": [_("Unknown location.")]},
        )
    competitors = sorted(loc.name for loc in found.values() if loc.is_competitor)
    if competitors:
        message = _(
            "Competitor locations cannot be pilots: %(names)s.", names=", ".join(competitors)
        )
        raise Invalid(message, {"locations": [message]})
    regions = sorted(loc.name for loc in found.values() if loc.kind != "branch")
    if regions:
        message = _("Choose branches, not regions: %(names)s.", names=", ".join(regions))
        raise Invalid(message, {"locations": [message]})
    measure.pilot_locations = sorted(found.values(), key=lambda loc: loc.name)


def choose_pilot_locations(measure: Measure, location_ids: Iterable[int]) -> None:
    """The use case of the measure page and the API: set the pilots and save them."""
    set_pilot_locations(measure, location_ids)
    db.session.commit()
