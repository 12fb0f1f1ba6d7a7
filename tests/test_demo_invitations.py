"""The demo's outbox shows invitations as a German project's customers receive them."""

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import OutboxMessage


def test_demo_invitations_are_german_throughout(runner, app):
    result = runner.invoke(args=["demo", "--responses", "0", "--no-serve"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        mails = db.session.execute(
            select(OutboxMessage.recipient, OutboxMessage.subject, OutboxMessage.body)
        ).all()
    assert sorted(recipient for recipient, _subject, _body in mails) == [
        "j.wolf@example.org",
        "kundin@example.org",
        "m.becker@example.org",
    ]
    for _recipient, subject, body in mails:
        assert subject == "Ihre Meinung zu Service-Hotline"
        assert body.startswith("Guten Tag") and "Die Umfrage „" in body
        assert "Service hotline" not in body and "survey" not in body
    result = runner.invoke(args=["demo", "--responses", "0", "--no-serve"])
    with app.app_context():
        assert len(db.session.scalars(select(OutboxMessage.id)).all()) == 3
