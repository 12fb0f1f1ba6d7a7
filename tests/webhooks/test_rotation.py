"""A consultant rotates a webhook's signing secret: shown once, audited, and for a grace period
every delivery carries a signature under the new and under the previous secret."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import AuditEvent, WebhookSubscription
from surveyor.models.base import utcnow
from surveyor.services.webhooks import delivery, signing
from tests.factories import _Ref
from tests.webhooks.test_delivery import _answer_survey

pytestmark = pytest.mark.usefixtures("local_targets")


def _secret_on(page: str) -> str:
    return re.search(r'value="(whsec_[^"]+)"', page).group(1)


def _stored(app, subscription_id: int) -> WebhookSubscription:
    with app.app_context():
        found = db.session.get(WebhookSubscription, subscription_id)
        db.session.expunge(found)
        return found


def _rotate_on_the_page(client, auth, make, app, project_id, subscription_id, previous="keep"):
    with app.app_context():
        client_id = db.session.get(WebhookSubscription, subscription_id).project.client_id
    auth.login(make.user("consultant", clients=(_Ref(client_id),)))
    url = f"/projects/{project_id}/webhooks/{subscription_id}/rotate"
    return client.post(url, data={"previous": previous})


def _deliver_one(app, client, link, receiver):
    _answer_survey(client, link)
    with app.app_context():
        try:
            assert delivery.deliver_due(utcnow()) == 1
        finally:
            db.session.remove()
    return receiver.requests[-1]


def _v1_entries(header: str) -> list[str]:
    return [part for part in header.split(",") if part.startswith("v1=")]


def test_the_new_secret_is_shown_once_and_the_rotation_is_audited(
    app, client, auth, make, subscribe
):
    _instrument, wave, _link = make.open_survey()
    subscription_id, old = subscribe(wave.project_id, "https://8.8.8.8/in")
    rotated = _rotate_on_the_page(client, auth, make, app, wave.project_id, subscription_id)
    assert rotated.status_code == 200
    assert rotated.headers["Cache-Control"] == "no-store"
    page = rotated.get_data(as_text=True)
    new = _secret_on(page)
    assert new != old and new == _stored(app, subscription_id).secret
    assert "each message is signed with the new and the previous secret" in page
    later = client.get(f"/projects/{wave.project_id}/webhooks/{subscription_id}")
    assert new not in later.get_data(as_text=True) and old not in later.get_data(as_text=True)
    assert "the previous secret also signs until" in later.get_data(as_text=True)
    with app.app_context():
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.action == "webhook.secret_rotated")
        )
        assert event is not None and event.details == {"previous_valid_hours": 24}
        assert new not in str(event.details) + event.target and old not in event.target


def test_during_the_grace_period_both_secrets_sign(app, client, auth, make, receiver, subscribe):
    _instrument, wave, link = make.open_survey()
    subscription_id, old = subscribe(wave.project_id, receiver.url)
    page = _rotate_on_the_page(client, auth, make, app, wave.project_id, subscription_id)
    new = _secret_on(page.get_data(as_text=True))
    received = _deliver_one(app, app.test_client(), link, receiver)
    header = received.headers["Surveyor-Signature"]
    assert len(_v1_entries(header)) == 2
    now = int(time.time())
    assert signing.verify(new, header, received.body, now)
    assert signing.verify(old, header, received.body, now)
    assert not signing.verify("whsec_other", header, received.body, now)

    with app.app_context():  # the grace period is over
        found = db.session.get(WebhookSubscription, subscription_id)
        found.previous_secret_until = utcnow() - timedelta(seconds=1)
        db.session.commit()
    received = _deliver_one(app, app.test_client(), link, receiver)
    header = received.headers["Surveyor-Signature"]
    assert len(_v1_entries(header)) == 1
    assert signing.verify(new, header, received.body, int(time.time()))
    assert not signing.verify(old, header, received.body, int(time.time()))


def test_a_leaked_secret_can_end_at_once(app, client, auth, make, receiver, subscribe):
    _instrument, wave, link = make.open_survey()
    subscription_id, old = subscribe(wave.project_id, receiver.url)
    page = _rotate_on_the_page(
        client, auth, make, app, wave.project_id, subscription_id, previous="end"
    )
    assert "The previous secret no longer signs" in page.get_data(as_text=True)
    new = _secret_on(page.get_data(as_text=True))
    received = _deliver_one(app, app.test_client(), link, receiver)
    header = received.headers["Surveyor-Signature"]
    assert signing.verify(new, header, received.body, int(time.time()))
    assert not signing.verify(old, header, received.body, int(time.time()))
    stored = _stored(app, subscription_id)
    assert stored.previous_secret is None and stored.previous_secret_until is None


def test_only_the_projects_editors_rotate(app, client, auth, make, subscribe):
    _instrument, wave, _link = make.open_survey()
    subscription_id, old = subscribe(wave.project_id, "https://8.8.8.8/in")
    url = f"/projects/{wave.project_id}/webhooks/{subscription_id}/rotate"
    auth.login(make.user("consultant", clients=(make.client(),)))
    assert client.post(url).status_code == 404
    auth.logout()
    with app.app_context():
        client_id = db.session.get(WebhookSubscription, subscription_id).project.client_id
    auth.login(make.user("viewer", clients=(_Ref(client_id),)))
    assert client.post(url).status_code in (403, 404)
    assert _stored(app, subscription_id).secret == old


def test_a_receiver_checks_every_v1_entry():
    header = signing.header("whsec_new", 1_000_000, '{"a":1}', previous="whsec_old")
    assert header.startswith("t=1000000,v1=") and header.count("v1=") == 2
    for secret in ("whsec_new", "whsec_old"):
        assert signing.verify(secret, header, '{"a":1}', 1_000_100)
    assert not signing.verify("whsec_new", header, '{"a":2}', 1_000_100)
    assert not signing.verify("whsec_new", f"t=5,{header}", '{"a":1}', 1_000_100)


def _german_subscription_page(app, auth, make, subscribe) -> tuple[str, int, str]:
    """A subscription's page URL, its id and first secret, for a German consultant."""
    _instrument, wave, _link = make.open_survey()
    subscription_id, old = subscribe(wave.project_id, "https://8.8.8.8/in")
    with app.app_context():
        client_id = db.session.get(WebhookSubscription, subscription_id).project.client_id
    auth.login(make.user("consultant", clients=(_Ref(client_id),), locale="de"))
    return f"/projects/{wave.project_id}/webhooks/{subscription_id}", subscription_id, old


