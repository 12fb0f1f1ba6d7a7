"""The demo's mystery shops, stored as a shopper's phone sends them and a consultant approves them.

Each shop goes through the checks and the storage of a real submission
(:func:`~surveyor.services.shops.shop_submissions.read_shop` and ``take_shop``) and, where the
demo shows it approved, through the review page's approval, so a demo shop holds only answers
its checklist allows. Shared by the main builder and the pilot demo (:mod:`surveyor.demo.pilots`).
"""

from __future__ import annotations

import random
import secrets
from datetime import UTC, date, datetime, timedelta

from surveyor.extensions import db
from surveyor.models import Assignment, Instrument, Item, Location, Project, User, Wave
from surveyor.services.shops import assignments, shop_reviews, shop_submissions

SHOPPER_EMAIL = "shopper@demo.surveyor"


def assign(
    project: Project,
    shopper: User,
    checklist: Instrument,
    wave: Wave,
    location: Location,
    visit_from: date,
    days: int,
) -> Assignment:
    """An assignment as the workspace creates it: a visit within ``days`` from ``visit_from``."""
    return assignments.create_assignment(
        project,
        shopper=shopper,
        location=location,
        instrument=checklist,
        wave=wave,
        visit_from=visit_from,
        visit_to=visit_from + timedelta(days=days),
    )


def send_shop(
    assignment: Assignment, good: float, rng: random.Random, reviewer: User | None = None
) -> None:
    """The shopper's phone sends the shop; with a ``reviewer`` it is approved too.

    ``good`` is the chance that the shopper saw the wanted behaviour at each item.
    """
    db.session.flush()  # the shop names its assignment by id
    version = assignment.instrument.versions[-1]
    answers = {}
    for item in version.items:
        value = _demo_answer(item, good, rng)
        answers[item.key] = {"na": True} if value is None else {"value": value}
    visit_day = assignment.visit_from + timedelta(days=rng.randint(0, 2))
    payload = {
        "submission_id": secrets.token_hex(16),
        "version_id": version.id,
        "visit": {"date": visit_day.isoformat()},
        "answers": answers,
    }
    shop = shop_submissions.read_shop(assignment, payload, datetime.now(UTC).date())
    shop_submissions.take_shop(assignment, shop)
    if reviewer is not None:
        shop_reviews.approve_shop(assignment, reviewer)


def _demo_answer(item: Item, good: float, rng: random.Random) -> float | None:
    """A plausible answer, or None for "not applicable" (and for photos, which the demo lacks)."""
    if item.na_allowed and rng.random() < 0.1:
        return None
    if item.item_type == "yes_no":
        return 1.0 if rng.random() < good else 0.0
    if item.item_type == "scale":
        low, high = item.settings.get("min", 1), item.settings.get("max", 5)
        return float(min(high, max(low, round(low + (high - low) * rng.gauss(good, 0.2)))))
    if item.item_type in ("duration", "number"):
        return float(round(rng.expovariate(1 / (240 * (1.5 - good)))))
    return None
