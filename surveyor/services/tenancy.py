"""Tenant isolation: every lookup of a client's data goes through these functions.

A user reaches a client's objects only through the clients assigned to them (admins reach all).
Anything else raises :class:`~surveyor.services.errors.NotFound` (404, not 403), so that ids
of other tenants cannot even be confirmed.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import Select, delete, select

from surveyor import permissions
from surveyor.extensions import db
from surveyor.models import (
    Client,
    Instrument,
    InstrumentVersion,
    Item,
    Location,
    Phase,
    Project,
    SurveyLink,
    Touchpoint,
    User,
    Wave,
    Workshop,
    client_access,
    location_access,
)
from surveyor.permissions import Action
from surveyor.services import audit
from surveyor.services.errors import NotFound, found

Model = TypeVar("Model", Project, Phase, Touchpoint, Location, Wave, Workshop)


def visible_clients(user: User) -> Select:
    """Clients the user may see, ordered by name."""
    query = select(Client).order_by(Client.name)
    if user.is_admin:
        return query
    return query.join(client_access).where(client_access.c.user_id == user.id)


def client_ids_of(user: User) -> Select:
    return select(visible_clients(user).subquery().c.id)


def project_ids_of(user: User) -> Select:
    """Ids of the projects of the user's clients, for filters on rows that carry a project id."""
    return select(Project.id).where(Project.client_id.in_(client_ids_of(user)))


def get_client(user: User, client_id: int) -> Client:
    return found(db.session.scalar(visible_clients(user).where(Client.id == client_id)))


def get_project(user: User, project_id: int) -> Project:
    return _get_owned(user, Project, project_id)


def get_touchpoint(user: User, touchpoint_id: int) -> Touchpoint:
    return _get_owned(user, Touchpoint, touchpoint_id)


def get_phase(user: User, phase_id: int) -> Phase:
    return _get_owned(user, Phase, phase_id)


def get_location(user: User, location_id: int) -> Location:
    return _get_owned(user, Location, location_id)


def get_wave(user: User, wave_id: int) -> Wave:
    return _get_owned(user, Wave, wave_id)


def get_workshop(user: User, workshop_id: int) -> Workshop:
    return _get_owned(user, Workshop, workshop_id)


def get_instrument(user: User, instrument_id: int) -> Instrument:
    query = select(Instrument).where(Instrument.id == instrument_id)
    return _first_within_clients(user, _via_instrument(query))


def get_item(user: User, item_id: int) -> Item:
    query = (
        select(Item)
        .join(InstrumentVersion, Item.version_id == InstrumentVersion.id)
        .join(Instrument, InstrumentVersion.instrument_id == Instrument.id)
        .where(Item.id == item_id)
    )
    return _first_within_clients(user, _via_instrument(query))


def get_survey_link(user: User, link_id: int) -> SurveyLink:
    query = (
        select(SurveyLink)
        .join(Instrument, SurveyLink.instrument_id == Instrument.id)
        .where(SurveyLink.id == link_id)
    )
    return _first_within_clients(user, _via_instrument(query))


def _via_instrument(query: Select) -> Select:
    return query.join(Touchpoint, Instrument.touchpoint_id == Touchpoint.id).join(
        Project, Touchpoint.project_id == Project.id
    )


def _first_within_clients(user: User, query: Select):
    if not user.is_admin:
        query = query.where(Project.client_id.in_(client_ids_of(user)))
    return found(db.session.scalar(query))


def require_facilitator(user: User) -> None:
    """Consultants run workshops; a client's viewers may read their reports."""
    permissions.require(user.role, Action.FACILITATE_WORKSHOPS)


def require_editor(user: User) -> None:
    """Viewers (a client's read-only access) and shoppers may look but not change."""
    permissions.require(user.role, Action.EDIT_WORKSPACE)


def _get_owned(user: User, model: type[Model], object_id: int) -> Model:
    query = select(model).where(model.id == object_id)
    if model is not Project:
        query = query.join(Project, model.project_id == Project.id)
    return _first_within_clients(user, query)


FOLLOW_UP_ROLES = ("admin", "consultant", "viewer")
"""Who can own or hear of a follow-up case: everyone with the workspace, never a shopper."""


