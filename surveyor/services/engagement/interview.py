"""Stage one of an engagement: the structured client interview, one per project."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import ClientInterview, Project

FIELDS = ("held_on", "attendees", "situations", "challenges", "goals", "vision")
TEXT_LIMIT = 10_000
"""Characters per answer: an hour's notes fit many times; a pasted document does not."""


def interview_of(project: Project) -> ClientInterview | None:
    """The project's interview, or ``None`` while it has not been recorded."""
    return db.session.scalar(
        select(ClientInterview).where(ClientInterview.project_id == project.id)
    )


def save_interview(project: Project, **answers: str | date | None) -> ClientInterview:
    """Record or change the interview; the caller has checked that the user may edit."""
    interview = interview_of(project) or ClientInterview(project_id=project.id)
    for name in FIELDS:
        value = answers.get(name)
        setattr(interview, name, value if name == "held_on" else (value or "").strip())
    db.session.add(interview)
    db.session.commit()
    return interview
