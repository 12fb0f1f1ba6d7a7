"""The demo project's engagement: a recorded client interview and the consultant's step notes."""

from __future__ import annotations

from datetime import date

from surveyor.models import Project
from surveyor.services.engagement import interview, tracker

INTERVIEW = {
    "held_on": date(2026, 1, 12),
    "attendees": (
        "Petra Lindner (Leitung Kundenservice)\nJonas Weber (Vertrieb)\nBeraterin: Anna Roth"
    ),
    "situations": (
        "Kundinnen und Kunden rufen wegen derselben Frage mehrfach an; im Kundencenter "
        "entstehen mittags Wartezeiten."
    ),
    "challenges": (
        "Anliegen werden zwischen Hotline und Kundencenter weitergereicht, niemand fühlt sich "
        "zuständig. Die Zufriedenheit ist seit zwei Jahren gesunken."
    ),
    "goals": (
        "Anliegen beim ersten Kontakt lösen; Wartezeit im Kundencenter unter zehn Minuten; "
        "Weiterempfehlung bis Jahresende um zehn Punkte steigern."
    ),
    "vision": "Wir sind der Versorger, den man gern anruft.",
}
NOTES = {
    2: (True, "Kick-off am 26.01. mit Kundenservice und Vertrieb; Lenkungskreis monatlich."),
    4: (True, "Prozesse, CRM-Daten und Telefonanlage im Workshop am 09.02. analysiert."),
}


def add_engagement(project: Project, fresh: bool) -> None:
    """Record the interview and two confirmed steps, once (a re-run keeps what is there)."""
    if not fresh:
        return
    interview.save_interview(project, **INTERVIEW)
    for step, (done, note) in NOTES.items():
        tracker.save_note(project, step, note, done)