def people_of_client(client_id: int) -> Select:
    """Active users who can follow up cases of ``client_id``: its staff, its consultants, admins.

    Admins reach every client, so they count without an explicit assignment.
    """
    assigned = select(client_access.c.user_id).where(client_access.c.client_id == client_id)
    return (
        select(User)
        .where(
            User.active.is_(True),
            User.role.in_(FOLLOW_UP_ROLES),
            (User.id.in_(assigned)) | (User.role == "admin"),
        )
        .order_by(User.role.desc(), User.email)
    )


def get_person_of_client(client_id: int, user_id: int) -> User | None:
    """The user ``user_id`` if they may follow up cases of ``client_id``, else None."""
    return db.session.scalar(people_of_client(client_id).where(User.id == user_id))


# Access per location (issue 20): added beside the client checks, which stay as they are. -----


def location_scope(user: User, project_id: int) -> set[int] | None:
    """The locations of ``project_id`` whose results ``user`` may see; ``None``: all of them.

    Client staff given locations (``location_access``) are limited to those, a region with its
    branches; everyone else sees the whole client, as before. Totals of the client stay visible
    as the benchmark a branch compares itself with.
    """
    granted = list(
        db.session.execute(
            select(Location.id, Location.kind)
            .join(location_access, location_access.c.location_id == Location.id)
            .where(location_access.c.user_id == user.id, Location.project_id == project_id)
        )
    )
    if not granted and not _limited_elsewhere(user):
        return None
    scope = {location_id for location_id, _kind in granted}
    regions = [location_id for location_id, kind in granted if kind == "region"]
    if regions:
        scope |= set(db.session.scalars(select(Location.id).where(Location.parent_id.in_(regions))))
    return scope


def _limited_elsewhere(user: User) -> bool:
    """A user limited to locations of other projects sees no location of this one."""
    return (
        db.session.scalar(
            select(location_access.c.location_id)
            .where(location_access.c.user_id == user.id)
            .limit(1)
        )
        is not None
    )


def require_location(user: User, location: Location) -> None:
    """NotFound unless ``user`` may see ``location``'s results (see :func:`location_scope`)."""
    scope = location_scope(user, location.project_id)
    if scope is not None and location.id not in scope:
        raise NotFound()


def get_location_results(user: User, location_id: int) -> Location:
    """A location whose location-scoped data (report card) ``user`` may see."""
    location = get_location(user, location_id)
    require_location(user, location)
    return location


def set_location_access(user: User, target: User, location_ids: list[int]) -> None:
    """Limit ``target`` (a client user) to ``location_ids``; an empty list lifts the limit.

    Only locations of clients ``user`` reaches can be granted; others are NotFound. Recorded in
    the audit log and committed.
    """
    permissions.require(user.role, Action.MANAGE_USERS)
    for location_id in location_ids:
        get_location(user, location_id)
    db.session.execute(delete(location_access).where(location_access.c.user_id == target.id))
    if location_ids:
        db.session.execute(
            location_access.insert(),
            [{"user_id": target.id, "location_id": lid} for lid in sorted(set(location_ids))],
        )
    audit.record(
        "user.locations", user, target=target.email, details={"locations": sorted(location_ids)}
    )
    db.session.commit()


def get_managed_user(user: User, user_id: int) -> User:
    """A user account an administrator manages (NotFound for everyone else's lookups)."""
    permissions.require(user.role, Action.MANAGE_USERS)
    return found(db.session.get(User, user_id))


def grantable_locations(target: User) -> list[Location]:
    """Regions and own branches of the clients ``target`` reaches, to limit them to."""
    client_ids = [client.id for client in target.clients]
    return list(
        db.session.scalars(
            select(Location)
            .join(Project, Location.project_id == Project.id)
            .where(Project.client_id.in_(client_ids), Location.is_competitor.is_(False))
            .order_by(Project.name, Location.kind.desc(), Location.name)
        )
    )


def granted_location_ids(target: User) -> set[int]:
    return set(
        db.session.scalars(
            select(location_access.c.location_id).where(location_access.c.user_id == target.id)
        )
    )
