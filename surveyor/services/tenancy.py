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

from collections.abc import Callable, Iterable
from typing import TypeVar

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, Select, delete, false, or_, select

from surveyor import permissions
from surveyor.extensions import db
from surveyor.models import (
    AlertRule,
    Answer,
    AnswerCorrection,
    Assignment,
    AuditEvent,
    Client,
    ExportJob,
    FollowUpCase,
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
    Workshop,
    client_access,
    location_access,
)
from surveyor.models.base import MAX_ID
from surveyor.permissions import Action
from surveyor.services.errors import Conflict, LocationLimited, NotFound, found
from surveyor.services.privacy import audit
from surveyor.services.shops import shop_visibility

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
    Workshop: (Workshop.project_id, Project),
    FollowUpCase: (FollowUpCase.project_id, Project),
    AlertRule: (AlertRule.project_id, Project),
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


def project_ids_of(user: User) -> Select:
    """Ids of the projects of the user's clients, for filters on rows that carry a project id."""
    return select(Project.id).where(Project.client_id.in_(client_ids_of(user)))


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
get_workshop = _getter(Workshop)


def require_facilitator(user: User) -> None:
    """Consultants run workshops; a client's viewers may read their reports."""
    permissions.require(user.role, Action.FACILITATE_WORKSHOPS)


def require_editor(user: User) -> None:
    """Viewers (a client's read-only access) and shoppers may look but not change."""
    permissions.require(user.role, Action.EDIT_WORKSPACE)


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
    if not granted and not is_location_limited(user):
        return None
    scope = {location_id for location_id, _kind in granted}
    regions = [location_id for location_id, kind in granted if kind == "region"]
    if regions:
        scope |= set(db.session.scalars(select(Location.id).where(Location.parent_id.in_(regions))))
    return scope


def is_location_limited(user: User) -> bool:
    """Whether ``user`` is limited to some locations (in any project): a user limited to
    locations of other projects sees no location of this one."""
    return (
        db.session.scalar(
            select(location_access.c.location_id)
            .where(location_access.c.user_id == user.id)
            .limit(1)
        )
        is not None
    )


def within_locations(user: User, query: Select, column: ColumnElement) -> Select:
    """``query`` limited to rows whose location (``column``) ``user`` may see, in any project.

    Added beside :func:`scope` (the tenant filter), never instead of it. Rows without a
    location are not of the user's locations and are left out too.
    """
    if not is_location_limited(user):
        return query
    granted = select(location_access.c.location_id).where(location_access.c.user_id == user.id)
    branches = select(Location.id).where(Location.parent_id.in_(granted))
    return query.where(or_(column.in_(granted), column.in_(branches)))


def keep_locations(
    user: User, project_id: int, rows: Iterable[Owned], location_of: Callable[[Owned], int | None]
) -> list[Owned]:
    """The rows of an already computed per-location list that ``user`` may see."""
    scope = location_scope(user, project_id)
    if scope is None:
        return list(rows)
    return [row for row in rows if location_of(row) in scope]


def who_see_location(
    people: Iterable[User], project_id: int, location_id: int | None
) -> list[User]:
    """Those of ``people`` who may see an object of ``project_id`` at ``location_id`` (a case),
    in their order: staff limited to other branches, or to branches at all when the object has
    no location, would only meet a 404. One query when nobody is limited."""
    people = list(people)
    limited = set(
        db.session.scalars(
            select(location_access.c.user_id)
            .where(location_access.c.user_id.in_([person.id for person in people]))
            .distinct()
        )
    )
    return [
        person
        for person in people
        if person.id not in limited or location_id in (location_scope(person, project_id) or ())
    ]


def refuse_location_limited(user: User, project_id: int) -> None:
    """:class:`LocationLimited` for a user limited to locations: for documents and pages of
    every branch that cannot be cut to some (the project workbook, the deck, pilots)."""
    if is_location_limited(user):
        raise LocationLimited(
            _(
                "Your access is limited to your own locations, so this overview of every "
                "branch is not available to you. Download the report card of your location "
                "instead."
            ),
            project_id,
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


LIMITABLE_ROLES = frozenset({"viewer"})
"""Who can be limited to locations: client staff only. The limit is applied where results are
read; editing pages (the assignment list, plans, cases to hand out) show every branch and do not
apply it, so a limit on an account that edits would promise a cut it does not deliver. Roles are
fixed when an account is created, so a limited viewer cannot later become an editor."""


def may_be_location_limited(target: User) -> bool:
    """Whether ``target``'s role can be limited to locations (the users list offers it)."""
    return target.role in LIMITABLE_ROLES


def require_location_limitable(target: User) -> None:
    """:class:`Conflict` unless ``target`` is client staff (see :data:`LIMITABLE_ROLES`)."""
    if not may_be_location_limited(target):
        raise Conflict(
            _(
                "Only client viewers (read-only) can be limited to locations; %(email)s has "
                "another role.",
                email=target.email,
            )
        )


def set_location_access(user: User, target: User, location_ids: list[int]) -> None:
    """Limit ``target`` (a client viewer) to ``location_ids``; an empty list lifts the limit.

    Any other role is refused (:func:`require_location_limitable`). Only locations of clients
    ``user`` reaches can be granted; others are NotFound. Recorded in the audit log and
    committed.
    """
    permissions.require(user.role, Action.MANAGE_USERS)
    require_location_limitable(target)
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


def get_limitable_user(user: User, user_id: int) -> User:
    """A client viewer an administrator may limit to locations; any other role is refused."""
    target = get_managed_user(user, user_id)
    require_location_limitable(target)
    return target


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
