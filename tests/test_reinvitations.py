"""A measurement plan's next wave re-invites the previous wave's customers for the same branch.

Issue 20: the recipient list's ``location`` column ties an invitation's answer to a branch; the
panel invited again by the scheduler must keep it, or the second wave's answers count for no
branch and drop out of the ranking.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Invitation, OutboxMessage, Response, SurveyLink
from surveyor.models.base import utcnow
from surveyor.services.surveys import surveys
from surveyor.services.waves import scheduling
from tests.locations.test_survey_links import _answer

DAY = 86_400


def _first_wave_invites(app, make, recipients, legacy: str | None = None) -> dict:
    """A monthly plan whose first wave (opened 40 days ago) invited ``recipients``; its second
    period is due now. ``legacy``: an address stored as typed, before addresses were lowered."""
    project = make.project()
    questionnaire = make.kano_instrument(make.touchpoint(project), features=2)
    branches = {
        "NORD": make.location(project, name="Nordstadt", code="NORD"),
        "HAFEN": make.location(project, name="Hafen", code="HAFEN"),
    }
    starts = utcnow() - timedelta(days=40)
    monthly = {"recurrence": "monthly", "starts_at": starts, "field_seconds": 35 * DAY}
    make.plan(project, instrument_ids=[questionnaire.id], **monthly)
    with app.app_context():
        [first_wave] = scheduling.open_due_waves(starts)
        link = db.session.scalar(select(SurveyLink).where(SurveyLink.wave_id == first_wave))
        surveys.add_invitations(link, recipients)
        if legacy:
            db.session.add(Invitation(link=link, token="legacy-" + "k" * 20, email=legacy))
        db.session.commit()
    return branches


def _invited_in(wave_id: int) -> list:
    return db.session.execute(
        select(Invitation.email, Invitation.name, Invitation.location_id, Invitation.token)
        .join(SurveyLink, Invitation.link_id == SurveyLink.id)
        .where(SurveyLink.wave_id == wave_id)
        .order_by(Invitation.id)
    ).all()


def test_the_next_wave_invites_each_customer_again_for_the_same_branch(app, client, make):
    recipients = [
        ("ann@example.com", "Ann", "NORD"),
        ("bo@example.com", "Bo", "HAFEN"),
        ("cem@example.com", "Cem", ""),
    ]
    branches = _first_wave_invites(app, make, recipients)
    nord, hafen = branches["NORD"].id, branches["HAFEN"].id
    with app.app_context():
        mailed_before = len(db.session.scalars(select(OutboxMessage.id)).all())
        [second_wave] = scheduling.open_due_waves(utcnow())
        again = _invited_in(second_wave)
        mailed = db.session.scalars(select(OutboxMessage.recipient).order_by(OutboxMessage.id))
        mailed = list(mailed)[mailed_before:]
    assert [(row.email, row.name, row.location_id) for row in again] == [
        ("ann@example.com", "Ann", nord),
        ("bo@example.com", "Bo", hafen),
        ("cem@example.com", "Cem", None),
    ]
    assert mailed == ["ann@example.com", "bo@example.com", "cem@example.com"]

    for invitation in again[:2]:
        assert _answer(client, f"/s/{invitation.token}").status_code == 303
    with app.app_context():
        counted = db.session.execute(
            select(Response.wave_id, Response.location_id).order_by(Response.id)
        ).all()
    assert counted == [(second_wave, nord), (second_wave, hafen)]


def test_a_panel_address_in_two_spellings_is_invited_once_with_its_first_branch(app, make):
    """Two invitations of the previous wave differing only in capitals (one stored before
    addresses were lower-cased) are one customer: one new invitation, one e-mail."""
    branches = _first_wave_invites(
        app, make, [("kim@example.org", "Kim", "NORD")], legacy="Kim@Example.org"
    )
    with app.app_context():
        [second_wave] = scheduling.open_due_waves(utcnow())
        again = _invited_in(second_wave)
        mailed = db.session.scalars(
            select(OutboxMessage.recipient).where(OutboxMessage.recipient.ilike("kim@%"))
        ).all()
    assert [(row.email, row.location_id) for row in again] == [
        ("kim@example.org", branches["NORD"].id)
    ]
    assert mailed == ["kim@example.org"]