def test_a_german_consultant_rotates_in_german(app, client, auth, make, subscribe):
    url, _subscription_id, _old = _german_subscription_page(app, auth, make, subscribe)
    page = client.get(url).get_data(as_text=True)
    assert "Signatur-Geheimnis erneuern" in page and "Rotate secret" not in page
    rotated = client.post(f"{url}/rotate", data={"previous": "keep"}).get_data(as_text=True)
    assert "Neues Signatur-Geheimnis" in rotated
    assert "mit dem neuen und dem bisherigen Geheimnis signiert" in rotated


def _seen_on(page: str) -> str:
    return re.search(r'name="seen" value="([^"]+)"', page).group(1)


def test_a_rotation_sent_twice_rotates_once(app, client, auth, make, subscribe):
    """Reloading the page that shows the new secret sends the form again: the secret the
    receiver still uses must not be retired by that, nor the one just copied replaced."""
    url, subscription_id, old = _german_subscription_page(app, auth, make, subscribe)
    form = {"previous": "keep", "seen": _seen_on(client.get(url).get_data(as_text=True))}
    first = client.post(f"{url}/rotate", data=form)
    new = _secret_on(first.get_data(as_text=True))
    again = client.post(f"{url}/rotate", data=form)
    assert again.status_code == 302
    stored = _stored(app, subscription_id)
    assert (stored.secret, stored.previous_secret) == (new, old)
    shown = client.get(url).get_data(as_text=True)
    assert "nicht noch einmal erneuert" in shown and new not in shown
    # A form filled against the newest secret rotates as before.
    form["seen"] = _seen_on(shown)
    assert _secret_on(client.post(f"{url}/rotate", data=form).get_data(as_text=True)) != new
