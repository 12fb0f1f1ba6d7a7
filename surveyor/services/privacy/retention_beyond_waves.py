"""Storage limitation for what is not tied to a wave: webhook deliveries and workshop names.

A wave's personal data goes a project's ``retention_days`` after the wave closes
(:mod:`.retention`). Two kinds of rows have no wave, so their clock is their own:

- **Webhook deliveries** that were delivered go ``retention_days`` after delivery, body and all.
  Events carry ids rather than personal data, but the log links them to moments of a person's
  answer and is only needed while a receiver may ask about it. Waiting deliveries (never
  delivered yet, or failing and being retried) stay: an event is never dropped unsent.
- **Workshop participants** lose the name or pseudonym they typed ``retention_days`` after the
  workshop was held (after they joined, for a workshop without a date or one joined later).
  Their row, role, cards and dots stay, so the board, report and trace still count them; the
  cards then read as from an anonymous participant.

Both run as part of the scheduler job ``remove_expired_personal_data``, grouped by the few
distinct retention periods, so a tick costs a handful of statements however many projects exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select, update

from surveyor.extensions import db
from surveyor.models import (
    Project,
    WebhookDelivery,
    WebhookSubscription,
    Workshop,
    WorkshopParticipant,
)


@dataclass(frozen=True)
class Removed:
    deliveries: int = 0
    participants: int = 0

    def __bool__(self) -> bool:
        return bool(self.deliveries or self.participants)


def remove_expired(now: datetime) -> Removed:
    """Delete old delivered webhook deliveries and blank old workshop names; one transaction."""
    deliveries = participants = 0
    periods = db.session.scalars(
        select(Project.retention_days).where(Project.retention_days.is_not(None)).distinct()
    ).all()
    for days in periods:
        cutoff = now - timedelta(days=days)
        projects = select(Project.id).where(Project.retention_days == days)
        deliveries += _delete_deliveries(projects, cutoff)
        participants += _blank_participants(projects, cutoff)
    db.session.commit()
    return Removed(deliveries, participants)


def _delete_deliveries(projects, cutoff: datetime) -> int:
    subscriptions = select(WebhookSubscription.id).where(
        WebhookSubscription.project_id.in_(projects)
    )
    return db.session.execute(
        delete(WebhookDelivery)
        .where(
            WebhookDelivery.subscription_id.in_(subscriptions),
            WebhookDelivery.status == "delivered",
            WebhookDelivery.delivered_at <= cutoff,
        )
        .execution_options(synchronize_session=False)
    ).rowcount


def _blank_participants(projects, cutoff: datetime) -> int:
    held = select(Workshop.id).where(
        Workshop.project_id.in_(projects),
        or_(Workshop.held_on.is_(None), Workshop.held_on < cutoff.date()),
    )
    expired = (
        WorkshopParticipant.workshop_id.in_(held),
        WorkshopParticipant.name != "",
        WorkshopParticipant.created_at <= cutoff,
    )
    _announce_to_boards(select(WorkshopParticipant.workshop_id).where(*expired))
    return db.session.execute(
        update(WorkshopParticipant)
        .where(*expired)
        .values(name="")
        .execution_options(synchronize_session=False)
    ).rowcount


def _announce_to_boards(workshops) -> None:
    """Raise the revision of each workshop about to lose names: it is part of the board's
    ETag, so a board left open answers the next poll in full instead of 304 with old names."""
    db.session.execute(
        update(Workshop)
        .where(Workshop.id.in_(workshops))
        .values(revision=func.coalesce(Workshop.revision, 0) + 1)
        .execution_options(synchronize_session=False)
    )
