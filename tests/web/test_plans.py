"""Consultants set up a measurement plan, open and close waves by hand and read the outbox."""

from datetime import timedelta

from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Assignment, MeasurementPlan, SurveyLink, Wave
from surveyor.models.base import utcnow
from surveyor.services.messaging import mail, outbox

PLAN = {
    "recurrence": "quarterly",
    "cron": "",
    "starts_at": "2026-01-05T08:00",
    "field_days": "21",
    "reminder_days": "7",
    "assignment_rule": "each_location_once",
    "active": "y",
}


def _consultant_project(make, auth):
    client = make.client()
    project = make.project(client)
    auth.login(make.user("consultant", clients=(client,)))
    return client, project


def test_consultant_saves_a_plan_and_opens_the_current_period_once(client, auth, make, app):
    _, project = _consultant_project(make, auth)
    instrument = make.kano_instrument(make.touchpoint(project))
    location = make.location(project)
    foreign_location = make.location()
    data = {**PLAN, "instrument_ids": [instrument.id], "location_ids": [location.id]}
    response = client.post(f"/projects/{project.id}/plan", data=data)
    assert response.status_code == 302
    with app.app_context():
        plan = db.session.scalar(select(MeasurementPlan))
        assert (plan.field_seconds, plan.reminder_after_seconds) == (21 * 86400, 7 * 86400)
        assert plan.instrument_ids == [instrument.id]
    response = client.post(
        f"/projects/{project.id}/plan", data={**data, "location_ids": [foreign_location.id]}
    )
    assert response.status_code in (302, 422)
    with app.app_context():
        assert foreign_location.id not in db.session.scalar(select(MeasurementPlan)).location_ids

    client.post(f"/projects/{project.id}/plan", data={**data, "starts_at": "2026-11-20T08:00"})
    for _ in range(2):
        assert client.post(f"/projects/{project.id}/plan/open-now").status_code == 302
    with app.app_context():
        waves = db.session.scalars(select(Wave)).all()
        assert [(w.sequence, w.status, w.period_key) for w in waves] == [
            (0, "open", "2026-11-20T08:00:00Z")
        ]
    page = client.get(f"/projects/{project.id}/plan")
    assert b"Baseline" in page.data and b"scheduled" in page.data


def test_waves_are_closed_and_reopened_by_hand(client, auth, make, app):
    _, project = _consultant_project(make, auth)
    wave = make.wave(project, 0, status="open")
    assert client.post(f"/waves/{wave.id}/close").status_code == 302
    with app.app_context():
        found = db.session.get(Wave, wave.id)
        assert found.status == "closed" and found.closes_at is not None
    client.post(f"/waves/{wave.id}/open")
    with app.app_context():
        found = db.session.get(Wave, wave.id)
        assert found.status == "open" and found.closes_at is None
    other = make.wave(make.project(), 0)
    assert client.post(f"/waves/{other.id}/close").status_code == 404


def test_bad_plan_input_is_refused_with_a_message(client, auth, make):
    _, project = _consultant_project(make, auth)
    for bad in (
        {**PLAN, "recurrence": "cron", "cron": "every day"},
        {**PLAN, "recurrence": "cron", "cron": "99 * * * *"},
        {**PLAN, "field_days": "0"},
        {**PLAN, "reminder_days": "30"},
        {**PLAN, "starts_at": "tomorrow"},
        {**PLAN, "recurrence": "weekly"},
    ):
        response = client.post(f"/projects/{project.id}/plan", data=bad)
        assert response.status_code == 422, bad
        assert b'class="error"' in response.data


def test_viewers_see_the_plan_but_cannot_change_it(client, auth, make):
    owner, project = _consultant_project(make, auth)
    auth.logout()
    auth.login(make.user("viewer", clients=(owner,)))
    assert client.get(f"/projects/{project.id}/plan").status_code == 200
    assert client.post(f"/projects/{project.id}/plan", data=PLAN).status_code == 403
    assert client.post(f"/projects/{project.id}/plan/open-now").status_code == 403
    assert client.get("/outbox").status_code == 403


def test_outbox_shows_only_the_consultants_clients(client, auth, make, app):
    _, project = _consultant_project(make, auth)
    other = make.project()
    with app.app_context():
        mail.send("mine@example.com", "Reminder", "Body", project_id=project.id)
        mail.send("theirs@example.com", "Reminder", "Body", project_id=other.id)
        db.session.commit()
    page = client.get("/outbox")
    assert page.status_code == 200
    assert b"mine@example.com" in page.data
    assert b"theirs@example.com" not in page.data
    assert b"No SMTP server is configured" in page.data


