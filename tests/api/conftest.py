"""API fixtures: a consultant (or any user) with a bearer token, and a JSON client for it."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from surveyor.extensions import db
from surveyor.models import User
from surveyor.services.accounts import api_tokens


class Api:
    """Sends requests under /api/v1 with one user's bearer token."""

    def __init__(self, client: FlaskClient, token: str) -> None:
        self.client, self.token = client, token

    def _headers(self, token: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {token or self.token}"}

    def get(self, path: str, token: str | None = None, **kwargs):
        return self.client.get(f"/api/v1{path}", headers=self._headers(token), **kwargs)

    def post(self, path: str, json=None, token: str | None = None, **kwargs):
        return self.client.post(f"/api/v1{path}", json=json, headers=self._headers(token), **kwargs)

    def put(self, path: str, json=None, token: str | None = None, **kwargs):
        return self.client.put(f"/api/v1{path}", json=json, headers=self._headers(token), **kwargs)

    def delete(self, path: str, token: str | None = None, **kwargs):
        return self.client.delete(f"/api/v1{path}", headers=self._headers(token), **kwargs)

    def patch(self, path: str, json=None, token: str | None = None, **kwargs):
        return self.client.patch(
            f"/api/v1{path}", json=json, headers=self._headers(token), **kwargs
        )


@pytest.fixture
def token_for(app):
    """Creates a token for a (detached) user and returns its secret."""

    def create(user, name: str = "CRM") -> str:
        with app.app_context():
            _, secret = api_tokens.create_token(db.session.get(User, user.id), name)
            db.session.commit()
        return secret

    return create


@pytest.fixture
def api_as(client, token_for):
    """``api_as(user)``: an API client acting as ``user``."""

    def build(user) -> Api:
        return Api(client, token_for(user))

    return build
