"""The scheduler's case jobs: overdue reminders once, wave-level drops, retention of contacts."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select

from surveyor.extensions import db
from surveyor.models import (
    Answer,
    FollowUpCase,
    Instrument,
    Item,
    Location,
    OutboxMessage,
    Project,
    Response,
    User,
    Wave,
    location_access,
)
from surveyor.models.base import utcnow
from surveyor.services.cases import overdue, rules, wave_findings
from surveyor.services.privacy import retention
from tests.cases.helpers import answer, detractor_survey


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_an_overdue_case_reminds_its_owner_once(app, client, make):
    setup = detractor_survey(make)
    answer(client, setup.link, nps=2)
    with app.app_context():
        db.session.execute(db.delete(OutboxMessage))
        db.session.commit()
        assert overdue.remind_overdue(utcnow()) == 0
        later = utcnow() + timedelta(days=4)
        assert overdue.remind_overdue(later) == 1
        assert overdue.remind_overdue(later + timedelta(days=1)) == 0
        [message] = db.session.scalars(select(OutboxMessage)).all()
    assert message.recipient == setup.staff.email
    assert message.subject.startswith("Overdue follow-up case")
    assert "/cases/" in message.body


def test_retention_erases_the_contact_details_with_the_wave(app, client, make):
    setup = detractor_survey(make)
    answer(client, setup.link, nps=2)
    with app.app_context():
        project = db.session.get(Project, setup.project_id)
        project.retention_days = 30
        wave = db.session.get(Wave, setup.link.wave_id)
        wave.status, wave.closes_at = "closed", utcnow() - timedelta(days=31)
        db.session.commit()
        assert retention.remove_expired_personal_data(utcnow()) == 1
        [case] = db.session.scalars(select(FollowUpCase)).all()
        assert (case.contact_name, case.contact_details) == ("", "")
        assert case.status == "open"


def _responses(instrument_id: int, wave_id: int, csat: tuple[int, ...], count: int) -> None:
    version_id = db.session.scalar(
        select(Item.version_id).join(Instrument, Instrument.id == instrument_id).limit(1)
    )
    item_id = db.session.scalar(
        select(Item.id).where(Item.version_id == version_id, Item.item_type == "csat")
    )
    for number in range(count):
        response = Response(
            submission_id=uuid.uuid4().hex,
            content_hash="0" * 64,
            version_id=version_id,
            wave_id=wave_id,
            respondent_group="customer",
        )
        db.session.add(response)
        db.session.flush()
        db.session.add(
            Answer(response_id=response.id, item_id=item_id, number=csat[number % len(csat)])
        )


def test_a_significant_drop_between_closed_waves_opens_one_case(app, make):
    instrument = make.kano_instrument(features=1, optional=("csat",))
    with app.app_context():
        project = db.session.get(Instrument, instrument.id).touchpoint.project
        project_id, client = project.id, project.client
    staff = make.user("viewer", clients=(client,))
    with app.app_context():
        project = db.session.get(Project, project_id)
        past = utcnow() - timedelta(days=60)
        first = Wave(
            project_id=project_id,
            sequence=0,
            label="W0",
            status="closed",
            opens_at=past,
            closes_at=past + timedelta(days=10),
        )
        second = Wave(
            project_id=project_id,
            sequence=1,
            label="W1",
            status="closed",
            opens_at=past + timedelta(days=20),
            closes_at=past + timedelta(days=30),
        )
        db.session.add_all([first, second])
        db.session.flush()
        _responses(instrument.id, first.id, (5, 4), 30)
        _responses(instrument.id, second.id, (2, 3), 30)
        rules.add_rule(
            project, rules.RuleInput(name="Drop", kind="wave_drop", recipient_ids=(staff.id,))
        )
        db.session.commit()
        assert wave_findings.open_wave_cases(utcnow()) == 1
        assert wave_findings.open_wave_cases(utcnow()) == 0
        [case] = db.session.scalars(select(FollowUpCase)).all()
        assert case.wave_id == second.id
        assert case.summary == {"series": "CSAT (1-5)", "before": 4.5, "after": 2.5}
        assert case.owner_id == staff.id


@pytest.mark.parametrize("change", ["deactivated", "limited to a branch"])
def test_an_overdue_case_whose_owner_cannot_open_it_reminds_who_can(app, client, make, change):
    """Otherwise nobody hears of it: the owner would get a link to a 404, or no mail at all."""
    setup = detractor_survey(make)
    answer(client, setup.link, nps=2)
    with app.app_context():
        db.session.execute(db.delete(OutboxMessage))
        if change == "deactivated":
            db.session.get(User, setup.staff.id).active = False
        else:
            branch = Location(project_id=setup.project_id, name="Nordstadt", code="NORD")
            db.session.add(branch)
            db.session.flush()
            db.session.execute(
                insert(location_access), {"user_id": setup.staff.id, "location_id": branch.id}
            )
        db.session.commit()
        assert overdue.remind_overdue(utcnow() + timedelta(days=4)) == 1
        recipients = db.session.scalars(select(OutboxMessage.recipient)).all()
    assert recipients == [setup.consultant.email]
