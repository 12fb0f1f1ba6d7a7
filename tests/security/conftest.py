"""Two tenants with one object of every kind, and a logged-in client per role.

Tenant A is the attacker's own client, tenant B the victim. Every object of B carries the marker
``VICTIM_MARKER`` in its name, so a page leaking B's data is caught by a plain substring test.
New object kinds: add a line to ``build_tenant`` and every route that names the kind in its URL
(``<int:photo_id>`` -> ``photo``) joins the fuzzer and the access-control matrix.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from surveyor.extensions import db
from surveyor.models import Client, Project, Touchpoint, User
from surveyor.services.instruments import instruments
from surveyor.services.projects import journey
from tests.factories import PASSWORD, Factory

VICTIM_MARKER = "Bravo-Victim-7f3a"
ROLES = ("anonymous", "consultant", "viewer", "admin")
# written by design on every request: throttling logs, API token "last used"
LOG_TABLES = frozenset({"login_attempt", "token_miss", "api_token"})
_numbers = itertools.count(1)


@dataclass
class Tenant:
    """A client's objects by kind (``ids``) and its users by role (detached)."""

    name: str
    ids: dict[str, object] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    api_secrets: dict[str, str] = field(default_factory=dict)


def build_tenant(make: Factory, name: str) -> Tenant:
    tenant = Tenant(name)
    client = make.client(name)
    project = make.project(client, f"{name} project")
    touchpoint = make.touchpoint(project, name=f"{name} hotline", description=f"{name} desc")
    region = make.location(project, name=f"{name} region", kind="region")
    location = make.location(
        project, name=f"{name} branch", city=f"{name} city", parent_id=region.id
    )
    instrument = make.kano_instrument(touchpoint)
    wave = make.wave(project)
    link = make.survey_link(instrument, wave)
    invitation = make.invitation(link, email=f"kim-{client.id}@example.com")
    tenant.ids.update(
        client=client.id,
        project=project.id,
        touchpoint=touchpoint.id,
        location=location.id,
        region=region.id,
        instrument=instrument.id,
        wave=wave.id,
        survey_link=link.id,
        survey_token=link.token,
        invitation=invitation.id,
        invitation_token=invitation.token,
        item=make.items_of(instrument)[0].id,
    )
    for role in ("consultant", "viewer", "shopper"):
        tenant.users[role] = quick_user(make, role, client.id)
    with make.app.app_context():
        _add_more_kinds(tenant, name)
        db.session.commit()
    return tenant


def _add_more_kinds(tenant: Tenant, name: str) -> None:
    """Kinds without a factory method: a phase, a draft instrument and a shop assignment."""
    project = db.session.get(Project, tenant.ids["project"])
    tenant.ids["phase"] = _flushed(journey.add_phase(project, f"{name} phase", "purchase")).id
    touchpoint = db.session.get(Touchpoint, tenant.ids["touchpoint"])
    draft, version = instruments.new_instrument(touchpoint, "kano", f"{name} draft")
    db.session.flush()
    tenant.ids["draft_instrument"] = draft.id
    tenant.ids["version"] = version.id
    _add_optional_kinds(tenant, name, touchpoint, project)
    with contextlib.suppress(ImportError):
        from surveyor.models import Assignment

        checklist, _version = instruments.new_instrument(touchpoint, "checklist", f"{name} list")
        assignment = _flushed(
            Assignment(
                shopper_id=tenant.users["shopper"].id,
                location_id=tenant.ids["location"],
                instrument_id=_flushed(checklist).id,
                wave_id=tenant.ids["wave"],
                visit_from=date.today(),
                visit_to=date.today() + timedelta(days=7),
            )
        )
        tenant.ids["assignment"] = assignment.id
        tenant.ids["checklist"] = checklist.id
        tenant.ids["photo"] = _add_photo(tenant, name, assignment).id


def _add_photo(tenant: Tenant, name: str, assignment):
    """A shop with one stored photo, so photo downloads join the access matrix."""
    from surveyor.models import Instrument, Photo, Response
    from surveyor.services.shops import photos

    kano = db.session.get(Instrument, tenant.ids["instrument"])
    version = instruments.published_version(kano)
    response = _flushed(
        Response(
            submission_id=f"{name}-shop",
            content_hash="0" * 64,
            version_id=version.id,
            wave_id=tenant.ids["wave"],
            respondent_group="shopper",
            location_id=tenant.ids["location"],
        )
    )
    assignment.response_id, assignment.status = response.id, "submitted"
    key = f"security/{name}-{response.id}.jpg"
    path = photos.storage_root() / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xd8\xff\xd9")  # never decoded: the download serves stored bytes
    photo = Photo(
        response_id=response.id,
        item_id=tenant.ids["item"],
        storage_key=key,
        mime="image/jpeg",
        width=1,
        height=1,
        bytes=4,
    )
    return _flushed(photo)


