"""The scheduler's reminder for overdue cases: once per case, through the outbox, to its owner,
or, when the owner can no longer open it (deactivated, or limited since to other branches), to
the rule's recipients who can, so that one of them hands it on instead of nobody hearing of it.

The claim is a conditional ``UPDATE ... WHERE reminded_at IS NULL`` in the same transaction as
the e-mail, so two schedulers, or a run repeated after a crash, remind once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from surveyor.extensions import db
from surveyor.models import AlertRule, FollowUpCase, Project, User
from surveyor.models.cases import OPEN_CASE_STATUSES
from surveyor.services import tenancy
from surveyor.services.cases import notices
from surveyor.services.messaging import mail

BATCH = 200


def remind_overdue(now: datetime) -> int:
    """Remind once about every open case past its due date; the number of cases reminded."""
    due = db.session.scalars(
        select(FollowUpCase)
        .where(
            FollowUpCase.status.in_(sorted(OPEN_CASE_STATUSES)),
            FollowUpCase.due_at < now,
            FollowUpCase.reminded_at.is_(None),
        )
        .order_by(FollowUpCase.id)
        .limit(BATCH)
    ).all()
    reminded = 0
    for case in due:
        claimed = db.session.execute(
            update(FollowUpCase)
            .where(FollowUpCase.id == case.id, FollowUpCase.reminded_at.is_(None))
            .values(reminded_at=now)
        )
        readers = _readers(case) if claimed.rowcount == 1 else []
        if readers:
            project = db.session.get(Project, case.project_id)
            for reader in readers:
                subject, body = notices.overdue(reader, project, case)
                mail.send(reader.email, subject, body, project.id)
            reminded += 1
        db.session.commit()
    return reminded


def _readers(case: FollowUpCase) -> list[User]:
    """The owner if they can still open the case, else the rule's other recipients who can.

    "Can open" is what the case page asks: an active person of the client who follows up cases
    (:func:`tenancy.get_person_of_client`), and for staff limited to branches, one of theirs.
    """
    client_id = db.session.scalar(select(Project.client_id).where(Project.id == case.project_id))

    def can_open(user_id: int | None) -> list[User]:
        person = None if user_id is None else tenancy.get_person_of_client(client_id, user_id)
        if person is None:
            return []
        return tenancy.who_see_location([person], case.project_id, case.location_id)

    owner = can_open(case.owner_id)
    if owner:
        return owner
    rule = db.session.get(AlertRule, case.rule_id) if case.rule_id is not None else None
    recipients = [] if rule is None else (rule.recipient_ids or [])
    return [
        person
        for user_id in dict.fromkeys(recipients)
        if user_id != case.owner_id
        for person in can_open(user_id)
    ]
