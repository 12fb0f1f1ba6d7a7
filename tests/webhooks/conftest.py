"""Fixtures for webhook tests: a local receiver, and subscriptions allowed to reach it."""

from __future__ import annotations

import pytest

from surveyor.extensions import db
from surveyor.models import Project, User
from surveyor.services.webhooks import subscriptions
from tests.webhooks.receiver import Receiver


@pytest.fixture
def receiver():
    started = Receiver().start()
    yield started
    started.stop()


@pytest.fixture
def local_targets(app, monkeypatch):
    """The testing switch: http:// and 127.0.0.1 are allowed, as in local development only."""
    monkeypatch.setitem(app.config, "WEBHOOKS_ALLOW_LOCAL_TARGETS", True)


@pytest.fixture
def subscribe(app, make):
    """Subscribe a project to events at ``url`` through the service; returns (id, secret)."""

    def create(project_id: int, url: str, events=("response.stored",)) -> tuple[int, str]:
        consultant = make.user("consultant")
        with app.app_context():
            project = db.session.get(Project, project_id)
            user = db.session.get(User, consultant.id)
            subscription, secret = subscriptions.create(project, user, "CRM", url, list(events))
            db.session.commit()
            return subscription.id, secret

    return create
