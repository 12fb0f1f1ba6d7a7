"""What a scheduled wave needs on its first day: survey links, invitations and shop assignments.

* Each Kano questionnaire of the plan gets its public customer link for the new wave. Recipients
  invited in the plan's previous wave are invited again (a panel), with new single-use tokens,
  and get an e-mail. A re-invitation keeps the name and the location the first one carried, so
  the answer still counts for that branch.
* With the rule ``each_location_once`` every checklist of the plan is shopped once per location
  and wave. Shoppers (users with role ``shopper`` who may see the client) are rotated: location
  ``i`` of wave ``s`` goes to shopper ``(i + s) mod k``, skipping the one who shopped that
  location in the previous wave, so nobody shops the same location twice in a row when k > 1.

An instrument ticked on the plan after its wave opened (or a wave opened by hand before any was
ticked) gets the same on saving the plan or opening the wave: :func:`complete_open_waves`. Its
link is sent to everyone already invited to the wave, once per address (capitals ignored), also
when a consultant made that link by hand before the plan ticked the questionnaire.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import (
    Assignment,
    Instrument,
    Invitation,
    Location,
    MeasurementPlan,
    SurveyLink,
    Touchpoint,
    User,
    Wave,
    client_access,
)
from surveyor.models.base import as_utc, utcnow
from surveyor.services.messaging import addresses, mail, mail_texts
from surveyor.services.surveys import surveys


def prepare(plan: MeasurementPlan, wave: Wave, now: datetime) -> None:
    """Create links, invitations and assignments for a freshly inserted plan wave."""
    instruments = _plan_instruments(plan)
    previous = _previous_wave(plan, wave)
    for instrument in instruments:
        if instrument.kind == "kano":
            link = surveys.ensure_link(instrument, wave, "customer")
            if previous is not None:
                _reinvite(plan, instrument, previous, link)
            link.plan_invited_at = now
        elif plan.assignment_rule == "each_location_once":
            _assign_shops(plan, instrument, wave, previous)


def complete_open_waves(plan: MeasurementPlan, now: datetime) -> None:
    """Give the plan's open waves what instruments added since they opened need.

    Kano questionnaires get their customer link (idempotent) and the wave's invitees (see
    :func:`complete_wave`); checklists under the ``each_location_once`` rule get their
    assignments unless the wave has some for them.
    """
    if plan.id is None:
        return
    waves = db.session.scalars(
        select(Wave).where(Wave.plan_id == plan.id, Wave.status == "open").order_by(Wave.sequence)
    ).all()
    for wave in waves:
        if not surveys.wave_is_over(wave, now):
            complete_wave(plan, wave)


def complete_wave(plan: MeasurementPlan, wave: Wave) -> None:
    """Links and assignments the plan's instruments lack in ``wave``, created once.

    A questionnaire new to the wave is sent to the wave's invitees: a consultant who adds a
    questionnaire to a running wave expects the customers already asked to be asked this too.
    That happens once per link, marked by ``plan_invited_at``, so saving the plan again invites
    nobody twice. A link the consultant made by hand before ticking the questionnaire has no
    mark yet and gets them too (minus the addresses it invited itself): ticking it on the plan
    is the same decision whoever made the link first.
    """
    for instrument in _plan_instruments(plan):
        if instrument.kind == "kano":
            link = surveys.ensure_link(instrument, wave, "customer")
            if link.plan_invited_at is None:
                _invite_wave(plan, instrument, wave, link)
                link.plan_invited_at = utcnow()
        elif plan.assignment_rule == "each_location_once" and not _has_assignments(
            instrument, wave
        ):
            _assign_shops(plan, instrument, wave, _previous_wave(plan, wave))


def _has_assignments(instrument: Instrument, wave: Wave) -> bool:
    return (
        db.session.scalar(
            select(Assignment.id)
            .where(Assignment.instrument_id == instrument.id, Assignment.wave_id == wave.id)
            .limit(1)
        )
        is not None
    )


def public_survey_url(token: str) -> str:
    """Links in e-mails from the scheduler, which has no request to take the host from."""
    base = current_app.config.get("PUBLIC_URL") or "http://localhost:5000"
    return f"{base.rstrip('/')}/s/{token}"


def shoppers_of(plan: MeasurementPlan) -> list[User]:
    """Active shoppers with access to the plan's client, in a stable order."""
    return list(
        db.session.scalars(
            select(User)
            .join(client_access, client_access.c.user_id == User.id)
            .where(
                client_access.c.client_id == plan.project.client_id,
                User.role == "shopper",
                User.active.is_(True),
            )
            .order_by(User.id)
        )
    )


