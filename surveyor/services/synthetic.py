"""Plausible synthetic Kano responses, inserted in bulk, for demos and benchmarks.

Each feature gets a "true" category mix per wave and respondent group; a respondent draws a
category from that mix and then one of the answer pairs that the Kano evaluation table maps to it,
so the scored results reproduce the intended mix within sampling noise.

Why a bulk insert next to the survey's use case: the demo sends its answers through
:func:`~surveyor.services.surveys.submissions.take_kano` (``surveyor/demo/answers.py``), but one
checked submission costs about twenty rows inserted here (400 responses: 0.07 s of CPU here,
1.25 s through ``take_kano``, 2.0 s through ``submit_kano`` with its commit per response, on
SQLite), and the demo's largest sizes, the benchmarks and the tests need up to millions of
answers. :func:`draw_respondents` draws each respondent as the form fields it would send, so
both ways store the same answers.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

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


@dataclass(frozen=True)
class Respondent:
    """One synthetic respondent: when they answered, and the form fields they sent."""

    submission_id: str
    submitted_at: datetime
    fields: dict[str, dict[str, Any]]
    """Item key -> the fields the survey form sends (see ``surveys/kano_answers.py``)."""


def insert_kano_responses(
    version_id: int, items: Sequence[Item], spec: SampleSpec, rng: random.Random
) -> int:
    """Insert ``spec.count`` responses with one answer pair per feature; returns the count."""
    return sum(
        insert_respondents(version_id, items, spec, batch)
        for batch in draw_respondents(items, spec, rng)
    )


def draw_respondents(
    items: Sequence[Item], spec: SampleSpec, rng: random.Random
) -> Iterator[list[Respondent]]:
    """The ``spec.count`` respondents, in batches; the same seed draws the same answers."""
    features = [item for item in items if item.item_type == "kano_feature"]
    scales = [item for item in items if item.item_type in SCALE_WEIGHTS]
    for batch in _batches(spec.count):
        stamps = [_stamp(spec, rng) for _ in range(batch)]
        pairs = [[_pair(item, spec.mixes[item.key], rng) for item in features] for _ in stamps]
        others = [[_scale(item, spec.improved, rng) for item in scales] for _ in stamps]
        yield [
            Respondent(
                submission_id,
                submitted_at,
                {
                    **{item.key: pair for item, pair in zip(features, drawn_pairs, strict=True)},
                    **{item.key: value for item, value in zip(scales, drawn_others, strict=True)},
                },
            )
            for (submission_id, submitted_at), drawn_pairs, drawn_others in zip(
                stamps, pairs, others, strict=True
            )
        ]


def insert_respondents(
    version_id: int, items: Sequence[Item], spec: SampleSpec, respondents: Sequence[Respondent]
) -> int:
    """Insert drawn respondents in bulk, without the checks of a real submission."""
    if not respondents:
        return 0
    rows = [_response_row(version_id, spec, respondent) for respondent in respondents]
    ids = db.session.scalars(
        insert(Response).returning(Response.id, sort_by_parameter_order=True), rows
    ).all()
    features = [item for item in items if item.item_type == "kano_feature"]
    scales = [item for item in items if item.item_type in SCALE_WEIGHTS]
    pairs = [
        {"response_id": response_id, "item_id": item.id, **respondent.fields[item.key]}
        for response_id, respondent in zip(ids, respondents, strict=True)
        for item in features
    ]
    db.session.execute(insert(KanoAnswer), pairs)
    if scales:
        others = [
            _scale_row(response_id, item, respondent.fields[item.key])
            for response_id, respondent in zip(ids, respondents, strict=True)
            for item in scales
        ]
        db.session.execute(insert(Answer), others)
    return len(rows)


def _batches(total: int) -> Iterator[int]:
    while total > 0:
        size = min(BATCH_SIZE, total)
        yield size
        total -= size


def _stamp(spec: SampleSpec, rng: random.Random) -> tuple[str, datetime]:
    """A submission id and a moment within the wave's field period."""
    submission_id = uuid.UUID(int=rng.getrandbits(128), version=4).hex
    opens = spec.wave.opens_at or datetime.now()
    closes = spec.wave.closes_at or opens + timedelta(days=28)
    return submission_id, opens + (closes - opens) * rng.random()


def _response_row(version_id: int, spec: SampleSpec, respondent: Respondent) -> dict:
    return {
        "submission_id": respondent.submission_id,
        "content_hash": hashlib.sha256(respondent.submission_id.encode()).hexdigest(),
        "version_id": version_id,
        "wave_id": spec.wave.id,
        "respondent_group": spec.group,
        "location_id": spec.location_id,
        "submitted_at": respondent.submitted_at,
    }


def _scale(item: Item, improved: bool, rng: random.Random) -> dict[str, Any]:
    values, weights = SCALE_WEIGHTS[item.item_type]
    number = rng.choices(values, weights=weights[int(improved)])[0]
    if item.item_type != "contacts":
        return {"number": number}
    return {"number": number, "channels": sorted({rng.choice(CHANNEL_MIX) for _ in range(number)})}


def _scale_row(response_id: int, item: Item, fields: dict[str, Any]) -> dict:
    channels = ",".join(fields["channels"]) if "channels" in fields else None
    return {
        "response_id": response_id,
        "item_id": item.id,
        "number": fields["number"],
        "text": channels,
    }


def _pair(item: Item, mix: Mapping[str, float], rng: random.Random) -> dict[str, Any]:
    category = rng.choices(list(mix), weights=list(mix.values()))[0]
    functional, dysfunctional = rng.choice(PAIRS_BY_CATEGORY[category])
    importance = rng.randint(*IMPORTANCE_BY_CATEGORY[category]) if item.asks_importance else None
    return {"functional": functional, "dysfunctional": dysfunctional, "importance": importance}
