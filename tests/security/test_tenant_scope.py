"""Every query of a tenant-owned table passes through the one tenancy scope.

Each role of client A crawls every page and API endpoint it can GET with A's ids (from
``app.url_map``, so new routes join unasked) while :class:`TenantGuard` watches the queries.
A query that neither went through :mod:`surveyor.services.tenancy` nor starts from an object
the request reached through it fails the test, with the line of code that sent it.
Reproduce: ``.venv/bin/python -m pytest tests/security/test_tenant_scope.py -q``.
"""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Location, Project, Touchpoint, User, Wave
from surveyor.services import tenancy
from surveyor.services.errors import NotFound
from tests.security.routes import ALL_ROUTES, MissingKind
from tests.security.tenant_guard import TenantGuard, tenant_owned

CRAWLERS = ("consultant", "viewer", "shopper", "admin")
"""The roles a tenant bounds, and admins: for them the scope only marks (they reach every
client), so an admin-only page that reads around it is caught too, rather than left to the
view's role check as the one thing between that read and every client's rows."""
GET_ROUTES = [route for route in ALL_ROUTES if "GET" in route.methods]
NOT_CRAWLED = {
    "location_tally": "a closed wave's stored counts: tests/locations/test_results.py",
    "workshop_cause_cluster": "a link table, read only as a loaded cause's relationship",
}
"""Tenant-owned tables no query of the crawl reads, and why; a new table must join the crawl
(an object of its kind in tests/security/conftest.py) or this list, with its reason."""


@pytest.fixture
def guard(app) -> TenantGuard:
    return TenantGuard(tenant_owned(db.metadata))


def _crawl(as_role, ids: dict, roles=CRAWLERS) -> int:
    pages = 0
    for role in roles:
        user = as_role(role)
        for route in GET_ROUTES:
            try:
                urls = route.urls(ids)
            except MissingKind:
                continue
            for url in urls:
                user.open("GET", url)
                pages += 1
    return pages


def test_every_query_of_a_crawl_goes_through_the_scope(as_role, own, victim, guard):
    with guard:
        pages = _crawl(as_role, own.ids)
    assert pages > 100 and guard.marked > 100, (pages, guard.marked)
    assert not guard.bypasses, "\n".join(map(str, guard.bypasses))
    assert guard.owned - guard.read == set(NOT_CRAWLED), "tables the crawl never read"


def test_every_query_of_a_change_goes_through_the_scope(as_role, own, victim, guard):
    """Every other method of every route, with an innocent body (most answer 4xx on it)."""
    with guard:
        for role in CRAWLERS:
            user = as_role(role)
            for route in ALL_ROUTES:
                try:
                    urls = route.urls(own.ids)
                except MissingKind:
                    continue
                for url, method in itertools.product(urls, route.methods):
                    if method != "GET":
                        user.open(method, url, **_body(url))
    assert guard.marked > 50, guard.marked
    assert not guard.bypasses, "\n".join(map(str, guard.bypasses))


def _body(url: str) -> dict:
    return {"json": {"name": "renamed"}} if url.startswith("/api/") else {"data": {"name": "x"}}


def test_the_guard_catches_a_lookup_that_forgets_the_scope(
    as_role, own, victim, guard, monkeypatch
):
    """A scope that neither filters nor marks (what a hand-written query does) is reported."""
    monkeypatch.setattr(tenancy, "scope", lambda user, query, model: query)
    with guard:
        _crawl(as_role, own.ids, roles=("viewer",))
    callers = {bypass.where for bypass in guard.bypasses}
    assert any("services/tenancy.py" in caller and " get" in caller for caller in callers), callers


def test_the_guard_tells_scoped_anchored_and_unscoped_queries_apart(app, own, victim, guard):
    with app.app_context(), guard:
        user = db.session.get(User, own.users["viewer"].id)
        project = tenancy.get_project(user, own.ids["project"])
        db.session.scalars(tenancy.scoped(user, Wave)).all()
        db.session.scalars(select(Wave).where(Wave.project_id == project.id)).all()
        assert (guard.marked, guard.anchored, guard.bypasses) == (2, 1, [])
        db.session.scalars(select(Wave).where(Wave.project_id == victim.ids["project"])).all()
        db.session.get(Location, victim.ids["location"])
        db.session.scalars(select(Touchpoint)).all()
        assert len(guard.bypasses) == 3, "\n".join(map(str, guard.bypasses))


def test_the_scope_refuses_another_clients_objects_and_shoppers(app, own, victim):
    with app.app_context():
        viewer = db.session.get(User, own.users["viewer"].id)
        shopper = db.session.get(User, own.users["shopper"].id)
        assert tenancy.get(viewer, Wave, own.ids["wave"]).id == own.ids["wave"]
        reached = db.session.scalars(tenancy.scoped(viewer, Project)).all()
        assert [project.id for project in reached] == [own.ids["project"]]
        for user, wave_id in ((viewer, victim.ids["wave"]), (shopper, own.ids["wave"])):
            with pytest.raises(NotFound):
                tenancy.get(user, Wave, wave_id)


def test_the_guard_reads_core_statements_on_the_sessions_connection(app, own, victim, guard):
    """Hot paths skip the ORM (``db.session.connection().execute``); the guard sees them too."""
    with app.app_context(), guard:
        user = db.session.get(User, own.users["viewer"].id)
        project = tenancy.get_project(user, own.ids["project"])
        connection = db.session.connection()
        connection.execute(select(Wave.id).where(Wave.project_id == project.id)).all()
        connection.execute(tenancy.scoped(user, Wave)).all()
        assert (guard.marked, guard.anchored, guard.bypasses) == (2, 1, [])
        connection.execute(select(Wave.id).where(Wave.project_id == victim.ids["project"])).all()
        assert [bypass.tables for bypass in guard.bypasses] == [frozenset({"wave"})]
