"""The two GROUP BYs behind the scorecard: shopper compliance and Kano answers per location.

Compliance of a checklist item is the share of applicable answers of approved shops that
delivered it: full points for a scored item, "yes" for an unscored yes/no item. Not-applicable
answers count on neither side.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import and_, case, func, or_, select, tuple_

from surveyor.extensions import db
from surveyor.models import (
    Answer,
    Assignment,
    FeatureLink,
    InstrumentVersion,
    Item,
    KanoAnswer,
    Location,
    Response,
)
from surveyor.scoring import kano


def compliance(
    links: Sequence[FeatureLink], wave_id: int
) -> dict[tuple[int, str, int], tuple[int, int]]:
    """``{(kano instrument, kano key, location id): (delivered, applicable)}`` in one wave."""
    if not links:
        return {}
    feature_of = {
        (link.checklist_instrument_id, link.checklist_key): (link.kano_instrument_id, link.kano_key)
        for link in links
    }
    delivered = or_(
        and_(Item.points > 0, Answer.earned >= Item.points),
        and_(Item.points <= 0, Item.item_type == "yes_no", Answer.number == 1),
    )
    query = (
        select(
            Assignment.instrument_id,
            Item.key,
            Assignment.location_id,
            func.count(),
            func.sum(case((delivered, 1), else_=0)),
        )
        .select_from(Assignment)
        .join(Answer, Answer.response_id == Assignment.response_id)
        .join(Item, Item.id == Answer.item_id)
        .join(Location, Location.id == Assignment.location_id)
        .where(
            Assignment.status == "approved",
            Assignment.wave_id == wave_id,
            Location.is_competitor.is_(False),
            Answer.not_applicable.is_(False),
            or_(Answer.earned.is_not(None), Answer.number.is_not(None)),
            tuple_(Assignment.instrument_id, Item.key).in_(list(feature_of)),
        )
        .group_by(Assignment.instrument_id, Item.key, Assignment.location_id)
    )
    found: dict = defaultdict(lambda: [0, 0])
    for instrument_id, key, location_id, applicable, yes in db.session.execute(query):
        total = found[(*feature_of[instrument_id, key], location_id)]
        total[0] += int(yes or 0)
        total[1] += applicable
    return {key: (yes, n) for key, (yes, n) in found.items()}


def kano_by_location(
    instrument_ids: Sequence[int], wave_id: int
) -> dict[tuple[int, str, int], kano.KanoResult]:
    """``{(instrument, feature key, location id): result}`` of customers' answers."""
    if not instrument_ids:
        return {}
    query = (
        select(
            InstrumentVersion.instrument_id,
            Item.key,
            Response.location_id,
            KanoAnswer.functional,
            KanoAnswer.dysfunctional,
            func.count(),
        )
        .select_from(KanoAnswer)
        .join(Response, KanoAnswer.response_id == Response.id)
        .join(Item, Item.id == KanoAnswer.item_id)
        .join(InstrumentVersion, InstrumentVersion.id == Item.version_id)
        .where(
            InstrumentVersion.instrument_id.in_(list(instrument_ids)),
            Response.wave_id == wave_id,
            Response.respondent_group == "customer",
            Response.location_id.is_not(None),
        )
        .group_by(
            InstrumentVersion.instrument_id,
            Item.key,
            Response.location_id,
            KanoAnswer.functional,
            KanoAnswer.dysfunctional,
        )
    )
    pairs: dict = defaultdict(list)
    for instrument_id, key, location_id, functional, dysfunctional, n in db.session.execute(query):
        pairs[instrument_id, key, location_id].append((functional, dysfunctional, n))
    return {key: kano.analyze(kano.counts_from_pairs(rows)) for key, rows in pairs.items()}
