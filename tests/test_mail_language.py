"""Invitations and reminders speak the project's language, the consultant's names included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Instrument, OutboxMessage, Project, SurveyLink, Wave
from surveyor.services.surveys import reminders, surveys
from surveyor.services.waves import scheduling

START = datetime(2026, 1, 15, 8, 0, tzinfo=UTC)
DAY = 86_400
MONTHLY_WITH_REMINDER = {
    "recurrence": "monthly",
    "starts_at": START,
    "reminder_after_seconds": 3 * DAY,
}


def _panel_mails(app, make, language: str) -> dict[str, tuple[str, str]]:
    """A plan's baseline with Ann invited, the follow-up re-inviting her, then its reminder."""
    project = make.project()
    touchpoint = make.touchpoint(project, name="Hotline", name_de="Service-Telefon")
    instrument = make.kano_instrument(touchpoint)
    with app.app_context():
        db.session.get(Project, project.id).language = language
        db.session.commit()
    make.plan(project, instrument_ids=[instrument.id], **MONTHLY_WITH_REMINDER)
    with app.app_context():
        scheduling.open_due_waves(START)
        link = db.session.scalar(select(SurveyLink).join(Wave).where(Wave.sequence == 0))
        surveys.add_invitations(link, [("ann@example.com", "Ann"), ("bo@example.com", "")])
        db.session.commit()
        follow_up = datetime(2026, 2, 15, 8, tzinfo=UTC)
        scheduling.open_due_waves(follow_up)
        invitations = _rows()
        reminders.send_reminders(follow_up + timedelta(days=3))
        reminder_rows = _rows()[len(invitations) :]
    mails = {}
    for kind, rows in (("invitation", invitations), ("reminder", reminder_rows)):
        for recipient, subject, body in rows:
            mails[f"{kind} {recipient}"] = (subject, body)
    return mails


def _rows() -> list[tuple[str, str, str]]:
    rows = db.session.execute(
        select(OutboxMessage.recipient, OutboxMessage.subject, OutboxMessage.body).order_by(
            OutboxMessage.id
        )
    )
    return [tuple(row) for row in rows]


def test_a_german_projects_mails_are_german_throughout(app, make):
    mails = _panel_mails(app, make, "de")
    subject, body = mails["invitation ann@example.com"]
    assert subject == "Ihre Meinung zu Service-Telefon"
    assert body.startswith("Guten Tag Ann,\n\n")
    assert "„Ihr Anruf“" in body and "Your call" not in body and "Hotline" not in body
    subject, body = mails["reminder ann@example.com"]
    assert subject == "Erinnerung: Ihre Meinung zu Service-Telefon"
    assert body.startswith("Guten Tag Ann,\n\n") and "„Ihr Anruf“ ist noch geöffnet" in body
    assert mails["invitation bo@example.com"][1].startswith("Guten Tag,\n\n")


def test_an_english_projects_mails_are_english_throughout(app, make):
    mails = _panel_mails(app, make, "en")
    subject, body = mails["invitation ann@example.com"]
    assert subject == "Your opinion on Hotline"
    assert body.startswith("Hello Ann,\n\n") and "“Your call”" in body
    assert "Ihr Anruf" not in body and "Service-Telefon" not in body
    subject, body = mails["reminder bo@example.com"]
    assert subject == "Reminder: your opinion on Hotline"
    assert body.startswith("Hello,\n\nthe survey “Your call” is still open:")


def test_a_title_written_in_one_language_only_is_used_in_both(app, make):
    project = make.project()
    instrument = make.kano_instrument(make.touchpoint(project, name="Hotline"))
    with app.app_context():
        from surveyor.services.instruments import instruments
        from surveyor.services.messaging import mail_texts

        found = db.session.get(Instrument, instrument.id)
        version = instruments.published_version(found)
        version.title_de = ""
        german = mail_texts.survey_names("de", found)
        version.title_en, version.title_de = "", "Ihr Anruf"
        english = mail_texts.survey_names("en", found)
        db.session.rollback()
    assert (german.touchpoint, german.title) == ("Hotline", "Your call")
    assert english.title == "Ihr Anruf"
