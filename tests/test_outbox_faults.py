"""A ``surveyor scheduler`` killed with SIGKILL while it hands a message to the mail server.

The outbox promises at-least-once delivery with a recognisable duplicate: the only window is
between the server's "250 accepted" and the scheduler's next UPDATE. Here the sink accepts the
message while the scheduler that sent it is killed before it could record the delivery; the
next scheduler delivers it again after the claim's lease, under the same ``Message-ID``, and
records it as sent. Nothing is lost, and the copy can be recognised by the receiver.
"""

from __future__ import annotations

from surveyor.extensions import db
from surveyor.models.plans import OutboxMessage
from surveyor.services.messaging import mail
from tests.smtp_sink import SmtpSink
from tests.test_scheduler import Schedulers, _wait_for


def _message(app, message_id: int) -> OutboxMessage:
    with app.app_context():
        row = db.session.get(OutboxMessage, message_id)
        db.session.expunge(row)
        db.session.remove()
        return row


def test_a_scheduler_killed_after_the_server_accepted_leaves_one_recognisable_duplicate(
    app, tmp_path
):
    with app.app_context():
        queued = mail.send("kim@example.com", "Your invitation", "Please answer.")
        db.session.commit()
        message_id = queued.id
    with SmtpSink(hold=True) as sink:
        schedulers = Schedulers(app, tmp_path)
        schedulers.env.update(
            SURVEYOR_SMTP_HOST="127.0.0.1",
            SURVEYOR_SMTP_PORT=str(sink.port),
            SURVEYOR_SMTP_STARTTLS="0",
            SURVEYOR_SMTP_TIMEOUT="1",  # a lease of 3 s instead of a minute
        )
        try:
            first = schedulers.start()
            assert sink.receiving.wait(timeout=120), schedulers.logs()
            first.kill()  # SIGKILL while the server holds the message's data
            first.wait()
            sink.release()  # the server accepts it: the killed scheduler never heard so
            _wait_for(lambda: len(sink.messages) == 1, timeout=30)
            assert _message(app, message_id).status == "sending"

            schedulers.start()
            _wait_for(lambda: _message(app, message_id).status == "sent", timeout=120)
        finally:
            schedulers.stop_all()
    row = _message(app, message_id)
    assert row.attempts == 2
    assert len(sink.messages) == 2  # delivered twice, never lost
    ids = {copy["Message-ID"] for copy in sink.messages}
    assert len(ids) == 1 and ids != {None}  # ... and the copy is recognisable as one
