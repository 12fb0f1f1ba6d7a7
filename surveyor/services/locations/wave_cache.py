"""Counts of closed waves kept per location, so results at a million responses stay fast.

Results are read far more often than written, and a closed wave takes no new answers. The
first reading of a closed wave stores its GROUP BY counts (responses, scale answers, Kano
pairs per location) with ``INSERT ... SELECT`` in the database; later readings use those few
thousand rows. The stored counts are used only while the wave is still closed and its newest
response is the one they were made up to (one probe of the ``(wave_id, id)`` index per wave);
otherwise they are made again. An erasure of personal data drops them (:func:`forget`), and so
does any flush that edits or deletes a counted answer of a wave already counted
(:func:`_drop_counts_of_edited_answers`): no product path edits customer answers today, but the
next one must not leave a closed wave's figures silently out of date.
Mystery-shop checklist scores are not kept here: a late review changes them, and they are few
enough to count live.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Integer, cast, delete, event, func, insert, inspect, null, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from surveyor import database
from surveyor.extensions import db
from surveyor.models import Answer, Item, KanoAnswer, LocationTally, Response, Wave, WaveTally

_COLUMNS = ("wave_id", "location_id", "item_id", "first", "second", "third", "count")
_READ = ("wave_id", "location_id", "item_id", "first", "second", "count")


def fresh_waves(wave_ids: Sequence[int]) -> set[int]:
    """The closed waves among ``wave_ids`` whose stored counts are current, making them first
    where they are missing or stale."""
    newest = select(func.max(Response.id)).where(Response.wave_id == Wave.id).scalar_subquery()
    closed = db.session.execute(
        select(Wave.id, newest, WaveTally.last_response_id)
        .outerjoin(WaveTally, WaveTally.wave_id == Wave.id)
        .where(Wave.id.in_(list(wave_ids)), Wave.status == "closed")
    ).all()
    fresh = set()
    may_write = not database.in_declared_read_only()  # an export's snapshot only reads
    for wave_id, last_id, stored_id in closed:
        if stored_id == (last_id or 0) or (may_write and _refresh(wave_id, last_id or 0)):
            fresh.add(wave_id)
    return fresh


def forget(response_ids: Sequence[int]) -> None:
    """Drop the stored counts of the waves these responses belong to (before deleting them:
    removing an older response leaves the newest in place, so it would go unnoticed)."""
    if response_ids:
        waves = select(Response.wave_id).where(Response.id.in_(list(response_ids)))
        db.session.execute(delete(WaveTally).where(WaveTally.wave_id.in_(waves)))


_COUNTED_FIELDS = {
    Response: ("wave_id", "location_id", "respondent_group"),
    Answer: ("response_id", "item_id", "number"),
    KanoAnswer: ("response_id", "item_id", "functional", "dysfunctional", "importance"),
}
"""The columns the stored counts are made of, per model: a change to any other column (a free
text blanked by retention, a checklist's points) leaves the counts true."""


@event.listens_for(Session, "before_flush")
def _drop_counts_of_edited_answers(session: Session, _context, _instances) -> None:
    """Drop the stored counts of every wave whose counted answers this flush edits or deletes.

    Runs on every flush but costs nothing unless a response or answer object is dirty or
    deleted. Bulk ``UPDATE``/``DELETE`` statements bypass the ORM and must call
    :func:`forget` themselves, as the erasure does.
    """
    waves: set[int] = set()
    responses: set[int] = set()
    for obj, deleted in [(obj, False) for obj in session.dirty] + [
        (obj, True) for obj in session.deleted
    ]:
        fields = _COUNTED_FIELDS.get(type(obj))
        if fields is None:
            continue
        state = inspect(obj)
        changed = [state.attrs[name].history for name in fields]
        if not deleted and not any(history.has_changes() for history in changed):
            continue
        key = "wave_id" if isinstance(obj, Response) else "response_id"
        history = state.attrs[key].history
        target = waves if key == "wave_id" else responses
        target.update(value for value in (*history.unchanged, *history.deleted, *history.added))
    if not waves and not responses:
        return
    connection = session.connection()
    if responses:
        owners = select(Response.wave_id).where(Response.id.in_(responses))
        waves.update(connection.execute(owners).scalars())
    waves.discard(None)
    if waves:
        connection.execute(delete(WaveTally).where(WaveTally.wave_id.in_(waves)))


def rows(wave_ids: Sequence[int], item_ids: Sequence[int]) -> list[tuple]:
    """The stored counts of ``wave_ids``: (wave, location, item, first, second, count), of
    the responses and of the answers to ``item_ids`` only."""
    if not wave_ids:
        return []
    columns = [getattr(LocationTally, name) for name in _READ]
    query = select(*columns[:-1], func.sum(LocationTally.count)).where(
        LocationTally.wave_id.in_(list(wave_ids)),
        or_(LocationTally.item_id.is_(None), LocationTally.item_id.in_(list(item_ids))),
    )
    return db.session.connection().execute(query.group_by(*columns[:-1])).all()


def kano_pairs(wave_ids: Sequence[int], item_ids: Sequence[int]) -> list[tuple]:
    """Stored Kano pairs of ``item_ids`` summed over locations, in the shape of
    :func:`surveyor.services.results.kano_results.pair_counts` rows with item ids:
    (wave, item, functional, dysfunctional, importance, count)."""
    if not wave_ids or not item_ids:
        return []
    keys = (
        LocationTally.wave_id,
        LocationTally.item_id,
        LocationTally.first,
        LocationTally.second,
        LocationTally.third,
    )
    query = (
        select(*keys, func.sum(LocationTally.count))
        .where(LocationTally.wave_id.in_(list(wave_ids)), LocationTally.item_id.in_(list(item_ids)))
        .group_by(*keys)
    )
    return [tuple(row) for row in db.session.connection().execute(query)]


def scale_answers(wave_ids: Sequence[int], item_ids: Sequence[int]) -> list[tuple]:
    """Stored answers to scale items summed over locations: (item, wave, value, count)."""
    if not wave_ids or not item_ids:
        return []
    keys = (LocationTally.item_id, LocationTally.wave_id, LocationTally.first)
    query = (
        select(*keys, func.sum(LocationTally.count))
        .where(LocationTally.wave_id.in_(list(wave_ids)), LocationTally.item_id.in_(list(item_ids)))
        .group_by(*keys)
    )
    return [tuple(row) for row in db.session.connection().execute(query)]


def _refresh(wave_id: int, last_response_id: int) -> bool:
    """Store the counts of one wave in a transaction of its own; False when another request
    stored them at the same moment (its counts are then the ones used next time)."""
    db.session.commit()
    db.session.execute(delete(LocationTally).where(LocationTally.wave_id == wave_id))
    db.session.execute(delete(WaveTally).where(WaveTally.wave_id == wave_id))
    target = [getattr(LocationTally, name) for name in _COLUMNS]
    for query in _grouped(wave_id):
        db.session.execute(insert(LocationTally).from_select(target, query))
    db.session.add(WaveTally(wave_id=wave_id, last_response_id=last_response_id))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


SCALE_TYPES = ("csat", "nps", "ces", "contacts")
"""The standard touchpoint questions whose answers are counted (as in trend_series)."""


def _grouped(wave_id: int) -> list:
    customer = (Response.wave_id == wave_id, Response.respondent_group == "customer")
    nothing = null().cast(Integer)
    responses = (
        select(
            Response.wave_id, Response.location_id, nothing, nothing, nothing, nothing, func.count()
        )
        .where(*customer)
        .group_by(Response.wave_id, Response.location_id)
    )
    value = cast(Answer.number, Integer)
    scales = (
        select(
            Response.wave_id,
            Response.location_id,
            Answer.item_id,
            value,
            nothing,
            nothing,
            func.count(),
        )
        .select_from(Answer)
        .join(Response, Answer.response_id == Response.id)
        .join(Item, Item.id == Answer.item_id)
        .where(*customer, Item.item_type.in_(SCALE_TYPES), Answer.number.is_not(None))
        .group_by(Response.wave_id, Response.location_id, Answer.item_id, value)
    )
    keys = (
        Response.wave_id,
        Response.location_id,
        KanoAnswer.item_id,
        KanoAnswer.functional,
        KanoAnswer.dysfunctional,
        KanoAnswer.importance,
    )
    pairs = (
        select(*keys, func.count())
        .select_from(KanoAnswer)
        .join(Response, KanoAnswer.response_id == Response.id)
        .where(*customer)
        .group_by(*keys)
    )
    return [responses, scales, pairs]
