"""Storage limitation (GDPR Art. 5(1)(e)): personal data of a wave goes after its retention period.

A project's ``retention_days`` counts from the day a wave closes. When it has passed, the
scheduler removes what identifies or describes a person: invitees' e-mail addresses and names,
free-text answers, shop photos and GPS positions, and the project's outbox messages written before
the wave closed, and the contact details and resolution notes of its follow-up cases (a case keeps
its dates and status for the loop metrics). Kano answers, ratings, checklist points and visit
dates stay, so every figure of the wave can still be counted. A wave closed again after a
removal (reopened meanwhile) is handled again. Webhook deliveries and workshop participants'
names, which belong to no wave, follow with their own clock (:mod:`.retention_beyond_waves`).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import contains_eager

from surveyor.extensions import db
from surveyor.models import (
    FollowUpCase,
    Invitation,
    OutboxMessage,
    Project,
    Response,
    SurveyLink,
    Wave,
)
from surveyor.models.base import as_utc
from surveyor.services.privacy import personal_removal, retention_beyond_waves

log = logging.getLogger(__name__)


def due_waves(now: datetime) -> list[Wave]:
    """Closed waves whose project's retention period has passed since they closed."""
    candidates = db.session.scalars(
        select(Wave)
        .join(Wave.project)
        .options(contains_eager(Wave.project))
        .where(
            Wave.status == "closed",
            Wave.closes_at.is_not(None),
            Project.retention_days.is_not(None),
            or_(
                Wave.personal_data_removed_at.is_(None),
                Wave.personal_data_removed_at < Wave.closes_at,
            ),
        )
        .order_by(Wave.id)
    )
    return [
        wave
        for wave in candidates
        if as_utc(wave.closes_at) + timedelta(days=wave.project.retention_days) <= now
    ]


def remove_expired_personal_data(now: datetime) -> int:
    """The scheduler job: clean every due wave, one transaction each; returns how many.

    Then, in one more transaction, what has no wave (:mod:`.retention_beyond_waves`).
    """
    cleaned = 0
    for wave in due_waves(now):
        remove_personal_data(wave, now)
        db.session.commit()
        log.info("removed personal data of wave %s (project %s)", wave.id, wave.project_id)
        cleaned += 1
    removed = retention_beyond_waves.remove_expired(now)
    if removed:
        log.info(
            "removed %s webhook deliveries and %s workshop participants' names",
            removed.deliveries,
            removed.participants,
        )
    return cleaned


def remove_personal_data(wave: Wave, now: datetime) -> None:
    """Remove the personal data of one wave; the counts and scores stay."""
    response_ids = list(db.session.scalars(select(Response.id).where(Response.wave_id == wave.id)))
    personal_removal.clear_free_texts(response_ids)
    personal_removal.clear_positions(response_ids)
    personal_removal.delete_photos(response_ids)
    links = select(SurveyLink.id).where(SurveyLink.wave_id == wave.id)
    db.session.execute(
        update(Invitation)
        .where(Invitation.link_id.in_(links), Invitation.email != "")
        .values(email="", name="")
    )
    db.session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.project_id == wave.project_id,
            OutboxMessage.created_at <= wave.closes_at,
        )
    )
    db.session.execute(
        update(FollowUpCase)
        .where(FollowUpCase.wave_id == wave.id)
        .values(contact_name="", contact_details="", resolution_note="")
    )
    wave.personal_data_removed_at = now
