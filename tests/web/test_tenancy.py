"""Tenant isolation: a user of client A gets 404 for anything of client B."""

import pytest


@pytest.fixture
def two_tenants(make):
    own, foreign = make.client("Own"), make.client("Foreign")
    foreign_project = make.project(foreign)
    return {
        "own": own,
        "foreign": foreign,
        "project": foreign_project,
        "touchpoint": make.touchpoint(foreign_project),
        "location": make.location(foreign_project),
    }


def _foreign_urls(t):
    return [
        f"/clients/{t['foreign'].id}",
        f"/clients/{t['foreign'].id}/edit",
        f"/clients/{t['foreign'].id}/projects/new",
        f"/projects/{t['project'].id}",
        f"/projects/{t['project'].id}/edit",
        f"/projects/{t['project'].id}/touchpoints/new",
        f"/projects/{t['project'].id}/locations/new",
        f"/projects/{t['project'].id}/phases/new",
        f"/touchpoints/{t['touchpoint'].id}",
        f"/touchpoints/{t['touchpoint'].id}/edit",
        f"/locations/{t['location'].id}/edit",
    ]


@pytest.mark.parametrize("role", ["consultant", "viewer"])
def test_other_tenants_pages_are_404(client, auth, make, two_tenants, role):
    auth.login(make.user(role, clients=(two_tenants["own"],)))
    for url in _foreign_urls(two_tenants):
        assert client.get(url).status_code == 404, url
        if url.endswith(("/edit", "/new")):
            assert client.post(url, data={"name": "hijack"}).status_code == 404, url
    for kind in ("touchpoints", "locations"):
        url = f"/{kind}/{two_tenants[kind[:-1]].id}/delete"
        assert client.post(url).status_code == 404, url


def test_client_list_shows_only_assigned_clients(client, auth, make, two_tenants):
    auth.login(make.user("consultant", clients=(two_tenants["own"],)))
    page = client.get("/clients/").data
    assert b"Own" in page and b"Foreign" not in page


def test_admin_sees_every_client(client, auth, make, two_tenants):
    auth.login(make.user("admin"))
    page = client.get("/clients/").data
    assert b"Own" in page and b"Foreign" in page
    assert client.get(f"/projects/{two_tenants['project'].id}").status_code == 200


def test_viewer_reads_but_cannot_change(client, auth, make):
    own = make.client("Own")
    project = make.project(own)
    touchpoint = make.touchpoint(project)
    auth.login(make.user("viewer", clients=(own,)))
    assert client.get(f"/projects/{project.id}").status_code == 200
    assert b"New touchpoint" not in client.get(f"/projects/{project.id}").data
    assert (
        client.post(
            f"/projects/{project.id}/touchpoints/new",
            data={"name": "x", "channel": "web", "weight": 1},
        ).status_code
        == 403
    )
    assert client.post(f"/touchpoints/{touchpoint.id}/delete").status_code == 403


def test_consultant_cannot_create_clients_or_users(client, auth, make):
    auth.login(make.user("consultant"))
    assert client.post("/clients/new", data={"name": "Sneaky"}).status_code == 302
    assert b"Sneaky" not in client.get("/clients/").data
    assert client.get("/admin/users/").status_code == 404
