"""Kano results per feature: counts from one SQL GROUP BY, scored by :mod:`surveyor.scoring.kano`.

The database groups the answer pairs by wave, item, functional answer, dysfunctional answer and
importance, which is at most a few hundred rows per feature however many people answered; only
those rows reach Python. A feature is matched across the versions of an instrument by its
``Item.key``, which :func:`surveyor.services.instruments.instruments.new_draft` copies, so a
reworded question in version 2 still adds up with its answers to version 1.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import BigInteger, cast, func, select

from surveyor.extensions import db
from surveyor.models import Instrument, InstrumentVersion, Item, KanoAnswer, Response, Wave
from surveyor.scoring import kano
from surveyor.services.locations import wave_cache

RESULT_GROUPS = ("customer", "employee")
"""Respondent groups a Kano result can be filtered by; ``None`` means everybody."""

PairRow = tuple[int, str, int, int, int | None, int]
"""(wave id, feature key, functional, dysfunctional, importance, count)."""


@dataclass(frozen=True)
class FeatureResult:
    """Everything the results table, the chart and the export show for one feature."""

    key: str
    text: str
    position: int
    n: int
    kano: kano.KanoResult
    continuous: kano.ContinuousResult | None
    weighted: kano.ContinuousResult | None
    """Continuous analysis weighted by self-stated importance; ``None`` when none was given."""
    importance_mean: float | None
    importance_n: int


@dataclass(frozen=True)
class FeatureGap:
    """One feature as employees believe it and as customers experience it."""

    key: str
    text: str
    customers: FeatureResult
    employees: FeatureResult
    category_differs: bool
    distance: float | None
    """Euclidean distance of the two (better, worse) points; ``None`` when one side is empty."""

    @property
    def comparable(self) -> bool:
        return self.distance is not None


@dataclass(frozen=True)
class _Feature:
    key: str
    text: str
    position: int


def feature_results(
    instrument: Instrument, wave: Wave, group: str | None = None, locale: str = "en"
) -> list[FeatureResult]:
    """Scored features of one wave, in questionnaire order; unanswered features have n = 0."""
    return results_by_wave(instrument, [wave.id], group, locale)[wave.id]


def results_by_wave(
    instrument: Instrument,
    wave_ids: Sequence[int],
    group: str | None = None,
    locale: str = "en",
) -> dict[int, list[FeatureResult]]:
    """Scored features for several waves with a single GROUP BY (trend views use this)."""
    features, key_of = _features(instrument.id, locale)
    rows_by: dict[tuple[int, str], list[PairRow]] = defaultdict(list)
    for wave_id, item_id, *pair in _grouped(instrument.id, wave_ids, group):
        key = key_of[item_id]
        rows_by[wave_id, key].append((wave_id, key, *pair))
    return {
        wave_id: [_score(feature, rows_by.get((wave_id, feature.key), [])) for feature in features]
        for wave_id in wave_ids
    }


def pair_counts(instrument_id: int, wave_ids: Sequence[int], group: str | None) -> list[PairRow]:
    """The GROUP BY rows with each item id replaced by its feature key."""
    key_of = dict(
        db.session.execute(
            select(Item.id, Item.key).where(Item.version_id.in_(_versions(instrument_id)))
        ).all()
    )
    return [
        (wave_id, key_of[item_id], *pair)
        for wave_id, item_id, *pair in _grouped(instrument_id, wave_ids, group)
    ]


def _grouped(instrument_id: int, wave_ids: Sequence[int], group: str | None) -> list[tuple]:
    """The GROUP BY itself: answer pairs counted per wave, item and importance.

    Grouping by ``item_id`` (not by the joined key) keeps the join to ``item`` out of the
    million-row part of the query; item ids are mapped to their keys afterwards. Item,
    functional, dysfunctional and importance are packed into one integer (answers and
    importance are single digits): SQLite sorts to group, and comparing one integer instead of
    four columns cuts a third off the time for a million pairs (see benchmarks/kano_scoring.py).
    """
    if group is not None and group not in RESULT_GROUPS:
        raise ValueError(f"unknown respondent group {group!r}")
    if not wave_ids:
        return []
    stored: set[int] = set()
    if group == "customer":  # closed waves' customer answers are kept counted (wave_cache)
        stored = wave_cache.fresh_waves(wave_ids)
    found = wave_cache.kano_pairs(sorted(stored), _feature_item_ids(instrument_id))
    wave_ids = [wave_id for wave_id in wave_ids if wave_id not in stored]
    if not wave_ids:
        return found
    packed = (
        cast(KanoAnswer.item_id, BigInteger) * 1000
        + KanoAnswer.functional * 100
        + KanoAnswer.dysfunctional * 10
        + func.coalesce(KanoAnswer.importance, 0)
    ).label("packed")
    query = (
        select(Response.wave_id, packed, func.count())
        .select_from(KanoAnswer)
        .join(Response, KanoAnswer.response_id == Response.id)
        .where(
            Response.wave_id.in_(list(wave_ids)),
            Response.version_id.in_(_versions(instrument_id)),
        )
        .group_by(Response.wave_id, packed)
    )
    if group is not None:
        query = query.where(Response.respondent_group == group)
    return found + [(wave_id, *_unpack(key), n) for wave_id, key, n in db.session.execute(query)]


def _feature_item_ids(instrument_id: int) -> list[int]:
    return list(
        db.session.scalars(
            select(Item.id).where(
                Item.version_id.in_(_versions(instrument_id)), Item.item_type == "kano_feature"
            )
        )
    )


def _unpack(key: int) -> tuple[int, int, int, int | None]:
    item_id, rest = divmod(key, 1000)
    functional, rest = divmod(rest, 100)
    dysfunctional, importance = divmod(rest, 10)
    return item_id, functional, dysfunctional, importance or None


def _versions(instrument_id: int):
    return select(InstrumentVersion.id).where(InstrumentVersion.instrument_id == instrument_id)


def responses_per_wave(instrument_id: int) -> dict[int, dict[str, int]]:
    """How many responses each wave has per respondent group, for wave pickers and defaults."""
    rows = db.session.execute(
        select(Response.wave_id, Response.respondent_group, func.count())
        .where(Response.version_id.in_(_versions(instrument_id)))
        .group_by(Response.wave_id, Response.respondent_group)
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for wave_id, group, n in rows:
        counts[wave_id][group] = n
    return dict(counts)


def feature_gaps(instrument: Instrument, wave: Wave, locale: str = "en") -> list[FeatureGap]:
    """Employees against customers, the features where they disagree most first.

    Order: features whose Kano category differs, then by the distance between the two
    better/worse points (Berger et al. 1993 coefficients), largest first; features that one
    group has not answered come last, in questionnaire order.
    """
    customers = feature_results(instrument, wave, "customer", locale)
    employees = feature_results(instrument, wave, "employee", locale)
    gaps = [_gap(c, e) for c, e in zip(customers, employees, strict=True)]
    return sorted(
        gaps,
        key=lambda g: (not g.comparable, not g.category_differs, -(g.distance or 0.0)),
    )


def _gap(customers: FeatureResult, employees: FeatureResult) -> FeatureGap:
    c, e = customers.kano, employees.kano
    distance = None
    if None not in (c.better, c.worse, e.better, e.worse):
        distance = math.hypot(c.better - e.better, c.worse - e.worse)
    return FeatureGap(
        key=customers.key,
        text=customers.text,
        customers=customers,
        employees=employees,
        category_differs=bool(c.n and e.n and c.category != e.category),
        distance=distance,
    )


def _score(feature: _Feature, rows: list[PairRow]) -> FeatureResult:
    pairs = [(f, d, importance, n) for _, _, f, d, importance, n in rows]
    rated = [(importance, n) for _, _, importance, n in pairs if importance is not None]
    importance_n = sum(n for _, n in rated)
    result = kano.analyze(kano.counts_from_pairs((f, d, n) for f, d, _, n in pairs))
    return FeatureResult(
        key=feature.key,
        text=feature.text,
        position=feature.position,
        n=result.n,
        kano=result,
        continuous=kano.continuous(pairs),
        weighted=kano.continuous(pairs, weighted=True) if importance_n else None,
        importance_mean=(
            sum(importance * n for importance, n in rated) / importance_n if importance_n else None
        ),
        importance_n=importance_n,
    )


def _features(instrument_id: int, locale: str) -> tuple[list[_Feature], dict[int, str]]:
    """Each feature key once, worded and ordered as in the newest version that has it.

    Features of the newest version come first in its order; features dropped in a later
    version follow, so their earlier answers stay visible. Also returns the key of every
    feature item id of every version.
    """
    rows = db.session.execute(
        select(Item, InstrumentVersion.number)
        .join(InstrumentVersion, Item.version_id == InstrumentVersion.id)
        .where(
            InstrumentVersion.instrument_id == instrument_id,
            Item.item_type == "kano_feature",
        )
        .order_by(InstrumentVersion.number.desc(), Item.position)
    ).all()
    newest: dict[str, tuple[Item, int]] = {}
    for item, number in rows:
        newest.setdefault(item.key, (item, number))
    ordered = sorted(newest.values(), key=lambda pair: (-pair[1], pair[0].position))
    features = [
        _Feature(item.key, item.text(locale), position)
        for position, (item, _number) in enumerate(ordered, start=1)
    ]
    return features, {item.id: item.key for item, _number in rows}


def feature_names(instrument: Instrument, locale: str = "en") -> list[tuple[str, str]]:
    """``(key, text)`` of each feature, worded and ordered as in its newest version."""
    return [(feature.key, feature.text) for feature in _features(instrument.id, locale)[0]]
