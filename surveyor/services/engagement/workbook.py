"""Assembles the engagement workbook: the interview and the tracker, in the reader's language."""

from __future__ import annotations

import io

from flask_babel import gettext as _

from surveyor import labels
from surveyor.export import engagement as writer
from surveyor.export.safety import safe_cell
from surveyor.models import Project
from surveyor.services.engagement import interview, tracker
from surveyor.services.slugs import slugify


def engagement_workbook(project: Project) -> tuple[io.BytesIO, str]:
    """The .xlsx file and its download name."""
    recorded = interview.interview_of(project)
    questions = [
        (
            _("Date of the interview"),
            recorded.held_on.isoformat() if recorded and recorded.held_on else "",
        ),
        (_("Attendees"), recorded.attendees if recorded else ""),
        (_("Situations"), recorded.situations if recorded else ""),
        (_("Challenges"), recorded.challenges if recorded else ""),
        (_("Goals"), recorded.goals if recorded else ""),
        (_("Vision or mission statement"), recorded.vision if recorded else ""),
    ]
    steps = [
        (
            step.step,
            labels.engagement_step_label(step.step),
            labels.engagement_state_label(step.state),
            safe_cell("\n".join(step.evidence)),
            safe_cell("\n".join(step.missing)),
            safe_cell(step.note),
        )
        for step in tracker.progress(project)
    ]
    data = writer.write(
        [
            (
                _("Interview"),
                (_("Question"), _("Answer")),
                (28, 90),
                [(question, safe_cell(answer)) for question, answer in questions],
            ),
            (
                _("Steps"),
                (_("Step"), _("Name"), _("State"), _("Evidence"), _("Missing"), _("Note")),
                (6, 34, 12, 50, 50, 40),
                steps,
            ),
        ]
    )
    name = f"{slugify(project.name) or 'project'}-engagement.xlsx"
    return io.BytesIO(data), name
