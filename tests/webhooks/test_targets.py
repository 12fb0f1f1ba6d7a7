"""No SSRF: webhooks go over https to public addresses only, checked at creation and delivery."""

from __future__ import annotations

import socket

import pytest
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Project, User, WebhookDelivery
from surveyor.models.base import utcnow
from surveyor.services.webhooks import delivery, events, subscriptions, targets

PUBLIC = "93.184.215.14"


@pytest.fixture
def dns(monkeypatch):
    """A resolver the test decides: host name -> addresses (anything else: not found)."""
    table: dict[str, list[str]] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in table:
            return [
                (
                    socket.AF_INET6 if ":" in a else socket.AF_INET,
                    socket.SOCK_STREAM,
                    6,
                    "",
                    (a, port),
                )
                for a in table[host]
            ]
        if any(c.isalpha() for c in host) and host != "localhost":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table


@pytest.fixture
def project_and_user(app, make):
    project = make.project(make.client())
    user = make.user("consultant")
    return project.id, user.id


def _create(app, project_and_user, url: str):
    with app.app_context():
        project = db.session.get(Project, project_and_user[0])
        user = db.session.get(User, project_and_user[1])
        subscription, secret = subscriptions.create(project, user, "", url, ["wave.opened"])
        return subscription.events, secret


@pytest.mark.parametrize(
    "url, words",
    [
        ("http://hooks.example.com/in", "https only"),
        ("https://10.1.2.3/in", "10.1.2.3"),
        ("https://127.0.0.1:8443/in", "127.0.0.1"),
        ("https://169.254.169.254/latest/meta-data", "169.254.169.254"),
        ("https://[::1]/in", "::1"),
        ("https://[::ffff:192.168.1.1]/in", "::ffff:192.168.1.1"),
        ("https://localhost/in", "localhost points to"),
        ("https://intranet.example/in", "intranet.example points to 10.20.30.40"),
        ("https://mixed.example/in", "mixed.example points to 172.16.0.9"),
        ("https://user:pw@hooks.example.com/in", "credentials"),
        ("not a url", "https only"),
    ],
)
def test_unsafe_targets_are_refused_with_a_clear_message(app, project_and_user, dns, url, words):
    dns["intranet.example"] = ["10.20.30.40"]
    dns["mixed.example"] = [PUBLIC, "172.16.0.9"]
    dns["hooks.example.com"] = [PUBLIC]
    with pytest.raises(targets.UnsafeTarget) as refused:
        _create(app, project_and_user, url)
    assert words in refused.value.message
    assert refused.value.errors == {"url": [refused.value.message]}


def test_a_public_https_target_is_accepted(app, project_and_user, dns):
    dns["hooks.example.com"] = [PUBLIC, "2606:2800:21f:cb07:6820:80da:af6b:8b2c"]
    events, secret = _create(app, project_and_user, "https://hooks.example.com/in?x=1")
    assert secret.startswith("whsec_") and events == ["wave.opened"]


def test_a_host_that_turns_private_after_creation_is_not_contacted(app, project_and_user, dns):
    """DNS rebinding: the address is checked again at every delivery, before connecting."""
    dns["hooks.example.com"] = [PUBLIC]
    with app.app_context():
        project = db.session.get(Project, project_and_user[0])
        user = db.session.get(User, project_and_user[1])
        subscriptions.create(project, user, "", "https://hooks.example.com/in", ["wave.opened"])
        events.record(project.id, "wave.opened", {"wave_id": 1})
        db.session.commit()
    dns["hooks.example.com"] = ["192.168.0.10"]
    with app.app_context():
        assert delivery.deliver_due(utcnow()) == 0
        waiting = db.session.scalar(select(WebhookDelivery))
        assert waiting.status == "pending" and "192.168.0.10" in waiting.last_error
        assert waiting.last_status_code is None


def test_the_testing_switch_is_off_by_default(app):
    assert app.config["WEBHOOKS_ALLOW_LOCAL_TARGETS"] is False
