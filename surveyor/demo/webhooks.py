"""The demo's webhook: a ticketing system subscribed to the demo project, paused by a consultant.

It points to ``hooks.example.com`` (a reserved example domain, RFC 2606), so nothing real is
contacted: it is paused before any worker runs, and its delivery log shows the events the
closed waves produced (the closing of each wave and the call-back offer's Kano drift) waiting to
go out. Everything goes through the same services a consultant's clicks use.
"""

from __future__ import annotations

from surveyor.models import Project
from surveyor.services.webhooks import subscriptions, wave_events

DEMO_URL = "https://hooks.example.com/surveyor/ticketing"
DEMO_EVENTS = ["response.stored", "shop.approved", "case.opened", "wave.closed", "drift.detected"]


def add_demo_webhook(project: Project, fresh: bool) -> None:
    if not fresh:
        return
    consultant = next(user for user in project.client.users if user.role == "consultant")
    subscription, _secret = subscriptions.create(
        project, consultant, "Ticketsystem (Beispiel)", DEMO_URL, DEMO_EVENTS
    )
    subscriptions.pause(subscription, consultant)
    for wave in project.waves:
        if wave.status == "closed":
            wave_events.wave_closed(wave)
