"""A project's directory of regions, branches and competitor locations.

Regions group branches; competitors are shopped for benchmarks and stay outside every region.
A location's ``code`` names it in survey links, QR codes and recipient lists, so it is short,
URL-safe and unique within the project.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from surveyor.database import committed, rollback_quietly
from surveyor.extensions import db
from surveyor.models import Location, Project, User
from surveyor.services import tenancy
from surveyor.services.errors import Invalid

CODE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def visible_locations(user: User, project: Project) -> list[Location]:
    """The project's locations ``user`` may see: all of them, or for staff limited to some
    locations only those (a region with its branches), so no page names another branch."""
    return tenancy.keep_locations(user, project.id, project.locations, lambda found: found.id)


@dataclass(frozen=True)
class LocationFields:
    """What a consultant sets on a location; validated by :func:`save_location`."""

    name: str
    city: str = ""
    address: str = ""
    is_competitor: bool = False
    competitor_name: str = ""
    kind: str = "branch"
    code: str = ""
    parent_id: int | None = None


def fields_of(location: Location) -> LocationFields:
    """What is set on ``location`` now: the start of a partial change (the API's PATCH)."""
    return LocationFields(**{name: getattr(location, name) for name in _FIELD_NAMES})


_FIELD_NAMES = tuple(field.name for field in dataclasses.fields(LocationFields))


def save_location(project: Project, fields: LocationFields, location: Location | None = None):
    """Create or update a location after checking the hierarchy's rules; raises Invalid.

    Rules: a code is URL-safe and unique in the project; a region has no parent and is never a
    competitor; a branch's parent is a region of the same project; competitors have no region.
    """
    errors = _problems(project, fields, location)
    if errors:
        raise Invalid("The location was not saved.", errors)
    if location is None:
        location = Location(project=project)
        db.session.add(location)
    for name, value in vars(fields).items():
        setattr(location, name, value.strip() if isinstance(value, str) else value)
    return location


def store_location(
    project: Project, fields: LocationFields, location: Location | None = None
) -> Location:
    """:func:`save_location` as the faces' use case: saved at once, nothing kept when refused.

    Two requests giving two locations the same code at the same moment both pass the check;
    the database's unique index then refuses the second, which hears the same field error.
    """
    try:
        return committed(save_location)(project, fields, location)
    except IntegrityError:
        rollback_quietly()
        taken = {"code": [_taken(fields.code.strip())]}
        raise Invalid("The location was not saved.", taken) from None


def _problems(project: Project, fields: LocationFields, location: Location | None) -> dict:
    errors: dict[str, list[str]] = {}
    code = fields.code.strip()
    if code and not CODE.match(code):
        errors["code"] = ["Use letters, digits, '-' and '_' only (at most 40)."]
    elif code and _code_taken(project.id, code, location):
        errors["code"] = [_taken(code)]
    if fields.kind == "region" and (fields.parent_id or fields.is_competitor):
        errors["kind"] = ["A region belongs to no other region and is not a competitor."]
    if fields.parent_id:
        parent = db.session.get(Location, fields.parent_id)
        if parent is None or parent.project_id != project.id or parent.kind != "region":
            errors["parent_id"] = ["Choose a region of this project."]
        elif fields.is_competitor:
            errors["parent_id"] = ["Competitor locations stay outside the client's regions."]
    demoted = location is not None and location.kind == "region" and fields.kind != "region"
    if demoted and regions_branches(location.id):
        errors["kind"] = ["This region still has branches; move them first."]
    return errors


def _taken(code: str) -> str:
    return f"The code {code} is used by another location of this project."


def _code_taken(project_id: int, code: str, location: Location | None) -> bool:
    query = select(Location.id).where(Location.project_id == project_id, Location.code == code)
    if location is not None and location.id is not None:
        query = query.where(Location.id != location.id)
    return db.session.scalar(query.limit(1)) is not None


def regions_branches(region_id: int) -> list[Location]:
    return list(db.session.scalars(select(Location).where(Location.parent_id == region_id)))


def regions(project: Project) -> list[Location]:
    return [loc for loc in project.locations if loc.kind == "region"]


def own_branches(project_id: int) -> list[Location]:
    """The client's own branches (customers answer for these), by region then name."""
    return list(
        db.session.scalars(
            select(Location)
            .where(
                Location.project_id == project_id,
                Location.kind == "branch",
                Location.is_competitor.is_(False),
            )
            .order_by(Location.parent_id, Location.name)
        )
    )


def visible_own_branches(user: User, project_id: int) -> list[Location]:
    """:func:`own_branches` that ``user`` may see: staff limited to locations get only theirs,
    so a QR sheet or a list of survey URLs names no other branch."""
    branches = own_branches(project_id)
    return tenancy.keep_locations(user, project_id, branches, lambda branch: branch.id)


def ids_by_code(project_id: int, codes: Iterable[str]) -> dict[str, int]:
    """Own branches of the project among ``codes``; codes of regions, competitors and other
    projects are missing from the answer, which callers report as unknown."""
    wanted = sorted({code for code in codes if code})
    if not wanted:
        return {}
    rows = db.session.execute(
        select(Location.code, Location.id).where(
            Location.project_id == project_id,
            Location.code.in_(wanted),
            Location.kind == "branch",
            Location.is_competitor.is_(False),
        )
    )
    return dict(rows.all())
