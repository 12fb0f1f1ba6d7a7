"""The wave jobs called in-process with chosen times: idempotent, coalescing, rotating shoppers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Assignment, MeasurementPlan, OutboxMessage, SurveyLink, Wave
from surveyor.services.surveys import reminders
from surveyor.services.waves import scheduling, wave_setup

START = datetime(2026, 1, 15, 8, 0, tzinfo=UTC)
DAY = 86_400


def _waves(app) -> list[tuple[int, str | None, str]]:
    with app.app_context():
        rows = db.session.execute(
            select(Wave.sequence, Wave.period_key, Wave.status).order_by(Wave.sequence)
        )
        return [tuple(row) for row in rows]


def test_monthly_plan_opens_each_period_once_and_closes_it(app, make):
    project = make.project()
    make.plan(project, recurrence="monthly", starts_at=START, field_seconds=21 * DAY)
    with app.app_context():
        assert scheduling.open_due_waves(START - timedelta(seconds=1)) == []
        assert len(scheduling.open_due_waves(START)) == 1
        assert scheduling.open_due_waves(START + timedelta(hours=1)) == []
        assert scheduling.close_due_waves(START + timedelta(days=21)) == 1
        assert scheduling.close_due_waves(START + timedelta(days=22)) == 0
        scheduling.open_due_waves(datetime(2026, 2, 16, tzinfo=UTC))
    assert _waves(app) == [
        (0, "2026-01-15T08:00:00Z", "closed"),
        (1, "2026-02-15T08:00:00Z", "open"),
    ]


def test_missed_periods_coalesce_into_the_latest(app, make):
    project = make.project()
    make.plan(project, recurrence="monthly", starts_at=START, field_seconds=21 * DAY)
    with app.app_context():
        scheduling.open_due_waves(START)
        scheduling.open_due_waves(datetime(2026, 4, 20, tzinfo=UTC))  # down Feb-Apr
        scheduling.open_due_waves(datetime(2026, 4, 21, tzinfo=UTC))
    assert [key for _, key, _ in _waves(app)] == ["2026-01-15T08:00:00Z", "2026-04-15T08:00:00Z"]


def test_a_period_whose_field_time_is_over_is_not_opened_late(app, make):
    project = make.project()
    make.plan(project, recurrence="monthly", starts_at=START, field_seconds=7 * DAY)
    with app.app_context():
        assert scheduling.open_due_waves(START + timedelta(days=8)) == []
    assert _waves(app) == []


def test_manual_trigger_and_scheduler_share_the_period(app, make):
    project = make.project()
    plan = make.plan(project, recurrence="cron", cron="0 6 * * 1", starts_at=START)
    now = datetime(2026, 1, 20, 7, tzinfo=UTC)  # Tuesday; Monday 19th 06:00 is due
    with app.app_context():
        found = db.session.get(MeasurementPlan, plan.id)
        assert scheduling.open_current_period(found, now) is not None
        db.session.commit()
        assert scheduling.open_current_period(found, now) is None
        assert scheduling.open_due_waves(now) == []
    assert _waves(app) == [(0, "2026-01-19T06:00:00Z", "open")]


def test_sequence_continues_after_manual_waves(app, make):
    project = make.project()
    make.wave(project, 0, status="closed")
    make.plan(project, recurrence="quarterly", starts_at=START)
    with app.app_context():
        scheduling.open_due_waves(START)
    assert [(seq, status) for seq, _, status in _waves(app)] == [(0, "closed"), (1, "open")]


def test_new_wave_gets_links_and_rotated_assignments(app, make):
    client = make.client()
    project = make.project(client)
    touchpoint = make.touchpoint(project)
    questionnaire = make.kano_instrument(touchpoint)
    checklist = make.kano_instrument(touchpoint)  # kind changed below
    locations = [make.location(project) for _ in range(3)]
    shoppers = [make.user("shopper", clients=(client,)) for _ in range(2)]
    with app.app_context():
        from surveyor.models import Instrument

        db.session.get(Instrument, checklist.id).kind = "checklist"
        db.session.commit()
    make.plan(
        project,
        recurrence="monthly",
        starts_at=START,
        instrument_ids=[questionnaire.id, checklist.id],
        location_ids=[location.id for location in locations],
    )
    with app.app_context():
        scheduling.open_due_waves(START)
        scheduling.open_due_waves(datetime(2026, 2, 15, 9, tzinfo=UTC))
        links = db.session.scalar(select(func.count()).select_from(SurveyLink))
        rows = db.session.execute(
            select(Wave.sequence, Assignment.location_id, Assignment.shopper_id)
            .join(Wave, Assignment.wave_id == Wave.id)
            .order_by(Wave.sequence, Assignment.location_id)
        ).all()
    assert links == 2
    by_wave = {0: {}, 1: {}}
    for sequence, location_id, shopper_id in rows:
        by_wave[sequence][location_id] = shopper_id
    assert all(len(assignments) == 3 for assignments in by_wave.values())
    assert {user.id for user in shoppers} >= set(by_wave[0].values())
    for location in locations:
        assert by_wave[0][location.id] != by_wave[1][location.id]


def test_rotation_never_repeats_the_last_shopper_when_it_can():
    assert wave_setup.rotate([1, 2, 3], index=0, sequence=1, last=2) == 3
    assert wave_setup.rotate([1], index=0, sequence=1, last=1) == 1


def test_reminders_go_to_the_outbox_once(app, make):
    instrument, _wave, _link = make.open_survey()
    with app.app_context():
        from surveyor.models import Instrument

        project_id = db.session.get(Instrument, instrument.id).touchpoint.project_id
    project = type("Ref", (), {"id": project_id})()
    make.plan(
        project,
        recurrence="monthly",
        starts_at=START,
        instrument_ids=[instrument.id],
        reminder_after_seconds=3 * DAY,
    )
    with app.app_context():
        scheduling.open_due_waves(START)
        link = db.session.scalar(select(SurveyLink).join(Wave).where(Wave.period_key.is_not(None)))
        from surveyor.services.surveys import surveys

        surveys.add_invitations(link, [("ann@example.com", "Ann"), ("bo@example.com", "Bo")])
        db.session.commit()
        assert reminders.send_reminders(START + timedelta(days=2)) == 0
        assert reminders.send_reminders(START + timedelta(days=3)) == 2
        assert reminders.send_reminders(START + timedelta(days=4)) == 0
        recipients = db.session.scalars(
            select(OutboxMessage.recipient).order_by(OutboxMessage.recipient)
        ).all()
    assert recipients == ["ann@example.com", "bo@example.com"]


def test_monthly_periods_keep_the_day_or_take_the_last_of_the_month():
    from surveyor.services.waves import periods

    start = datetime(2026, 1, 31, 9, tzinfo=UTC)
    due = list(periods.due_times("monthly", "", start, None, datetime(2026, 4, 30, 9, tzinfo=UTC)))
    assert [moment.day for moment in due] == [31, 28, 31, 30]


def test_cron_weekdays_count_like_crontab():
    import pytest

    from surveyor.services.waves import periods

    monday = periods.latest_due("cron", "0 6 * * 1", START, None, datetime(2026, 1, 25, tzinfo=UTC))
    assert monday == datetime(2026, 1, 19, 6, tzinfo=UTC)
    assert monday.weekday() == 0
    for bad in ("every day", "99 * * * *", "* * * *"):
        with pytest.raises(periods.InvalidRecurrence):
            periods.cron_trigger(bad)


def test_reminders_speak_the_shoppers_or_the_projects_language(app, make):
    """Invitees have no account: the project's language. Shoppers: their own, else the project's."""
    instrument, _wave, _link = make.open_survey()
    with app.app_context():
        from surveyor.models import Instrument, User

        project = db.session.get(Instrument, instrument.id).touchpoint.project
        project.language = "de"
        project_id = project.id
        db.session.commit()
    make.plan(
        type("Ref", (), {"id": project_id})(),
        recurrence="monthly",
        starts_at=START,
        instrument_ids=[instrument.id],
        reminder_after_seconds=3 * DAY,
    )
    english_shopper, german_shopper = make.shopper("en@example.com"), make.shopper("de@x.com")
    with app.app_context():
        db.session.get(User, english_shopper.id).locale = "en"
        db.session.commit()
        scheduling.open_due_waves(START)
        wave_id = db.session.scalar(select(Wave.id).where(Wave.period_key.is_not(None)))
        assert db.session.get(Wave, wave_id).label == "Folgemessung 1"  # named in German, too
        link = db.session.scalar(select(SurveyLink).where(SurveyLink.wave_id == wave_id))
        from surveyor.services.surveys import surveys

        surveys.add_invitations(link, [("ann@example.com", "Ann")])
        db.session.commit()
    for shopper in (english_shopper, german_shopper):
        make.assignment(instrument, shopper=shopper, wave=type("Ref", (), {"id": wave_id})())
    with app.app_context():
        assert reminders.send_reminders(START + timedelta(days=3)) == 3
        mails = dict(db.session.execute(select(OutboxMessage.recipient, OutboxMessage.body)).all())
        subjects = dict(
            db.session.execute(select(OutboxMessage.recipient, OutboxMessage.subject)).all()
        )
    assert mails["ann@example.com"].startswith("Guten Tag Ann,")
    assert subjects["ann@example.com"].startswith("Erinnerung: Ihre Meinung zu Touchpoint")
    assert subjects["de@x.com"].startswith("Erinnerung: offene Testkäufe")
    assert subjects["en@example.com"].startswith("Reminder: open shops")


def _weekdays(cron: str) -> list[str]:
    from surveyor.services.waves import periods

    week = periods.due_times("cron", cron, START, None, START + timedelta(days=7))
    return sorted({moment.strftime("%a") for moment in week}, key=_WEEK.index)


_WEEK = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def test_crontab_weekday_steps_count_from_sunday():
    assert _weekdays("0 6 * * 1-5/2") == ["Mon", "Wed", "Fri"]
    assert _weekdays("0 6 * * */2") == ["Tue", "Thu", "Sat", "Sun"]
    assert _weekdays("0 6 * * 0,7") == ["Sun"]
    assert _weekdays("0 6 * * mon-fri/2") == ["Mon", "Wed", "Fri"]
    assert _weekdays("0 6 * * 5-7") == ["Fri", "Sat", "Sun"]


def test_more_missed_periods_than_max_steps_open_the_current_one(app, make):
    from surveyor.services.waves import periods

    project = make.project()
    make.plan(project, recurrence="cron", cron="* * * * * *", starts_at=START, field_seconds=60)
    gap = timedelta(seconds=periods.MAX_STEPS * 2)
    with app.app_context():
        assert len(scheduling.open_due_waves(START)) == 1
        assert len(scheduling.open_due_waves(START + gap)) == 1
    assert [key for _, key, _ in _waves(app)] == [
        periods.period_key(START),
        periods.period_key(START + gap),
    ]


def test_after_a_long_pause_no_stale_period_opens_first(app, make):
    from surveyor.services.waves import periods

    project = make.project()
    make.plan(project, recurrence="cron", cron="* * * * * *", starts_at=START, field_seconds=DAY)
    now = START + timedelta(seconds=periods.MAX_STEPS + 5_000)
    with app.app_context():
        scheduling.open_due_waves(START)
        scheduling.open_due_waves(now)
    assert [key for _, key, _ in _waves(app)][1:] == [periods.period_key(now)]
