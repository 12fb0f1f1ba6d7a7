"""Tenant isolation: every lookup of a client's data goes through these functions.

A user reaches a client's objects only through the clients assigned to them (admins reach all).
Anything else raises :class:`~surveyor.services.errors.NotFound` (404, not 403), so that ids
of other tenants cannot even be confirmed.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import Select, select

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
)
from surveyor.permissions import Action
from surveyor.services.errors import found

Model = TypeVar("Model", Project, Phase, Touchpoint, Location, Wave, Workshop)


def visible_clients(user: User) -> Select:
    """Clients the user may see, ordered by name."""
    query = select(Client).order_by(Client.name)
    if user.is_admin:
        return query
    return query.join(client_access).where(client_access.c.user_id == user.id)


def client_ids_of(user: User) -> Select:
    return select(visible_clients(user).subquery().c.id)


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
