"""Reminders during a scheduled wave: shoppers with open assignments, invitees yet to answer.

Each wave is reminded once. The claim is a conditional ``UPDATE wave SET reminded_at = now
WHERE id = ? AND reminded_at IS NULL``: only the process whose update changed a row sends, and
the messages go to the outbox in the same transaction, so concurrent schedulers never queue a
reminder twice, and the scheduler's delivery step sends each queued message once
(:mod:`surveyor.services.messaging.outbox`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import select, update

from surveyor.extensions import db
from surveyor.models import (
    Assignment,
    Instrument,
    Invitation,
    Location,
    MeasurementPlan,
    SurveyLink,
    User,
    Wave,
)
from surveyor.models.base import as_utc
from surveyor.models.shops import OPEN_STATUSES
from surveyor.services.messaging import mail, mail_texts
from surveyor.services.waves.wave_setup import public_survey_url


def send_reminders(now: datetime) -> int:
    """Remind every due wave once; commits per wave and returns the number of messages."""
    candidates = db.session.execute(
        select(Wave.id, Wave.opens_at, Wave.closes_at, MeasurementPlan.reminder_after_seconds)
        .join(MeasurementPlan, Wave.plan_id == MeasurementPlan.id)
        .where(
            Wave.status == "open",
            Wave.reminded_at.is_(None),
            MeasurementPlan.reminder_after_seconds.is_not(None),
        )
    ).all()
    db.session.commit()
    sent = 0
    for wave_id, opens_at, closes_at, after in candidates:
        due = as_utc(opens_at) + timedelta(seconds=after)
        if now < due or (closes_at is not None and as_utc(closes_at) <= now):
            continue
        if _claim(wave_id, now):
            sent += _remind(db.session.get(Wave, wave_id))
        db.session.commit()
    return sent


def _claim(wave_id: int, now: datetime) -> bool:
    result = db.session.execute(
        update(Wave).where(Wave.id == wave_id, Wave.reminded_at.is_(None)).values(reminded_at=now)
    )
    return result.rowcount == 1


def _remind(wave: Wave) -> int:
    sent = 0
    open_shops = db.session.execute(
        select(User.email, User.locale, Location.name)
        .join(Assignment, Assignment.shopper_id == User.id)
        .join(Location, Assignment.location_id == Location.id)
        .where(Assignment.wave_id == wave.id, Assignment.status.in_(OPEN_STATUSES))
        .order_by(User.email, Location.name)
    ).all()
    project_language = wave.project.language
    by_shopper: dict[tuple[str, str], list[str]] = defaultdict(list)
    for email, locale, location in open_shops:
        by_shopper[email, locale or project_language].append(location)
    for (email, lang), locations in by_shopper.items():
        subject, body = mail_texts.shop_reminder(lang, wave.label, locations)
        mail.send(email, subject, body, project_id=wave.project_id)
        sent += 1
    pending = db.session.execute(
        select(Invitation.email, Invitation.name, Invitation.token, SurveyLink.instrument_id)
        .join(SurveyLink, Invitation.link_id == SurveyLink.id)
        .where(SurveyLink.wave_id == wave.id, Invitation.used_at.is_(None))
        .order_by(Invitation.id)
    ).all()
    names: dict[int, mail_texts.SurveyNames] = {}
    for email, name, token, instrument_id in pending:
        if instrument_id not in names:
            instrument = db.session.get(Instrument, instrument_id)
            names[instrument_id] = mail_texts.survey_names(project_language, instrument)
        subject, body = mail_texts.survey_reminder(
            project_language, names[instrument_id], name, public_survey_url(token)
        )
        mail.send(email, subject, body, project_id=wave.project_id)
        sent += 1
    return sent