def test_smtp_failure_is_recorded_not_raised(app, make):
    project = make.project()
    app.config["SMTP_HOST"] = "127.0.0.1"
    app.config["SMTP_PORT"] = 9  # discard port: nothing listens, the connection is refused
    try:
        with app.app_context():
            message = mail.send("kim@example.com", "Hello", "Body", project_id=project.id)
            db.session.commit()
            assert outbox.deliver_due(utcnow()) == 0
            db.session.refresh(message)
            assert message.delivered_at is None and message.last_error
            assert (message.status, message.attempts) == ("pending", 1)
    finally:
        app.config.pop("SMTP_HOST")
        app.config.pop("SMTP_PORT")


def test_instruments_ticked_after_the_wave_opened_get_links_and_assignments(
    client, auth, make, app
):
    """Opening the period first and ticking the instruments second used to leave the open
    wave without a survey link or shop assignments until the next period."""
    customer, project = _consultant_project(make, auth)
    questionnaire = make.kano_instrument(make.touchpoint(project))
    checklist = make.checklist_instrument(make.touchpoint(project, channel="store"))
    location = make.location(project)
    make.user("shopper", clients=(customer,))
    data = {**PLAN, "starts_at": "2026-11-20T08:00", "location_ids": [location.id]}
    client.post(f"/projects/{project.id}/plan", data=data)
    client.post(f"/projects/{project.id}/plan/open-now")
    with app.app_context():
        assert db.session.scalar(select(SurveyLink)) is None
    data["instrument_ids"] = [questionnaire.id, checklist.id]
    for _ in range(2):  # saving again creates nothing twice
        assert client.post(f"/projects/{project.id}/plan", data=data).status_code == 302
    with app.app_context():
        wave = db.session.scalar(select(Wave))
        links = db.session.scalars(select(SurveyLink)).all()
        assert [(link.instrument_id, link.wave_id) for link in links] == [
            (questionnaire.id, wave.id)
        ]
        assignments = db.session.scalars(select(Assignment)).all()
        assert [(a.instrument_id, a.location_id) for a in assignments] == [
            (checklist.id, location.id)
        ]


def test_a_plan_wave_opened_by_hand_gets_its_links(client, auth, make, app):
    _, project = _consultant_project(make, auth)
    questionnaire = make.kano_instrument(make.touchpoint(project))
    data = {**PLAN, "starts_at": "2026-11-20T08:00", "instrument_ids": [questionnaire.id]}
    client.post(f"/projects/{project.id}/plan", data=data)
    client.post(f"/projects/{project.id}/plan/open-now")
    with app.app_context():
        wave = db.session.scalar(select(Wave))
        wave_id = wave.id
        db.session.delete(db.session.scalar(select(SurveyLink)))
        wave.status = "closed"
        db.session.commit()
    client.post(f"/waves/{wave_id}/open")
    with app.app_context():
        assert db.session.scalar(select(SurveyLink.wave_id)) == wave_id


def test_open_now_says_why_nothing_opened(client, auth, make, app):
    _, project = _consultant_project(make, auth)
    started = (utcnow() - timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    client.post(
        f"/projects/{project.id}/plan",
        data={**PLAN, "starts_at": started, "field_days": "7", "reminder_days": "3"},
    )
    page = client.post(f"/projects/{project.id}/plan/open-now", follow_redirects=True)
    assert b"field time is over" in page.data
    assert b"already" not in page.data

    later = (utcnow() + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    client.post(f"/projects/{project.id}/plan", data={**PLAN, "starts_at": later})
    page = client.post(f"/projects/{project.id}/plan/open-now", follow_redirects=True)
    assert b"No period of this plan is due yet." in page.data

    client.post(f"/projects/{project.id}/plan", data={**PLAN, "starts_at": started})
    client.post(f"/projects/{project.id}/plan/open-now")
    page = client.post(f"/projects/{project.id}/plan/open-now", follow_redirects=True)
    assert b"wave already exists" in page.data
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Wave)) == 1


def test_plan_instrument_choices_name_the_touchpoint_in_the_readers_language(client, auth, make):
    client_ = make.client()
    project = make.project(client_)
    make.kano_instrument(make.touchpoint(project, name="Hotline", name_de="Servicetelefon"))
    auth.login(make.user("consultant", clients=(client_,), locale="de"))
    page = client.get(f"/projects/{project.id}/plan").text
    assert "Servicetelefon:" in page
    assert "Hotline:" not in page


