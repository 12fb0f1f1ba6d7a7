"""The demo's branches in two regions, with customer answers per branch (issue 20).

Called once from the demo builder, after its shops: regions "Region Nord" and "Region Süd",
the two existing customer centres placed in them with codes, and four more branches. The
demo's customer answers of the closed waves are then spread over the branches (a fifth stays
with the hotline, without a branch), so ``--responses`` still counts every answer. Branches
differ on purpose: satisfied customers lean towards three of them, and one branch gets too
few answers for a rank, so the ranking and the report card have something to show.
"""

from __future__ import annotations

import random

from sqlalchemy import bindparam, select, update

from surveyor.extensions import db
from surveyor.models import Answer, Item, Location, Project, Response
from surveyor.services.locations import wave_cache
from surveyor.services.locations.directory import LocationFields, save_location
from surveyor.services.locations.results import set_min_n

SEED = 20261127
MIN_N = 15
# name, code, region, share of the answers, better service
BRANCHES = (
    ("Kundencenter Mitte", "KC-MITTE", "Region Nord", 0.18, False),
    ("Kundencenter Nordstadt", "KC-NORD", "Region Nord", 0.15, True),
    ("Kundencenter Hafen", "KC-HAFEN", "Region Nord", 0.03, False),
    ("Kundencenter Süd", "KC-SUED", "Region Süd", 0.16, True),
    ("Kundencenter Altstadt", "KC-ALT", "Region Süd", 0.15, False),
    ("Kundencenter Auenwald", "KC-AUE", "Region Süd", 0.13, True),
)
WITHOUT_BRANCH = 0.20
SHOPPED_BRANCHES = (
    ("Filiale Nordstadt", "FIL-NORD", "Region Nord"),
    ("Filiale Gohlis", "FIL-GOH", "Region Nord"),
    ("Filiale Plagwitz", "FIL-PLA", "Region Nord"),
    ("Filiale Connewitz", "FIL-CON", "Region Süd"),
    ("Filiale Schleußig", "FIL-SCH", "Region Süd"),
    ("Filiale Reudnitz", "FIL-REU", "Region Süd"),
)
"""The pilot demo's shopped branches (demo/pilots.py), placed in the same regions."""


def add_branches(project: Project, fresh: bool) -> None:
    """On a fresh demo: regions, coded branches, and the customers' answers spread over them."""
    if not fresh:
        return
    regions = {
        name: save_location(project, LocationFields(name=name, city="Lindenau", kind="region"))
        for name in sorted({region for _, _, region, _, _ in BRANCHES})
    }
    db.session.flush()
    existing = {
        location.name: location
        for location in db.session.scalars(
            select(Location).where(Location.project_id == project.id)
        )
    }
    branches = []
    for name, code, region, share, better in BRANCHES:
        fields = LocationFields(name=name, city="Lindenau", code=code, parent_id=regions[region].id)
        branches.append((save_location(project, fields, existing.get(name)), share, better))
    for name, code, region in SHOPPED_BRANCHES:
        if name in existing:
            fields = LocationFields(
                name=name, city="Lindenau", code=code, parent_id=regions[region].id
            )
            save_location(project, fields, existing[name])
    db.session.flush()
    set_min_n(project, MIN_N)
    _spread_answers(project, branches)


def _spread_answers(project: Project, branches: list) -> None:
    """Give each customer answer of the closed waves a branch, by share and satisfaction."""
    csat = (
        select(Answer.number)
        .join(Item, Item.id == Answer.item_id)
        .where(Answer.response_id == Response.id, Item.item_type == "csat")
        .limit(1)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Response.id, csat)
        .where(
            Response.wave_id.in_([wave.id for wave in project.waves[:2]]),
            Response.respondent_group == "customer",
        )
        .order_by(Response.id)
    ).all()
    rng = random.Random(SEED)
    changes = []
    for response_id, score in rows:
        lean = ((score or 3) - 3) / 2  # -1 (very unhappy) .. 1 (very happy)
        weights = [share * (1 + (lean if better else -lean) * 0.8) for _, share, better in branches]
        weights.append(WITHOUT_BRANCH)
        chosen = rng.choices([*branches, None], weights=weights)[0]
        if chosen is not None:
            changes.append({"response_id": response_id, "location_id": chosen[0].id})
    if changes:
        statement = (
            update(Response.__table__)
            .where(Response.__table__.c.id == bindparam("response_id"))
            .values(location_id=bindparam("location_id"))
        )
        db.session.connection().execute(statement, changes)
        # counts stored for these closed waves (other demo parts read results) are now stale
        wave_cache.forget([change["response_id"] for change in changes])