def _add_optional_kinds(tenant: Tenant, name: str, touchpoint, project) -> None:
    """Kinds other issues add (measures, export jobs, API tokens, webhooks), when they exist."""
    from surveyor.models import Measure

    measure = Measure(touchpoint_id=touchpoint.id, title=f"{name} measure", cluster="training")
    tenant.ids["measure"] = _flushed(measure).id
    consultant = db.session.get(User, tenant.users["consultant"].id)
    with contextlib.suppress(ImportError):
        from surveyor.services.accounts.api_tokens import create_token

        tenant.ids["token"] = _flushed(create_token(consultant, f"{name} token")[0]).id
    with contextlib.suppress(ImportError):
        from surveyor.services.workshops import setup as workshop_setup

        workshop = _flushed(workshop_setup.create_workshop(project, None, f"{name} workshop"))
        tenant.ids.update(
            workshop=workshop.id, board_token=workshop.key, join_token=workshop.join_code
        )
    with contextlib.suppress(ImportError):
        from surveyor.models.exports import ExportJob

        job = ExportJob(project_id=project.id, requested_by_id=consultant.id, filename=name)
        tenant.ids["job"] = _flushed(job).id
    with contextlib.suppress(ImportError):
        from surveyor.services.webhooks import subscriptions

        hook, _secret = subscriptions.create(
            project, consultant, f"{name} hook", "https://8.8.8.8/hook", ["wave.opened"]
        )
        tenant.ids["subscription"] = hook.id
    tenant.ids["user"] = tenant.users["viewer"].id  # whose location access an admin sets
    tenant.ids["step"] = 4  # an engagement step: numbered 1 to 10 within every project
    _add_case_kinds(tenant, name, touchpoint, project)


def _add_case_kinds(tenant: Tenant, name: str, touchpoint, project) -> None:
    """An alert rule and an open follow-up case owned by the client's viewer (issue 21)."""
    from surveyor.models import AlertRule, FollowUpCase
    from surveyor.models.base import utcnow

    viewer = tenant.users["viewer"].id
    rule = _flushed(
        AlertRule(
            project_id=project.id,
            name=f"{name} rule",
            kind="nps_detractor",
            touchpoint_ids=[],
            location_ids=[],
            recipient_ids=[viewer],
            due_days=7,
            active=True,
        )
    )
    tenant.ids["rule"] = rule.id
    case = FollowUpCase(
        project_id=project.id,
        rule_id=rule.id,
        key=f"{name} case",
        kind="nps_detractor",
        summary={"nps": 2},
        touchpoint_id=touchpoint.id,
        owner_id=viewer,
        due_at=utcnow(),
        resolution_note="",
        contact_name=f"{name} customer",
        contact_details=f"{name}@example.org",
    )
    tenant.ids["case"] = _flushed(case).id


def _flushed(obj):
    db.session.add(obj)
    db.session.flush()
    return obj


@pytest.fixture
def own(make: Factory) -> Tenant:
    return build_tenant(make, "Alpha")


@pytest.fixture
def victim(make: Factory, own: Tenant) -> Tenant:
    return build_tenant(make, VICTIM_MARKER)


@functools.cache
def password_hash() -> str:
    """Hashed once: scrypt costs 0.4 s, and the suite creates seven users per test."""
    return generate_password_hash(PASSWORD)


def quick_user(make: Factory, role: str, client_id: int | None = None) -> User:
    """A user who logs in with ``PASSWORD``, created without hashing it again."""

    def build() -> User:
        user = User(
            email=f"{role}-{next(_numbers)}@example.com", role=role, password_hash=password_hash()
        )
        if client_id is not None:
            user.clients = [db.session.get(Client, client_id)]
        db.session.add(user)
        return user

    return make._create(build)


@pytest.fixture
def admin(make: Factory) -> User:
    return quick_user(make, "admin")


class RoleClient:
    """A test client logged in as one role, sending its API token as well when the API exists."""

    def __init__(self, app: Flask, user: User | None) -> None:
        self.client: FlaskClient = app.test_client()
        self.headers: dict[str, str] = {}
        if user is None:
            return
        with self.client.session_transaction() as session:  # what /login stores, minus scrypt
            session["_user_id"] = str(user.id)
            session["_fresh"] = True
            session["_session_version"] = 0  # a new account's; see surveyor/web/sessions.py
        secret = _api_secret(app, user)
        if secret:
            self.headers["Authorization"] = f"Bearer {secret}"

    def open(self, method: str, url: str, **kwargs):
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.client.open(url, method=method, headers=headers, **kwargs)


def _api_secret(app: Flask, user: User) -> str | None:
    try:
        from surveyor.services.accounts.api_tokens import TokenRefused, create_token
    except ImportError:
        return None
    with app.app_context():
        try:
            _token, secret = create_token(db.session.get(User, user.id), "attack suite")
        except TokenRefused:  # shoppers get no token
            return None
        db.session.commit()
    return secret


@pytest.fixture
def as_role(app: Flask, own: Tenant, admin: User):
    """``as_role("viewer")`` -> a RoleClient of tenant A's viewer (anonymous: nobody)."""

    def login(role: str) -> RoleClient:
        user = None if role == "anonymous" else admin if role == "admin" else own.users[role]
        return RoleClient(app, user)

    return login


def fingerprint(app: Flask) -> str:
    """A hash over every row of every table except the throttling logs: did anything change?"""
    digest = hashlib.sha256()
    with app.app_context():
        for table in db.metadata.sorted_tables:
            if table.name in LOG_TABLES:
                continue
            rows = db.session.execute(select(table).order_by(*table.primary_key.columns)).all()
            digest.update(f"{table.name}:{sorted(map(repr, rows))}".encode())
        db.session.rollback()
    return digest.hexdigest()


FIELD = re.compile(
    rb'<(input|select|textarea)\b([^>]*)\bname="([^"]+)"([^>]*)>', re.IGNORECASE | re.DOTALL
)
VALUE = re.compile(rb'\bvalue="([^"]*)"')


def form_fields(html: bytes) -> dict[str, str]:
    """The names (and hidden values) of every form field on a page."""
    fields: dict[str, str] = {}
    for match in FIELD.finditer(html):
        attributes = match.group(2) + match.group(4)
        value = VALUE.search(attributes)
        hidden = b'type="hidden"' in attributes
        fields[match.group(3).decode()] = value.group(1).decode() if hidden and value else ""
    return fields
