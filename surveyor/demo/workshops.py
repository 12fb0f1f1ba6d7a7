"""The demo's completed workshop: held before the demo's measures went live, its causes
became exactly those measures, so the trace runs from cards to the trend charts.

Built through the workshop services like a real one (join, cards, clusters, reasons, causes,
dots, links to measures), in German: the demo client's workshop was held in German.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Measure, Project, Touchpoint
from surveyor.services.workshops import cards, convergence, participation, setup, votes
from surveyor.services.workshops import measures as workshop_measures

PARTICIPANTS = (
    ("Petra (Hotline)", "employee"),
    ("Jonas (Kundencenter)", "employee"),
    ("Aylin (Abrechnung)", "employee"),
    ("Frau K.", "customer"),
    ("Herr B.", "customer"),
    ("Kundin 3", "customer"),
    ("Callcenter-Dienstleister", "partner"),
)
# world, participant index, touchpoint name (or None), text
CARDS = (
    ("company", 0, None, "Wir sind der verlässliche Versorger aus der Region."),
    ("company", 1, None, "Persönliche Beratung vor Ort ist unsere Stärke."),
    ("customer", 3, None, "Solide, aber man erreicht niemanden."),
    ("customer", 4, "Customer centre counter", "Im Kundencenter nimmt man sich Zeit."),
    ("experience", 5, "Service hotline", "Ich rufe nur an, wenn etwas schiefgeht."),
    ("experience", 2, None, "Viele Anrufe drehen sich um die Jahresabrechnung."),
    ("perception", 0, "Service hotline", "Montags legen viele Anrufer in der Warteschleife auf."),
    ("perception", 6, "Service hotline", "Spitzen nach Abrechnungsversand überlasten uns."),
    ("perception", 3, "Service hotline", "Ich hing 20 Minuten in der Warteschleife."),
    ("perception", 4, "Service hotline", "Ich musste dreimal anrufen."),
    ("perception", 1, "Customer centre counter", "Am Schalter fragen wir zu wenig nach."),
    ("perception", 5, "Customer centre counter", "Die Beratung wirkte kurz angebunden."),
    ("perception", 4, "Customer centre counter", "Im Wartebereich lagen alte Flyer herum."),
    (
        "perception",
        1,
        "Customer centre counter",
        "Niemand fühlt sich für den Wartebereich zuständig.",
    ),
    ("perception", 2, "Service hotline", "Viele fragen, bis wann der Zählerstand fällig ist."),
    ("perception", 3, "Service hotline", "Ich wusste nicht, dass ich den Zählerstand melden muss."),
    ("cause", 0, None, "Keine Möglichkeit, bei Spitzenlast zurückzurufen."),
    ("cause", 1, None, "Bedarfsanalyse war nie Teil der Schulung."),
    ("measure", 6, "Service hotline", "Rückruf statt Warteschleife anbieten."),
    ("measure", 1, "Customer centre counter", "Feste Runde durch den Wartebereich."),
)
# cluster title, indexes into CARDS
CLUSTERS = (
    ("Warteschleife an der Hotline", (6, 7, 8, 9)),
    ("Beratung am Schalter", (10, 11)),
    ("Wartebereich", (12, 13)),
    ("Zählerstand", (14, 15)),
)
# title, cluster indexes, promoted to cause, measure title (or None), dots per participant
CAUSES = (
    (
        "Kein Rückruf bei Spitzenlast",
        (0,),
        True,
        "Call-back booking in the IVR",
        (2, 1, 0, 2, 2, 1, 2),
    ),
    ("Zu wenig Personal montags", (0,), False, None, ()),
    (
        "Bedarfsanalyse nicht geschult",
        (1,),
        True,
        "Friendliness and needs-assessment training",
        (1, 2, 1, 1, 1, 2, 0),
    ),
    (
        "Niemand zuständig für den Wartebereich",
        (2,),
        True,
        "Daily tidy-up round of the waiting area",
        (0, 1, 1, 1, 0, 1, 1),
    ),
    (
        "Fälligkeit des Zählerstands unklar",
        (3,),
        True,
        "Meter-reading reminder in the call script",
        (1, 0, 2, 0, 1, 0, 1),
    ),
)


def add_demo_workshop(project: Project, fresh: bool) -> None:
    """One completed workshop whose causes led to the demo's measures (a fresh demo only)."""
    if not fresh:
        return
    held_on = (datetime.now(UTC) - timedelta(days=200)).date()
    workshop = setup.create_workshop(
        project,
        None,
        "Customer workshop: hotline and customer centres",
        "Kundenwerkstatt Hotline und Kundencenter",
        held_on,
        card_limit=30,
        vote_budget=5,
    )
    db.session.flush()
    people = [participation.join(workshop.join_code, name, role) for name, role in PARTICIPANTS]
    touchpoints = {t.name: t.id for t in project.touchpoints}
    stored = []
    for number, (world, person, touchpoint, text) in enumerate(CARDS):
        setup.open_world(workshop, world)
        payload = {"id": f"demo-card-{number:03d}", "world": world, "text": text}
        payload["touchpoint_id"] = touchpoints.get(touchpoint)
        stored.append(cards.store_card(people[person], payload).card_id)
    clusters = [
        convergence.add_cluster(workshop, title, [stored[i] for i in members])
        for title, members in CLUSTERS
    ]
    measures = _measures_by_title(project)
    setup.set_voting_open(workshop, True)
    for title, cluster_indexes, promoted, measure_title, dots in CAUSES:
        cause = convergence.add_reason(workshop, title, [clusters[i].id for i in cluster_indexes])
        db.session.flush()
        if not promoted:
            continue
        convergence.promote(workshop, cause)
        for person, count in zip(people, dots, strict=True):
            for _ in range(count):
                votes.place_dot(person, cause.id)
        workshop_measures.link(workshop, cause, measures[measure_title])
    setup.set_voting_open(workshop, False)
    setup.set_join_open(workshop, False)


def _measures_by_title(project: Project) -> dict[str, Measure]:
    query = (
        select(Measure)
        .join(Touchpoint, Measure.touchpoint_id == Touchpoint.id)
        .where(Touchpoint.project_id == project.id)
    )
    return {measure.title: measure for measure in db.session.scalars(query)}
