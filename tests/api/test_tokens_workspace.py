"""Consultants create API tokens in the workspace (shown once), revoke them, read the reference."""

import re

from surveyor.extensions import db
from surveyor.models import ApiToken


def _secret_in(page: bytes) -> str:
    return re.search(rb'value="(sv_[A-Za-z0-9_-]+)"', page).group(1).decode()


def test_a_consultant_creates_a_token_that_is_shown_once(client, auth, make, app):
    auth.login(make.user("consultant"))
    response = client.post("/api-tokens/", data={"name": "CRM"})
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"
    secret = _secret_in(response.data)
    assert len(secret) >= 40
    api = client.get("/api/v1/clients", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 200
    listing = client.get("/api-tokens/")
    assert b"CRM" in listing.data and secret.encode() not in listing.data
    assert secret[:10].encode() in listing.data


def test_a_token_is_revoked_by_its_owner_only(client, auth, make, app, token_for):
    owner, other = make.user("consultant"), make.user("consultant")
    secret = token_for(owner)
    with app.app_context():
        token_id = db.session.scalar(db.select(ApiToken.id))
    auth.login(other)
    assert client.post(f"/api-tokens/{token_id}/revoke").status_code == 404
    auth.logout()
    auth.login(owner)
    response = client.post(f"/api-tokens/{token_id}/revoke", follow_redirects=True)
    assert b"revoked" in response.data
    api = client.get("/api/v1/clients", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 401


def test_a_token_needs_a_name_and_shoppers_get_none(client, auth, make):
    auth.login(make.user("consultant"))
    assert client.post("/api-tokens/", data={"name": ""}).status_code == 422
    auth.logout()
    auth.login(make.user("shopper"))
    assert client.get("/api-tokens/").status_code == 403


def test_the_reference_page_lists_every_endpoint(client, auth, make):
    auth.login(make.user("viewer"))
    page = client.get("/api-docs/")
    assert page.status_code == 200
    for expected in (b"GET /api/v1/clients", b"POST /api/v1/responses", b"schema-Error"):
        assert expected in page.data
    assert b"<script" not in page.data


def test_create_token_on_the_command_line(runner, make, app):
    user = make.user("consultant", email="kim@example.com")
    result = runner.invoke(args=["create-token", "Kim@Example.com", "--name", "Kiosk"])
    assert result.exit_code == 0, result.output
    secret = result.output.strip()
    assert secret.startswith("sv_")
    with app.app_context():
        token = db.session.scalar(db.select(ApiToken))
        assert (token.user_id, token.name) == (user.id, "Kiosk")
    result = runner.invoke(args=["create-token", "nobody@example.com"])
    assert result.exit_code != 0 and "no active user" in result.output


def test_the_openapi_document_is_public_and_names_the_bearer_scheme(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert "/api/v1/responses" in spec["paths"]