def _open_wave_with_a_second_questionnaire(client, auth, make):
    """A plan ticking the first of two questionnaires, its wave opened now; ``data`` is the
    plan form to post again."""
    _, project = _consultant_project(make, auth)
    first = make.kano_instrument(make.touchpoint(project))
    second = make.kano_instrument(make.touchpoint(project, name="Shop", name_de="Laden"))
    data = {**PLAN, "starts_at": "2026-11-20T08:00", "instrument_ids": [first.id]}
    client.post(f"/projects/{project.id}/plan", data=data)
    client.post(f"/projects/{project.id}/plan/open-now")
    return project, first, second, data


def test_a_questionnaire_added_to_an_open_wave_reaches_its_invitees_once(client, auth, make, app):
    """The customers invited to a running wave also get a questionnaire ticked later, once each
    whatever the capitals of their address; saving the plan again invites nobody twice, and the
    first questionnaire's list is unchanged."""
    from surveyor.models import Invitation, OutboxMessage
    from surveyor.services.surveys import surveys

    project, first, second, data = _open_wave_with_a_second_questionnaire(client, auth, make)
    with app.app_context():
        link = db.session.scalar(select(SurveyLink))
        recipients = [("ann@example.com", "Ann"), ("bo@example.com", "Bo")]
        surveys.add_invitations(link, [*recipients, ("Ann@Example.com", "Ann")])
        # stored before addresses were lower-cased: still the same person
        db.session.add(Invitation(link=link, token="legacy-" + "x" * 20, email="ANN@example.COM"))
        db.session.commit()
    data["instrument_ids"] = [first.id, second.id]
    for _ in range(2):
        assert client.post(f"/projects/{project.id}/plan", data=data).status_code == 302
    with app.app_context():
        invited = db.session.execute(
            select(SurveyLink.instrument_id, Invitation.email)
            .join(Invitation, Invitation.link_id == SurveyLink.id)
            .order_by(SurveyLink.instrument_id, Invitation.id)
        ).all()
        outbox = db.session.execute(select(OutboxMessage.recipient, OutboxMessage.subject)).all()
    assert [email for instrument_id, email in invited if instrument_id == second.id] == [
        "ann@example.com",
        "bo@example.com",
    ]
    assert [email for instrument_id, email in invited if instrument_id == first.id] == [
        "ann@example.com",
        "bo@example.com",
        "ANN@example.COM",
    ]
    assert sorted(outbox) == [
        ("ann@example.com", "Your opinion on Shop"),
        ("bo@example.com", "Your opinion on Shop"),
    ]


def test_a_hand_made_link_gets_the_waves_invitees_when_the_plan_ticks_its_questionnaire(
    client, auth, make, app
):
    """A consultant made the second questionnaire's link by hand (and invited Bo with it)
    before ticking it on the plan; ticking it sends it to the wave's other invitees, skips Bo,
    whatever the capitals, and saving again sends nothing more."""
    from surveyor.models import Instrument, Invitation, OutboxMessage
    from surveyor.services.surveys import surveys

    project, first, second, data = _open_wave_with_a_second_questionnaire(client, auth, make)
    with app.app_context():
        wave = db.session.scalar(select(Wave))
        planned = db.session.scalar(select(SurveyLink))
        surveys.add_invitations(planned, [("ann@example.com", "Ann"), ("bo@example.com", "Bo")])
        by_hand = surveys.create_link(
            db.session.get(Instrument, second.id), wave, "customer", False, False
        )
        surveys.invite(by_hand, [("Bo@Example.com", "Bo")])
        by_hand_id = by_hand.id
    data["instrument_ids"] = [first.id, second.id]
    for _ in range(2):
        assert client.post(f"/projects/{project.id}/plan", data=data).status_code == 302
    with app.app_context():
        invited = db.session.scalars(
            select(Invitation.email).where(Invitation.link_id == by_hand_id).order_by(Invitation.id)
        ).all()
        links = db.session.scalar(select(func.count()).select_from(SurveyLink))
        outbox = db.session.execute(select(OutboxMessage.recipient, OutboxMessage.subject)).all()
    assert links == 2
    assert invited == ["Bo@Example.com", "ann@example.com"]
    assert outbox == [("ann@example.com", "Your opinion on Shop")]
