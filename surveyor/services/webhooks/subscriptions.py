"""A consultant's webhook subscriptions: create and rotate (secret shown once), pause, resume,
delete.

Every function takes a project the caller already reached through :mod:`surveyor.services.tenancy`,
so a subscription of another tenant's project is never found. Each change is one use case that
commits with its audit event (a subscription sends a project's events out of Surveyor), so the
web and API faces never touch the session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select, update

from surveyor.extensions import db
from surveyor.models import Project, User, WebhookDelivery, WebhookSubscription
from surveyor.models.base import as_utc, utcnow
from surveyor.services.errors import Conflict, Invalid, found
from surveyor.services.privacy import audit
from surveyor.services.webhooks import signing, targets
from surveyor.services.webhooks.events import EVENT_KINDS

LOG_SIZE = 50
GRACE = timedelta(hours=24)
"""How long the previous secret keeps signing after a rotation: a day for the receiver's owner
to deploy the new secret without a refused event in between."""


@dataclass(frozen=True)
class Counts:
    delivered: int = 0
    waiting: int = 0


def create(
    project: Project, user: User, name: str, url: str, events: list[str]
) -> tuple[WebhookSubscription, str]:
    """A new active subscription and its secret (returned once; shown once to the consultant)."""
    chosen = [kind for kind in EVENT_KINDS if kind in set(events or ())]
    if not chosen or len(chosen) != len(set(events)):
        message = _("Choose at least one event.") if not chosen else _("Unknown event.")
        raise Invalid(message, {"events": [message]})
    targets.check(url, must_resolve=False)
    secret = signing.new_secret()
    subscription = WebhookSubscription(
        project_id=project.id,
        name=(name or "").strip()[:80],
        url=url.strip(),
        events=chosen,
        secret=secret,
        active=True,
        failures=0,
        created_by_id=user.id,
    )
    db.session.add(subscription)
    db.session.flush()
    _audit("webhook.created", user, project, subscription)
    db.session.commit()
    return subscription, secret


def subscriptions_of(project: Project) -> list[WebhookSubscription]:
    return db.session.scalars(
        select(WebhookSubscription)
        .where(WebhookSubscription.project_id == project.id)
        .order_by(WebhookSubscription.id)
    ).all()


def counts_of(project: Project) -> dict[int, Counts]:
    """Delivered and waiting deliveries per subscription, in one GROUP BY."""
    rows = db.session.execute(
        select(WebhookDelivery.subscription_id, WebhookDelivery.status, func.count())
        .join(WebhookSubscription, WebhookDelivery.subscription_id == WebhookSubscription.id)
        .where(WebhookSubscription.project_id == project.id)
        .group_by(WebhookDelivery.subscription_id, WebhookDelivery.status)
    )
    counts: dict[int, dict[str, int]] = {}
    for subscription_id, status, count in rows:
        entry = counts.setdefault(subscription_id, {"delivered": 0, "waiting": 0})
        entry["delivered" if status == "delivered" else "waiting"] += count
    return {key: Counts(**value) for key, value in counts.items()}


def get(project: Project, subscription_id: int) -> WebhookSubscription:
    return found(
        db.session.scalar(
            select(WebhookSubscription).where(
                WebhookSubscription.id == subscription_id,
                WebhookSubscription.project_id == project.id,
            )
        )
    )


def deliveries_of(subscription: WebhookSubscription, limit: int = LOG_SIZE) -> list:
    """The delivery log, newest first."""
    return db.session.scalars(
        select(WebhookDelivery)
        .where(WebhookDelivery.subscription_id == subscription.id)
        .order_by(WebhookDelivery.id.desc())
        .limit(limit)
    ).all()


def pause(subscription: WebhookSubscription, user: User) -> None:
    """Stop delivering; events keep being recorded and go out on :func:`resume`."""
    if subscription.active:
        subscription.active = False
        subscription.pause_reason = "consultant"
        subscription.paused_at = utcnow()
        _audit("webhook.paused", user, subscription.project, subscription)
        db.session.commit()


def resume(subscription: WebhookSubscription, user: User) -> None:
    """Deliver again, the waiting events first and at once (their back-off is reset)."""
    if subscription.active:
        return
    subscription.active = True
    subscription.pause_reason = None
    subscription.paused_at = None
    subscription.failures = 0
    db.session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.subscription_id == subscription.id,
            WebhookDelivery.status == "pending",
        )
        .values(next_attempt_at=None)
        .execution_options(synchronize_session=False)
    )
    _audit("webhook.resumed", user, subscription.project, subscription)
    db.session.commit()


def secret_version(subscription: WebhookSubscription) -> str:
    """Which secret a form was filled against: the moment of the last rotation."""
    return as_utc(subscription.rotated_at).isoformat() if subscription.rotated_at else "created"


def rotate(
    subscription: WebhookSubscription, user: User, overlap: bool = True, seen: str | None = None
) -> str:
    """A new secret (returned once); the current one keeps signing for :data:`GRACE`.

    Without ``overlap`` (a leaked secret must stop at once) the previous secret ends now.
    A second rotation within the grace period retires the older secret: at most two sign.
    ``seen`` is :func:`secret_version` as the form showed it: a page reloaded or a form sent
    twice would otherwise rotate again and retire the secret the receiver still uses.
    """
    if seen is not None and seen != secret_version(subscription):
        raise Conflict(
            _(
                "The secret had been rotated already (the form was sent again), so it was not "
                "rotated a second time. The new secret was shown once after the rotation; "
                "rotate again if you did not copy it."
            )
        )
    now = utcnow()
    subscription.previous_secret = subscription.secret if overlap else None
    subscription.previous_secret_until = now + GRACE if overlap else None
    subscription.secret = signing.new_secret()
    subscription.rotated_at = now
    _audit(
        "webhook.secret_rotated",
        user,
        subscription.project,
        subscription,
        {"previous_valid_hours": int(GRACE.total_seconds() // 3600) if overlap else 0},
    )
    db.session.commit()
    return subscription.secret


def in_grace(subscription: WebhookSubscription) -> bool:
    """Whether the previous secret still signs (for the page and the API)."""
    until = subscription.previous_secret_until
    return bool(subscription.previous_secret and until and as_utc(until) > utcnow())


def delete(subscription: WebhookSubscription, user: User) -> None:
    """Remove the subscription and its log; events still waiting are dropped with it."""
    _audit("webhook.deleted", user, subscription.project, subscription)
    db.session.delete(subscription)
    db.session.commit()


def _audit(
    action: str,
    user: User,
    project: Project,
    subscription: WebhookSubscription,
    details: dict | None = None,
) -> None:
    label = f"{subscription.name} → {subscription.url}" if subscription.name else subscription.url
    audit.record(action, user, target=label[:200], client_id=project.client_id, details=details)
