"""Demo data for pilots and the scorecard (issue 20): more branches, a piloted training whose
effect shows, and checklist items linked to the Kano features they observe.

Called with one line from :func:`surveyor.demo.create_demo`; it goes through the
services (locations, pilot selection, feature links), and its shops are sent and approved as
the phone and the review page do (:mod:`surveyor.demo.shops`).
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from surveyor.demo import shops as demo_shops
from surveyor.extensions import db
from surveyor.models import Instrument, Project, User
from surveyor.services.pilots import selection
from surveyor.services.projects import journey
from surveyor.services.scorecards import links

PILOTED_MEASURE = "Friendliness and needs-assessment training"
BRANCHES = (
    # name, city, pilot?
    ("Filiale Nordstadt", "Lindenau", True),
    ("Filiale Gohlis", "Lindenau", True),
    ("Filiale Plagwitz", "Lindenau", True),
    ("Filiale Connewitz", "Lindenau", False),
    ("Filiale Schleußig", "Lindenau", False),
    ("Filiale Reudnitz", "Lindenau", False),
)
# chance of a "good" answer before the go-live and after it, pilots and the other branches
QUALITY = {"before": 0.68, "pilot": 0.93, "other": 0.74}
SHOPS_PER_WAVE = 4
PILOTED_CENTRES = ("Kundencenter Mitte", "Kundencenter Süd")
"""The two customer centres of the main demo got the training first too."""
LINKS = (("polite", "polite"), ("anticipate", "anticipates"), ("wait", "reach-60s"))
"""(checklist item key, Kano feature key): what the shopper checks that customers rated."""


def add_pilot_demo(project: Project, fresh: bool, reviewer_email: str) -> None:
    """On a fresh demo: six more branches with shops, the training piloted in three of them
    and in the two customer centres, and three checklist items linked to Kano features."""
    if not fresh:
        return
    checklist = _instrument(project, "checklist")
    kano = _instrument(project, "kano")
    measure = next(m for t in project.touchpoints for m in t.measures if m.title == PILOTED_MEASURE)
    shopper = db.session.scalar(select(User).where(User.email == demo_shops.SHOPPER_EMAIL))
    reviewer = db.session.scalar(select(User).where(User.email == reviewer_email))
    rng = random.Random(20261127)
    pilots = []
    measured = [wave for wave in project.waves if wave.sequence in (0, 1)]
    for name, city, pilot in BRANCHES:
        location = journey.add_location(project, name=name, city=city)
        db.session.flush()
        if pilot:
            pilots.append(location.id)
        for wave in measured:
            after = wave.opens_at.date() >= measure.go_live
            good = QUALITY[("pilot" if pilot else "other") if after else "before"]
            for number in range(SHOPS_PER_WAVE):
                visit = wave.opens_at.date() + timedelta(days=number)
                assignment = demo_shops.assign(
                    project, shopper, checklist, wave, location, visit, 14
                )
                demo_shops.send_shop(assignment, good, rng, reviewer)
    pilots += [loc.id for loc in selection.candidates(measure) if loc.name in PILOTED_CENTRES]
    selection.set_pilot_locations(measure, pilots)
    for checklist_key, kano_key in LINKS:
        links.link(project, f"{checklist.id}:{checklist_key}", f"{kano.id}:{kano_key}")
    db.session.flush()


def _instrument(project: Project, kind: str) -> Instrument:
    return next(i for t in project.touchpoints for i in t.instruments if i.kind == kind)
