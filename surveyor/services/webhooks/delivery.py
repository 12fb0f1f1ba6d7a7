"""Delivering webhooks: the worker's job that POSTs committed events to their receivers.

Like the e-mail outbox (:mod:`surveyor.services.messaging.outbox`), each delivery goes in three
short steps with no database transaction open while the receiver is talked to:

1. *claim*: on PostgreSQL the oldest due delivery is selected ``FOR UPDATE SKIP LOCKED`` (any
   number of workers on any number of hosts take different rows); elsewhere a conditional
   ``UPDATE ... WHERE status = 'pending'`` wins for one worker only. The claim sets
   ``status = 'sending'`` and a lease until ``next_attempt_at``.
2. *POST* the stored body, signed (:mod:`.signing`), to a checked address (:mod:`.targets`).
3. *record*: a 2xx answer marks the delivery ``delivered``; anything else (an error status, a
   redirect, a timeout, a refused address) puts it back to ``pending`` with exponential
   back-off and counts a failure of its subscription. :data:`PAUSE_AFTER` failures in a row
   pause the subscription with the reason shown in the workspace; its events keep waiting and
   go out when a consultant resumes it. No delivery is ever given up, so no event is lost.

A worker killed between the receiver's answer and step 3 leaves the delivery ``sending``; when
the lease has expired it is sent again with the same ``Surveyor-Delivery`` id, which is how the
receiver recognises the duplicate. That is the one window of a second delivery.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update

from surveyor.extensions import db
from surveyor.models import WebhookDelivery, WebhookSubscription
from surveyor.models.base import as_utc, utcnow
from surveyor.services.webhooks import sending, signing, targets

log = logging.getLogger(__name__)
LEASE = timedelta(seconds=6 * sending.TIMEOUT_SECONDS)
"""How long a claim protects a delivery; longer than a resolution plus a POST can take."""
FIRST_RETRY = timedelta(minutes=1)
LAST_RETRY = timedelta(hours=6)
PAUSE_AFTER = 10
"""Failed attempts in a row (over all of a subscription's deliveries) that pause it: with the
back-off, a receiver that stays down for about eight hours."""
BATCH = 100
CANDIDATES = 20
USER_AGENT = "Surveyor-Webhooks/1"


@dataclass(frozen=True)
class Claimed:
    id: int
    delivery_id: str
    event: str
    body: str
    subscription_id: int
    url: str
    secret: str
    previous_secret: str | None = None
    previous_secret_until: datetime | None = None

    def previous_in_use(self, now: datetime) -> str | None:
        """The previous secret during its grace period after a rotation, else ``None``."""
        until = self.previous_secret_until
        if self.previous_secret and until is not None and as_utc(until) > now:
            return self.previous_secret
        return None


def deliver_due(now: datetime) -> int:
    """Deliver up to :data:`BATCH` deliveries due at ``now``; returns how many were taken."""
    delivered = 0
    for _ in range(BATCH):
        claimed = claim(now)
        if claimed is None:
            break
        delivered += deliver(claimed, now)
    return delivered


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off after the ``attempts``-th failed attempt: 1, 2, 4 ... minutes."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LAST_RETRY)


def claim(now: datetime) -> Claimed | None:
    """Take one due delivery for this worker, committed; ``None`` when none is due."""
    postgresql = db.engine.dialect.name == "postgresql"
    delivery_id = _claim_postgresql(now) if postgresql else _claim(now)
    claimed = None
    if delivery_id is not None:
        row = db.session.execute(
            select(
                WebhookDelivery.id,
                WebhookDelivery.delivery_id,
                WebhookDelivery.event,
                WebhookDelivery.body,
                WebhookSubscription.id.label("subscription_id"),
                WebhookSubscription.url,
                WebhookSubscription.secret,
                WebhookSubscription.previous_secret,
                WebhookSubscription.previous_secret_until,
            )
            .join(WebhookSubscription, WebhookDelivery.subscription_id == WebhookSubscription.id)
            .where(WebhookDelivery.id == delivery_id)
        ).one()
        claimed = Claimed(**row._asdict())
    db.session.commit()
    return claimed


def deliver(claimed: Claimed, now: datetime) -> int:
    """POST one claimed delivery and record the outcome; 1 if the receiver took it."""
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Surveyor-Event": claimed.event,
        "Surveyor-Delivery": claimed.delivery_id,
        "Surveyor-Signature": signing.header(
            claimed.secret, timestamp, claimed.body, claimed.previous_in_use(utcnow())
        ),
    }
    try:
        target, addresses = targets.check(claimed.url, must_resolve=True)
        status = sending.post(target, addresses[0], claimed.body, headers)
    except (targets.UnsafeTarget, sending.DeliveryFailed) as error:
        log.warning("webhook delivery %s failed: %s", claimed.delivery_id, error)
        _record_failure(claimed, error, now)
        db.session.commit()
        return 0
    _record_success(claimed, status)
    db.session.commit()
    return 1


def _due(now: datetime):
    waiting = and_(
        WebhookDelivery.status == "pending",
        or_(WebhookDelivery.next_attempt_at.is_(None), WebhookDelivery.next_attempt_at <= now),
    )
    abandoned = and_(WebhookDelivery.status == "sending", WebhookDelivery.next_attempt_at <= now)
    active = select(WebhookSubscription.id).where(WebhookSubscription.active.is_(True))
    return and_(or_(waiting, abandoned), WebhookDelivery.subscription_id.in_(active))


def _claim_update(delivery_id: int, now: datetime):
    return (
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id)
        .values(
            status="sending",
            attempts=WebhookDelivery.attempts + 1,
            next_attempt_at=max(now, utcnow()) + LEASE,
        )
        .execution_options(synchronize_session=False)
    )


def _claim_postgresql(now: datetime) -> int | None:
    due = select(WebhookDelivery.id).where(_due(now)).order_by(WebhookDelivery.id).limit(1)
    delivery_id = db.session.scalar(due.with_for_update(skip_locked=True))
    if delivery_id is not None:
        db.session.execute(_claim_update(delivery_id, now))
    return delivery_id


def _claim(now: datetime) -> int | None:
    due = select(WebhookDelivery.id).where(_due(now)).order_by(WebhookDelivery.id)
    for delivery_id in db.session.scalars(due.limit(CANDIDATES)).all():
        if db.session.execute(_claim_update(delivery_id, now).where(_due(now))).rowcount == 1:
            return delivery_id
    return None


def _record_success(claimed: Claimed, status: int) -> None:
    db.session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == claimed.id)
        .values(
            status="delivered",
            delivered_at=utcnow(),
            next_attempt_at=None,
            last_status_code=status,
            last_error=None,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(WebhookSubscription)
        .where(WebhookSubscription.id == claimed.subscription_id)
        .values(failures=0)
        .execution_options(synchronize_session=False)
    )


def _record_failure(claimed: Claimed, error: Exception, now: datetime) -> None:
    reason = str(error)[:2000] or type(error).__name__
    attempts = db.session.scalar(
        select(WebhookDelivery.attempts).where(WebhookDelivery.id == claimed.id)
    )
    db.session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == claimed.id)
        .values(
            status="pending",
            next_attempt_at=now + retry_delay(attempts),
            last_status_code=error.status if isinstance(error, sending.DeliveryFailed) else None,
            last_error=reason,
        )
        .execution_options(synchronize_session=False)
    )
    subscription = WebhookSubscription.id == claimed.subscription_id
    db.session.execute(
        update(WebhookSubscription)
        .where(subscription)
        .values(failures=WebhookSubscription.failures + 1, last_error=reason)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(WebhookSubscription)
        .where(
            subscription,
            WebhookSubscription.active.is_(True),
            WebhookSubscription.failures >= PAUSE_AFTER,
        )
        .values(active=False, pause_reason="failing", paused_at=utcnow())
        .execution_options(synchronize_session=False)
    )
