"""Roles inside one client: what a shopper and a viewer of client A may not do with A's data.

The access-control matrix (test_access_control.py) covers other tenants; these tests cover the
findings of issue 18's attack run inside one client. The tenant fixture's shopper has client
access on purpose: accounts created before the fix may have it, and it must grant nothing.
Reproduce: ``.venv/bin/python -m pytest tests/security/test_roles.py -q``.
"""

from __future__ import annotations

import pytest

from surveyor.extensions import db
from surveyor.models import ApiToken, Assignment, User
from surveyor.services.accounts.api_tokens import hash_token
from surveyor.web.role_guard import OPEN_BLUEPRINTS
from tests.security.conftest import RoleClient
from tests.security.routes import ALL_ROUTES, MissingKind, Route

WORKSPACE_GETS = [
    route
    for route in ALL_ROUTES
    if "GET" in route.methods and route.endpoint.split(".")[0] not in OPEN_BLUEPRINTS
]


def _urls(route: Route, own) -> list[str]:
    """The route's URLs for tenant A's objects; skipped while the fixture lacks a kind."""
    try:
        return route.urls(own.ids)
    except MissingKind as missing:
        pytest.skip(f"tenant fixture has no {missing.args[0]!r} yet (tests/security/conftest.py)")


@pytest.mark.parametrize("route", WORKSPACE_GETS, ids=lambda route: route.endpoint)
def test_a_shopper_with_client_access_reads_nothing_of_the_workspace(route: Route, as_role, own):
    shopper = as_role("shopper")
    for url in _urls(route, own):
        status = shopper.open("GET", url).status_code
        assert status in (403, 404), f"shopper GET {url} -> {status}"


@pytest.mark.parametrize("route", WORKSPACE_GETS, ids=lambda route: route.endpoint)
def test_an_anonymous_visitor_is_sent_to_sign_in_from_every_workspace_page(
    route: Route, as_role, own
):
    """The role guard is the one sign-in check of the workspace (the blueprints have no login
    hook of their own), so every page of every blueprint that is not open must redirect."""
    anonymous = as_role("anonymous")
    for url in _urls(route, own):
        answer = anonymous.open("GET", url)
        assert answer.status_code == 302, f"anonymous GET {url} -> {answer.status_code}"
        assert answer.headers["Location"].startswith("/login"), answer.headers["Location"]


def _legacy_token(app, user: User, secret: str = "sv_legacy-shopper-token") -> str:
    """A token as the CLI made them for shoppers before the fix."""
    with app.app_context():
        db.session.add(
            ApiToken(user_id=user.id, name="old", token_hash=hash_token(secret), prefix=secret[:10])
        )
        db.session.commit()
    return secret


@pytest.mark.parametrize("path", ["/api/v1/responses", "/api/v1/clients"])
def test_a_shopper_token_opens_no_api(app, client, own, path):
    secret = _legacy_token(app, own.users["shopper"])
    answer = client.get(path, headers={"Authorization": f"Bearer {secret}"})
    assert answer.status_code == 403
    assert answer.json["message"] == "This account's role has no access to the API."


def test_shoppers_get_no_api_token_from_the_cli(app, runner, own):
    result = runner.invoke(args=["create-token", own.users["shopper"].email])
    assert result.exit_code != 0
    assert "cannot have API tokens" in result.output
    with app.app_context():
        assert db.session.query(ApiToken).filter_by(user_id=own.users["shopper"].id).count() == 0


def test_a_shoppers_client_means_the_shopper_pool_and_opens_no_workspace(app, runner, own):
    """Issue 18 asked for a clear meaning or a refusal: a shopper's client is the pool whose plans
    rotate shops to them (services/wave_setup), and it opens nothing of the workspace."""
    with app.app_context():
        from surveyor.models import Client

        slug = db.session.get(Client, own.ids["client"]).slug
    result = runner.invoke(
        args=[
            "create-user",
            "new-shopper@example.com",
            "--role",
            "shopper",
            "--client",
            slug,
            "--password",
            "long enough pw",
        ]
    )
    assert result.exit_code == 0, result.output
    shopper = app.test_client()
    login = {"email": "new-shopper@example.com", "password": "long enough pw"}
    assert shopper.post("/login", data=login).status_code == 302
    for url in ("/clients/", f"/clients/{own.ids['client']}/edit", "/admin/users/"):
        assert shopper.get(url).status_code in (403, 404), url
    assert shopper.get("/shop/").status_code == 200


def test_a_viewer_gets_no_personal_links(app, as_role, own):
    viewer = as_role("viewer")
    link = own.ids["survey_link"]
    assert viewer.open("GET", f"/links/{link}/invitations.csv").status_code == 403
    page = viewer.open("GET", f"/links/{link}")
    assert page.status_code == 200
    assert b"invitations.csv" not in page.data
    assert own.ids["invitation_token"].encode() not in page.data
    consultant_csv = as_role("consultant").open("GET", f"/links/{link}/invitations.csv")
    assert own.ids["invitation_token"].encode() in consultant_csv.data


def _approve(app, own) -> None:
    with app.app_context():
        db.session.get(Assignment, own.ids["assignment"]).status = "approved"
        db.session.commit()


def _shop_response_ids(role_client: RoleClient) -> list[str]:
    page = role_client.open("GET", "/api/v1/responses?respondent_group=shopper")
    assert page.status_code == 200
    return [item["submission_id"] for item in page.json["items"]]


def test_viewers_read_shops_through_the_api_only_once_approved(app, as_role, own):
    viewer, consultant = as_role("viewer"), as_role("consultant")
    assert _shop_response_ids(viewer) == []
    assert _shop_response_ids(consultant) == ["Alpha-shop"]
    _approve(app, own)
    assert _shop_response_ids(viewer) == ["Alpha-shop"]


def test_viewers_download_photos_only_of_approved_shops(app, as_role, own):
    viewer = as_role("viewer")
    url = f"/shop/photos/{own.ids['photo']}"
    assert viewer.open("GET", url).status_code == 404
    assert as_role("consultant").open("GET", url).status_code == 200
    _approve(app, own)
    assert viewer.open("GET", url).status_code == 200


def test_the_workbook_holds_shops_only_once_approved(app, own, tmp_path):
    from surveyor.services.reports.scope import ExportScope
    from surveyor.services.reports.workbooks import build_workbook

    scope = ExportScope(own.ids["project"])
    with app.app_context():
        assert build_workbook(scope, tmp_path / "before.xlsx") == 0
    _approve(app, own)
    with app.app_context():
        assert build_workbook(scope, tmp_path / "after.xlsx") == 1