def _plan_instruments(plan: MeasurementPlan) -> list[Instrument]:
    ids = [int(i) for i in plan.instrument_ids or []]
    if not ids:
        return []
    return list(
        db.session.scalars(
            select(Instrument)
            .join(Touchpoint, Instrument.touchpoint_id == Touchpoint.id)
            .where(Instrument.id.in_(ids), Touchpoint.project_id == plan.project_id)
            .order_by(Instrument.id)
        )
    )


def _previous_wave(plan: MeasurementPlan, wave: Wave) -> Wave | None:
    return db.session.scalar(
        select(Wave)
        .where(Wave.plan_id == plan.id, Wave.sequence < wave.sequence)
        .order_by(Wave.sequence.desc())
        .limit(1)
    )


def _reinvite(plan: MeasurementPlan, instrument: Instrument, previous: Wave, link) -> None:
    """The previous wave's invitees of this instrument: its panel."""
    invite(
        plan,
        instrument,
        link,
        _recipients(SurveyLink.instrument_id == instrument.id, SurveyLink.wave_id == previous.id),
    )


def _invite_wave(plan: MeasurementPlan, instrument: Instrument, wave: Wave, link) -> None:
    """Everyone invited to ``wave`` through another questionnaire, once per address."""
    invite(
        plan, instrument, link, _recipients(SurveyLink.wave_id == wave.id, SurveyLink.id != link.id)
    )


def _recipients(*where) -> list[surveys.Recipient]:
    """Customer invitations matching ``where``, once per address (capitals ignored), first
    invited first, each as its first invitation had it: address, name and location.

    Erased addresses (retention blanks them) are skipped."""
    first = (
        select(func.min(Invitation.id))
        .join(SurveyLink, Invitation.link_id == SurveyLink.id)
        .where(SurveyLink.respondent_group == "customer", Invitation.email != "", *where)
        .group_by(addresses.folded(Invitation.email))
    )
    rows = db.session.execute(
        select(Invitation.email, Invitation.name, Invitation.location_id)
        .where(Invitation.id.in_(first))
        .order_by(Invitation.id)
    ).all()
    return [surveys.Recipient(email, name or "", location_id) for email, name, location_id in rows]


def invite(
    plan: MeasurementPlan,
    instrument: Instrument,
    link: SurveyLink,
    recipients: list[surveys.Recipient],
) -> None:
    """New single-use tokens on ``link`` and an e-mail each to the outbox, in the project's
    language; committed with the caller's transaction."""
    language = plan.project.language
    names = mail_texts.survey_names(language, instrument)
    for invitation in surveys.invite_recipients(link, recipients):
        subject, body = mail_texts.invitation(
            language, names, invitation.name, public_survey_url(invitation.token)
        )
        mail.send(invitation.email, subject, body, project_id=plan.project_id)


def _assign_shops(
    plan: MeasurementPlan, instrument: Instrument, wave: Wave, previous: Wave | None
) -> None:
    shoppers = shoppers_of(plan)
    if not shoppers:
        return
    locations = list(
        db.session.scalars(
            select(Location)
            .where(
                Location.id.in_([int(i) for i in plan.location_ids or []]),
                Location.project_id == plan.project_id,
            )
            .order_by(Location.id)
        )
    )
    last_shopper = _last_shoppers(instrument, previous)
    opens, closes = as_utc(wave.opens_at), as_utc(wave.closes_at)
    for index, location in enumerate(locations):
        last = last_shopper.get(location.id)
        shopper = rotate([s.id for s in shoppers], index, wave.sequence, last)
        db.session.add(
            Assignment(
                shopper_id=shopper,
                location_id=location.id,
                instrument_id=instrument.id,
                wave_id=wave.id,
                visit_from=opens.date(),
                visit_to=closes.date(),
            )
        )


def rotate(shopper_ids: list[int], index: int, sequence: int, last: int | None) -> int:
    """Shopper for location ``index`` in wave ``sequence``, never ``last`` when avoidable."""
    chosen = shopper_ids[(index + sequence) % len(shopper_ids)]
    if chosen == last and len(shopper_ids) > 1:
        chosen = shopper_ids[(index + sequence + 1) % len(shopper_ids)]
    return chosen


def _last_shoppers(instrument: Instrument, previous: Wave | None) -> dict[int, int]:
    if previous is None:
        return {}
    rows = db.session.execute(
        select(Assignment.location_id, Assignment.shopper_id).where(
            Assignment.wave_id == previous.id, Assignment.instrument_id == instrument.id
        )
    )
    return {location_id: shopper_id for location_id, shopper_id in rows}
