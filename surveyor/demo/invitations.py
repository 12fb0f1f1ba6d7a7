"""Demo invitations: the open wave's hotline questionnaire sent to three made-up customers.

They make the outbox of the demo show what a German project's customers receive: subject, text,
touchpoint and questionnaire title in German (issue 16). Addresses are on ``example.org``, which
cannot receive mail, and stay pending until an SMTP server is configured.
"""

from __future__ import annotations

from surveyor.models import Project
from surveyor.services.shops import plans
from surveyor.services.surveys import surveys
from surveyor.services.waves import wave_setup

DEMO_CUSTOMERS = (
    ("m.becker@example.org", "Frau Becker"),
    ("j.wolf@example.org", "Herr Wolf"),
    ("kundin@example.org", ""),
)


def add_invitation_demo(project: Project, fresh: bool) -> None:
    """On a fresh demo, invite the demo customers to the first questionnaire of the open wave."""
    plan = plans.plan_of(project)
    wave = next((wave for wave in project.waves if wave.status == "open"), None)
    questionnaires = [i for t in project.touchpoints for i in t.instruments if i.kind == "kano"]
    if not fresh or plan is None or wave is None or not questionnaires:
        return
    link = surveys.ensure_link(questionnaires[0], wave, "customer")
    recipients = [surveys.Recipient(email, name) for email, name in DEMO_CUSTOMERS]
    wave_setup.invite(plan, questionnaires[0], link, recipients)
