"""The demo's follow-up: alert rules, and cases opened and closed through the case services.

Detractors of the demo's hotline survey open cases for the client's staff member, at the branch
their answer was given for (surveyor/demo/locations.py runs first); most of the
cases of the closed waves are closed (some late, some with no action) except the last two,
opened recently and still open (one of them overdue), so every loop metric has something to
show.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Answer, Item, Project, Response, User
from surveyor.models.base import as_utc, utcnow
from surveyor.services.cases import opening, rules, work

CASES_PER_WAVE = 6
NOTES = (  # written by the client's staff, in the demo client's language
    "Kundin zurückgerufen; der Rückruftermin wird jetzt in der Sprachansage angeboten.",
    "Telefonisch entschuldigt und die Mahngebühr gutgeschrieben.",
    "Kunde zweimal nicht erreicht; Brief verschickt.",
)


def add_follow_up(project: Project, staff_email: str, consultant_email: str, fresh: bool) -> None:
    """Rules and cases on a fresh demo only: a second run keeps what users changed."""
    if not fresh:
        return
    people = {
        user.email: user
        for user in db.session.scalars(
            select(User).where(User.email.in_((staff_email, consultant_email)))
        )
    }
    shared = {"recipient_ids": (people[staff_email].id, people[consultant_email].id), "due_days": 7}
    measured = {i.kind: t.id for t in project.touchpoints for i in t.instruments}
    hotline, counter = measured["kano"], measured["checklist"]
    for name, name_de, kind, threshold, touchpoints in (
        ("Hotline detractors", "Kritiker an der Hotline", "nps_detractor", None, (hotline,)),
        ("Very dissatisfied callers", "Sehr unzufriedene Anrufer", "csat_at_most", 1, (hotline,)),
        ("Critical failures", "K.-o.-Kriterien verfehlt", "critical_failure", None, (counter,)),
        ("Drop between waves", "Rückgang zwischen Wellen", "wave_drop", None, ()),
    ):
        rule = rules.RuleInput(name, kind, threshold, touchpoints, name_de=name_de, **shared)
        rules.add_rule(project, rule)
    db.session.flush()
    detractor_rule = rules.rules_of(project)[0]
    rng = random.Random(21)
    still_open = (utcnow() - timedelta(days=10), utcnow() - timedelta(days=2))
    for wave in project.waves:
        found = _detractors(wave.id)
        for position, (response_id, nps, location_id) in enumerate(found):
            left = len(found) - position
            recent = wave is project.waves[1] and left <= len(still_open)
            opened_at = still_open[-left] if recent else _opening_time(wave, rng)
            case = opening.open_case(
                detractor_rule,
                f"response:{response_id}",
                {"nps": int(nps)},
                touchpoint_id=hotline,
                location_id=location_id,
                wave_id=wave.id,
                response_id=response_id,
                now=opened_at,
            )
            if case is not None and not recent:
                _close(case, opened_at, rng)


def _detractors(wave_id: int) -> list[tuple[int, float, int | None]]:
    """(response, NPS, branch) of the wave's first detractors."""
    return db.session.execute(
        select(Response.id, Answer.number, Response.location_id)
        .join(Answer, Answer.response_id == Response.id)
        .join(Item, Item.id == Answer.item_id)
        .where(
            Response.wave_id == wave_id,
            Response.respondent_group == "customer",
            Item.item_type == "nps",
            Answer.number <= 6,
        )
        .order_by(Response.id)
        .limit(CASES_PER_WAVE)
    ).all()


def _opening_time(wave, rng: random.Random) -> datetime:
    opens = as_utc(wave.opens_at)
    return opens + timedelta(days=rng.randint(1, 12), hours=rng.randint(0, 8))


def _close(case, opened_at: datetime, rng: random.Random) -> None:
    status = "no_action" if rng.random() < 0.15 else "resolved"
    closed_at = opened_at + timedelta(hours=rng.choice((5, 20, 30, 50, 90, 200)))
    work.move(case, status, rng.choice(NOTES), closed_at)
