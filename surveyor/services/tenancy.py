"""Tenant isolation, written once: the scope that every query of a user's data passes through.

A user reaches a client's objects only through the clients assigned to them (admins reach all),
and only if their role may read the workspace (:mod:`surveyor.permissions`): a shopper given a
client reaches nothing of it here; shoppers work from their own assignments
(:func:`own_assignments`). Inside a client, staff whose role may not see unapproved shops do not
reach the responses of such shops, nor their answers and photos.

:func:`scope` adds the path from a tenant-owned model up to its client and the client filter to
any select, and marks the statement with the execution option :data:`SCOPED`; the test
``tests/security/test_tenant_scope.py`` watches every query of a crawl and fails on a query of a
tenant-owned table that neither carries the mark nor starts from an object the request already
reached through it (a relationship of that object, or a query by its id). A query that must
span clients on purpose says so with :func:`across_clients`.

Anything out of reach raises :class:`~surveyor.services.errors.NotFound` (404, not 403), so
that ids of other tenants cannot even be confirmed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import ColumnElement, Select, false, select

from surveyor import permissions
from surveyor.extensions import db
from surveyor.models import (
    Answer,
    AnswerCorrection,
    Assignment,
    AuditEvent,
    Client,
    ExportJob,
    Instrument,
    InstrumentVersion,
    Invitation,
    Item,
    KanoAnswer,
    Location,
    Measure,
    MeasurementPlan,
    OutboxMessage,
    Phase,
    Photo,
    Project,
    Response,
    ReviewComment,
    ShopVisit,
    SurveyLink,
    Touchpoint,
    User,
    Wave,
    client_access,
)
from surveyor.models.base import MAX_ID
from surveyor.permissions import Action
from surveyor.services import shop_visibility
from surveyor.services.errors import found

SCOPED = "tenant_scoped"
"""Execution option set on every statement the scope filtered (read by the tenancy test)."""

Owned = TypeVar("Owned")

_PARENT: dict[type, tuple[ColumnElement, type]] = {
    Phase: (Phase.project_id, Project),
    Touchpoint: (Touchpoint.project_id, Project),
    Location: (Location.project_id, Project),
    Wave: (Wave.project_id, Project),
    MeasurementPlan: (MeasurementPlan.project_id, Project),
    OutboxMessage: (OutboxMessage.project_id, Project),
    ExportJob: (ExportJob.project_id, Project),
    Instrument: (Instrument.touchpoint_id, Touchpoint),
    Measure: (Measure.touchpoint_id, Touchpoint),
    InstrumentVersion: (InstrumentVersion.instrument_id, Instrument),
    Item: (Item.version_id, InstrumentVersion),
    SurveyLink: (SurveyLink.instrument_id, Instrument),
    Invitation: (Invitation.link_id, SurveyLink),
    Response: (Response.version_id, InstrumentVersion),
    Answer: (Answer.response_id, Response),
    KanoAnswer: (KanoAnswer.response_id, Response),
    ShopVisit: (ShopVisit.response_id, Response),
    Photo: (Photo.response_id, Response),
    ReviewComment: (ReviewComment.response_id, Response),
    AnswerCorrection: (AnswerCorrection.response_id, Response),
    Assignment: (Assignment.location_id, Location),
}
"""Each tenant-owned model's step towards its client: the foreign key and the model it names."""

_CLIENT_COLUMN: dict[type, ColumnElement] = {
    Client: Client.id,
    Project: Project.client_id,
    AuditEvent: AuditEvent.client_id,
}
"""Where a path ends: the column that holds the client's id."""


def scoped(user: User, model: type[Owned]) -> Select[tuple[Owned]]:
    """``select(model)`` limited to what ``user`` may reach."""
    return scope(user, select(model), model)


def scope(user: User, query: Select, model: type) -> Select:
    """``query`` (which selects from ``model``) limited to what ``user`` may reach, and marked.

    The path to the client runs in a subquery of its own, so it never collides with the
    joins of ``query``; for admins only the mark is added.
    """
    query = _hide_unapproved_shops(user, query.execution_options(**{SCOPED: True}), model)
    if not user.may(Action.READ_WORKSPACE):
        return query.where(false())
    if user.is_admin:
        return query
    if model in _CLIENT_COLUMN:
        return _within_clients(user, query, model)
    column, parent = _PARENT[model]
    return query.where(column.in_(_reachable_ids(user, parent)))


def get(user: User, model: type[Owned], object_id: int) -> Owned:
    """The object with this id if ``user`` may reach it, else :class:`NotFound`."""
    if not 0 < object_id <= MAX_ID:
        found(None)
    return found(db.session.scalar(scoped(user, model).where(model.id == object_id)))


def own_assignments(user: User) -> Select[tuple[Assignment]]:
    """A shopper's scope: the assignments given to them, whichever client they are for."""
    mine = select(Assignment).where(Assignment.shopper_id == user.id)
    return mine.execution_options(**{SCOPED: True})


def own_photos(user: User) -> Select[tuple[Photo]]:
    """The photos of a shopper's own shops."""
    shops = select(Assignment.response_id).where(Assignment.shopper_id == user.id)
    return select(Photo).where(Photo.response_id.in_(shops)).execution_options(**{SCOPED: True})


def across_clients(query: Select) -> Select:
    """Mark a query that must read every client's rows on purpose, such as the check that a slug
    is unique across the installation; it may only tell the user whether a value is taken."""
    return query.execution_options(**{SCOPED: "across clients"})


def visible_clients(user: User) -> Select[tuple[Client]]:
    """Clients the user may see, ordered by name."""
    return scoped(user, Client).order_by(Client.name)


def client_ids_of(user: User) -> Select:
    """Ids of the clients assigned to ``user`` (for admins: every client)."""
    if user.is_admin:
        return select(Client.id)
    return select(client_access.c.client_id).where(client_access.c.user_id == user.id)


def _reachable_ids(user: User, model: type) -> Select:
    """``SELECT model.id`` joined up to the client and filtered, as one uncorrelated subquery."""
    query = _hide_unapproved_shops(user, select(model.id), model)
    while model not in _CLIENT_COLUMN:
        column, parent = _PARENT[model]
        query = _hide_unapproved_shops(user, query.join(parent, column == parent.id), parent)
        model = parent
    return _within_clients(user, query, model).correlate(None)


def _within_clients(user: User, query: Select, model: type) -> Select:
    return query.where(_CLIENT_COLUMN[model].in_(client_ids_of(user)))


def _hide_unapproved_shops(user: User, query: Select, model: type) -> Select:
    """Client staff do not reach responses of shops still under review (nor what hangs on them,
    which reaches its client through the response)."""
    if model is not Response or shop_visibility.sees_unapproved_shops(user):
        return query
    return query.where(~shop_visibility.in_unapproved_shop(Response.id))


def _getter(model: type[Owned]) -> Callable[[User, int], Owned]:
    """:func:`get` for one model, under the name the views call it by."""
    return lambda user, object_id: get(user, model, object_id)


get_client = _getter(Client)
get_project = _getter(Project)
get_phase = _getter(Phase)
get_touchpoint = _getter(Touchpoint)
get_location = _getter(Location)
get_wave = _getter(Wave)
get_instrument = _getter(Instrument)
get_item = _getter(Item)
get_survey_link = _getter(SurveyLink)


def require_editor(user: User) -> None:
    """Viewers (a client's read-only access) and shoppers may look but not change."""
    permissions.require(user.role, Action.EDIT_WORKSPACE)
