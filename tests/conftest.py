"""Fixtures in the style of Flask's tutorial: ``app``, ``client``, ``runner``, plus ``make``.

One app per test session on a database migrated with the real Alembic scripts: SQLite in a
temporary folder by default, PostgreSQL when ``SURVEYOR_TEST_DATABASE_URL`` names one. Every
test starts from empty tables. Requests never share the test's app context, so each request sees
the database as a separate user would.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text

from surveyor import create_app
from surveyor.extensions import db
from tests.factories import PASSWORD, Factory


def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("SURVEYOR_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'surveyor-test.sqlite'}"


def testing_config(url: str) -> dict:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
    }


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    url = database_url(tmp_path_factory)
    app = create_app(testing_config(url))
    with app.app_context():
        _drop_everything()
        upgrade(directory=app.extensions["migrate"].directory)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _empty_tables(request: pytest.FixtureRequest) -> Iterator[None]:
    """Empty every table after each test that used the app."""
    yield
    if "app" not in request.fixturenames:
        return
    app: Flask = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        tables = [table.name for table in db.metadata.sorted_tables]
        if db.engine.dialect.name == "postgresql":
            quoted = ", ".join(f'"{name}"' for name in tables)
            db.session.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))
        else:
            for name in reversed(tables):
                db.session.execute(text(f'DELETE FROM "{name}"'))
        db.session.commit()


def _drop_everything() -> None:
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.session.commit()
    else:
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def make(app: Flask) -> Factory:
    return Factory(app)


class AuthActions:
    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def login(self, user, password: str = PASSWORD):
        return self._client.post("/login", data={"email": user.email, "password": password})

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


class QueryCounter:
    """Counts SQL statements sent by the app while active (requests included)."""

    def __init__(self, app: Flask) -> None:
        with app.app_context():
            self._engine = db.engine
        self.count = 0

    def _count(self, *_args) -> None:
        self.count += 1

    def __enter__(self) -> QueryCounter:
        from sqlalchemy import event

        self.count = 0
        event.listen(self._engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *_exc) -> None:
        from sqlalchemy import event

        event.remove(self._engine, "before_cursor_execute", self._count)


@pytest.fixture
def queries(app: Flask) -> QueryCounter:
    return QueryCounter(app)
