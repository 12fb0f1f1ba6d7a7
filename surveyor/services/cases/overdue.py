"""The scheduler's reminder for overdue cases: once per case, to its owner, through the outbox.

The claim is a conditional ``UPDATE ... WHERE reminded_at IS NULL`` in the same transaction as
the e-mail, so two schedulers, or a run repeated after a crash, remind once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from surveyor.extensions import db
from surveyor.models import FollowUpCase, Project, User
from surveyor.models.cases import OPEN_CASE_STATUSES
from surveyor.services.cases import notices
from surveyor.services.messaging import mail

BATCH = 200


def remind_overdue(now: datetime) -> int:
    """Remind the owner of every open case past its due date that was not reminded yet."""
    due = db.session.scalars(
        select(FollowUpCase)
        .where(
            FollowUpCase.status.in_(sorted(OPEN_CASE_STATUSES)),
            FollowUpCase.due_at < now,
            FollowUpCase.reminded_at.is_(None),
            FollowUpCase.owner_id.is_not(None),
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
        owner = db.session.get(User, case.owner_id)
        if claimed.rowcount == 1 and owner is not None and owner.active:
            project = db.session.get(Project, case.project_id)
            subject, body = notices.overdue(owner, project, case)
            mail.send(owner.email, subject, body, project.id)
            reminded += 1
        db.session.commit()
    return reminded
