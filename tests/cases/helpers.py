"""Shared set-up for the follow-up case tests: a survey with NPS and the consent question, a
client staff member and a consultant of the client, and a detractor rule naming both."""

from __future__ import annotations

import re
from dataclasses import dataclass

from surveyor.extensions import db
from surveyor.models import Project, SurveyLink, Touchpoint
from surveyor.services.cases import rules


@dataclass
class Setup:
    project_id: int
    touchpoint_id: int
    link: SurveyLink
    staff: object
    consultant: object


def detractor_survey(make, kinds=("nps_detractor",), optional=("nps", "csat", "follow_up")):
    instrument, _wave, link = make.open_survey(features=1, optional=optional)
    with make.app.app_context():
        touchpoint = db.session.get(Touchpoint, instrument.touchpoint_id)
        project = touchpoint.project
        client = project.client
        project_id, touchpoint_id = project.id, touchpoint.id
    staff = make.user("viewer", clients=(client,), email=f"staff{project_id}@client.example")
    consultant = make.user("consultant", clients=(client,))
    with make.app.app_context():
        project = db.session.get(Project, project_id)
        for kind in kinds:
            rules.save_rule(
                project,
                rules.RuleInput(
                    name=f"Rule {kind}",
                    kind=kind,
                    threshold=2 if kind == "csat_at_most" else None,
                    recipient_ids=(consultant.id, staff.id),
                    due_days=3,
                ),
            )
    return Setup(project_id, touchpoint_id, link, staff, consultant)


def form_token(page: bytes) -> str:
    return re.search(rb'name="form_token" value="([^"]+)"', page).group(1).decode()


def answer(client, link, nps: int, consent: bool = True, contact: str = "+49 170 1234567"):
    """Answer the survey as a customer would: GET the form, POST it with its token.

    ``link`` is a survey link or a personal invitation (both carry a ``token``)."""
    url = f"/s/{link.token}"
    data = {"form_token": form_token(client.get(url).data), "f-f1": "1", "d-f1": "5"}
    data["n-nps"] = str(nps)
    if consent:
        data.update({"a-follow_up": "1", "p-follow_up": "Kim Kunde", "k-follow_up": contact})
    return client.post(url, data=data)
