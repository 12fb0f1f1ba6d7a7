"""Plausible synthetic Kano responses, inserted in bulk, for demos and benchmarks.

Each feature gets a "true" category mix per wave and respondent group; a respondent draws a
category from that mix and then one of the answer pairs that the Kano evaluation table maps to it,
so the scored results reproduce the intended mix within sampling noise.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert

from surveyor.extensions import db
from surveyor.models import Answer, Item, KanoAnswer, Response, Wave
from surveyor.scoring.kano import CATEGORIES, evaluate

BATCH_SIZE = 5_000
PAIRS_BY_CATEGORY = {
    category: [(f, d) for f in range(1, 6) for d in range(1, 6) if evaluate(f, d) == category]
    for category in CATEGORIES
}
IMPORTANCE_BY_CATEGORY = {
    "M": (6, 9),
    "O": (5, 9),
    "A": (3, 8),
    "I": (1, 5),
    "R": (1, 4),
    "Q": (1, 9),
}
# Answer distributions of the standard touchpoint items: (values, (weights before, weights after
# an improvement)). The follow-up wave is better on purpose, so trend views have something to show.
SCALE_WEIGHTS: dict[str, tuple[tuple[int, ...], tuple[tuple[int, ...], tuple[int, ...]]]] = {
    "csat": ((1, 2, 3, 4, 5), ((8, 14, 30, 32, 16), (4, 8, 24, 38, 26))),
    "nps": (
        tuple(range(11)),
        ((3, 2, 3, 4, 5, 8, 12, 20, 20, 13, 10), (2, 1, 2, 3, 4, 6, 10, 18, 22, 17, 15)),
    ),
    "ces": ((1, 2, 3, 4, 5, 6, 7), ((6, 10, 14, 22, 22, 16, 10), (3, 6, 10, 18, 25, 22, 16))),
    "contacts": ((1, 2, 3, 4, 5), ((40, 30, 16, 9, 5), (55, 27, 11, 5, 2))),
}
CHANNEL_MIX = ("phone", "phone", "phone", "email", "email", "web", "store", "portal", "chat")


@dataclass(frozen=True)
class SampleSpec:
    """Who answers in one wave: the group, how many, and each feature's category mix."""

    wave: Wave
    group: str
    count: int
    mixes: Mapping[str, Mapping[str, float]]
    improved: bool = False
    location_id: int | None = None
    """The branch the respondents answered for (results by location); None: no location."""


def insert_kano_responses(
    version_id: int, items: Sequence[Item], spec: SampleSpec, rng: random.Random
) -> int:
    """Insert ``spec.count`` responses with one answer pair per feature; returns the count."""
    inserted = 0
    for batch in _batches(spec.count):
        rows = [_response_row(version_id, spec, rng) for _ in range(batch)]
        ids = db.session.scalars(
            insert(Response).returning(Response.id, sort_by_parameter_order=True), rows
        ).all()
        features = [item for item in items if item.item_type == "kano_feature"]
        scales = [item for item in items if item.item_type in SCALE_WEIGHTS]
        pairs = [
            _answer_row(response_id, item, spec.mixes[item.key], rng)
            for response_id in ids
            for item in features
        ]
        db.session.execute(insert(KanoAnswer), pairs)
        if scales:
            others = [
                _scale_row(response_id, item, spec.improved, rng)
                for response_id in ids
                for item in scales
            ]
            db.session.execute(insert(Answer), others)
        inserted += batch
    return inserted


def _batches(total: int) -> Iterator[int]:
    while total > 0:
        size = min(BATCH_SIZE, total)
        yield size
        total -= size


def _response_row(version_id: int, spec: SampleSpec, rng: random.Random) -> dict:
    submission_id = uuid.UUID(int=rng.getrandbits(128), version=4).hex
    opens = spec.wave.opens_at or datetime.now()
    closes = spec.wave.closes_at or opens + timedelta(days=28)
    submitted = opens + (closes - opens) * rng.random()
    return {
        "submission_id": submission_id,
        "content_hash": hashlib.sha256(submission_id.encode()).hexdigest(),
        "version_id": version_id,
        "wave_id": spec.wave.id,
        "respondent_group": spec.group,
        "location_id": spec.location_id,
        "submitted_at": submitted,
    }


def _scale_row(response_id: int, item: Item, improved: bool, rng: random.Random) -> dict:
    values, weights = SCALE_WEIGHTS[item.item_type]
    number = rng.choices(values, weights=weights[int(improved)])[0]
    channels = None
    if item.item_type == "contacts":
        channels = ",".join(sorted({rng.choice(CHANNEL_MIX) for _ in range(number)}))
    return {"response_id": response_id, "item_id": item.id, "number": number, "text": channels}


def _answer_row(response_id: int, item: Item, mix: Mapping[str, float], rng: random.Random) -> dict:
    category = rng.choices(list(mix), weights=list(mix.values()))[0]
    functional, dysfunctional = rng.choice(PAIRS_BY_CATEGORY[category])
    importance = rng.randint(*IMPORTANCE_BY_CATEGORY[category]) if item.asks_importance else None
    return {
        "response_id": response_id,
        "item_id": item.id,
        "functional": functional,
        "dysfunctional": dysfunctional,
        "importance": importance,
    }
