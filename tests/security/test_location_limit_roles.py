"""Only client viewers can be limited to locations (docs/security.md).

Editing pages (the assignment list, plans) show every branch and never applied the limit, so a
limited consultant, admin or shopper was promised a cut they did not get. The service refuses
them, the administrators' pages say so, and the migration removed such limits made before.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import insert, select

from surveyor.extensions import db
from surveyor.models import User, location_access
from surveyor.services import tenancy
from surveyor.services.errors import Conflict

REFUSED = "Only client viewers (read-only) can be limited to locations"


@pytest.fixture
def branch(make):
    client = make.client("Stadtwerke")
    return client, make.location(make.project(client), name="Nordstadt")


def _granted(app, user) -> set[int]:
    with app.app_context():
        return tenancy.granted_location_ids(db.session.get(User, user.id))


@pytest.mark.parametrize("role", ["consultant", "admin", "shopper"])
def test_the_service_refuses_to_limit_any_role_but_viewer(app, make, branch, role):
    client, location = branch
    target = make.user(role, clients=(client,))
    admin = make.user("admin")
    with app.app_context(), pytest.raises(Conflict, match=re.escape(REFUSED)):
        tenancy.set_location_access(
            db.session.get(User, admin.id), db.session.get(User, target.id), [location.id]
        )
    assert _granted(app, target) == set()


def test_the_service_still_limits_a_viewer(app, make, branch):
    client, location = branch
    viewer = make.user("viewer", clients=(client,))
    admin = make.user("admin")
    with app.app_context():
        tenancy.set_location_access(
            db.session.get(User, admin.id), db.session.get(User, viewer.id), [location.id]
        )
    assert _granted(app, viewer) == {location.id}


@pytest.mark.parametrize("role", ["consultant", "admin", "shopper"])
def test_the_locations_page_of_another_role_answers_with_a_refusal(
    client, auth, app, make, branch, role
):
    own, location = branch
    target = make.user(role, clients=(own,), email=f"{role}@example.com")
    auth.login(make.user("admin"))
    page = client.get(f"/admin/users/{target.id}/locations")
    assert page.status_code == 409
    assert REFUSED in page.get_data(as_text=True)
    assert f"{role}@example.com" in page.get_data(as_text=True)
    sent = client.post(f"/admin/users/{target.id}/locations", data={"location_ids": [location.id]})
    assert sent.status_code == 409 and REFUSED in sent.get_data(as_text=True)
    assert _granted(app, target) == set()


def test_the_refusal_speaks_german(client, auth, make):
    target = make.user("consultant")
    auth.login(make.user("admin", locale="de"))
    page = client.get(f"/admin/users/{target.id}/locations").get_data(as_text=True)
    assert "Nur Konten mit der Rolle „Kunde (nur lesen)“" in page


def test_a_viewer_is_still_limited_through_the_page(client, auth, app, make, branch):
    own, location = branch
    viewer = make.user("viewer", clients=(own,))
    auth.login(make.user("admin"))
    assert client.get(f"/admin/users/{viewer.id}/locations").status_code == 200
    sent = client.post(f"/admin/users/{viewer.id}/locations", data={"location_ids": [location.id]})
    assert sent.status_code == 302
    assert _granted(app, viewer) == {location.id}


def test_the_users_list_offers_locations_only_for_viewers(client, auth, make):
    viewer = make.user("viewer")
    others = [make.user(role) for role in ("consultant", "shopper")]
    admin = make.user("admin")
    auth.login(admin)
    page = client.get("/admin/users/").get_data(as_text=True)
    assert f"/admin/users/{viewer.id}/locations" in page
    for other in [*others, admin]:
        assert f"/admin/users/{other.id}/locations" not in page


def test_the_migration_drops_the_limits_of_every_role_but_viewer(app, make, branch):
    """Revision f9b1c0de0001 on data: limits given to consultants, admins or shoppers before
    the rule was enforced are removed; a viewer's limit stays."""
    from flask_migrate import downgrade, upgrade

    own, location = branch
    users = {role: make.user(role, clients=(own,)) for role in ("viewer", "consultant", "admin")}
    users["shopper"] = make.user("shopper")
    directory = app.extensions["migrate"].directory
    with app.app_context():
        downgrade(directory=directory, revision="f8b0c0de0001")
        try:
            rows = [{"user_id": user.id, "location_id": location.id} for user in users.values()]
            db.session.execute(insert(location_access), rows)
            db.session.commit()
        finally:
            upgrade(directory=directory)
        db.session.remove()
        kept = db.session.scalars(select(location_access.c.user_id)).all()
        assert kept == [users["viewer"].id]
