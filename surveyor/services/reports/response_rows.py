"""Responses as one row each with one column per item, streamed from the database in chunks.

Answers are stored one row per (response, item), four million rows for 100,000 responses x 40
items. The database groups them by response over one key range of responses at a time (keyset
pagination on ``response.id`` keeps each query on the primary-key index and the memory flat,
whatever the size of the project); see :class:`_Slots` for how the groups become columns. No ORM
object is built per answer or per response, and the rows are never held in a list: the workbook
writer (:mod:`surveyor.export.sheets.responses`) pulls them one by one while it streams the sheet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, case, cast, func, select

from surveyor.export.content import KANO_PARTS, OnChunk, ResponseColumn, ResponseSheet
from surveyor.export.safety import safe_cell
from surveyor.extensions import db
from surveyor.labels import localized
from surveyor.models import Answer, Instrument, InstrumentVersion, Item, KanoAnswer, Response
from surveyor.services.reports.scope import ExportContext
from surveyor.services.shops.shop_visibility import in_unapproved_shop
from surveyor.services.surveys.kano_answers import IMPORTANCE_RANGE, SCALES

CHUNK = 2_000
TEXT_TYPES = frozenset({"comment", "text", "photo", "datetime", "choice"})


@dataclass(frozen=True)
class ResponsePlan:
    versions: dict[int, InstrumentVersion]
    columns: list[ResponseColumn]

    @property
    def version_ids(self) -> list[int]:
        return list(self.versions)


PART_LABELS = {
    "functional": _l("functional"),
    "dysfunctional": _l("dysfunctional"),
    "importance": _l("importance"),
    "channels": _l("channels"),
}


def response_sheet(context: ExportContext) -> ResponseSheet:
    """The Responses sheet of ``context``: its columns, how many rows, and the rows to come."""
    plan = plan_responses(context)
    return ResponseSheet(
        plan.columns,
        count_responses(context, plan),
        lambda on_chunk=None: response_rows(context, plan, on_chunk),
    )


def plan_responses(context: ExportContext) -> ResponsePlan:
    """The versions in scope and the item columns, in journey order, then question order."""
    versions = list(
        db.session.scalars(
            select(InstrumentVersion)
            .join(Instrument)
            .where(Instrument.touchpoint_id.in_(context.touchpoint_ids))
            .order_by(Instrument.id, InstrumentVersion.number)
        )
    )
    touchpoint_order = {tid: index for index, tid in enumerate(context.touchpoint_ids)}
    versions.sort(key=lambda v: (touchpoint_order[v.instrument.touchpoint_id], v.instrument_id))
    several = len({version.instrument_id for version in versions}) > 1
    by_key: dict[tuple[int, str], list[Item]] = {}
    for version in versions:
        for item in version.items:
            by_key.setdefault((version.instrument_id, item.key), []).append(item)
    ordered = sorted(
        by_key.values(),
        key=lambda items: (
            [v.instrument_id for v in versions].index(items[-1].version.instrument_id),
            items[-1].position,
        ),
    )
    columns: list[ResponseColumn] = []
    for items in ordered:
        newest = items[-1]
        instrument = newest.version.instrument
        ids = tuple(item.id for item in items)
        prefix = f"{instrument.name}: " if several else ""
        for part in _parts(items):
            label = str(PART_LABELS.get(part, ""))
            header = f"{prefix}{newest.key}" + (f" ({label})" if label else "")
            columns.append(_column(context, newest, part, ids, safe_cell(header)))
    return ResponsePlan({version.id: version for version in versions}, columns)


def _column(
    context: ExportContext, item: Item, part: str, ids: tuple[int, ...], header: str
) -> ResponseColumn:
    """The column with the newest version's wording, for the Codebook."""
    instrument = item.version.instrument
    options = (item.settings or {}).get("options") if item.item_type == "choice" else None
    return ResponseColumn(
        header=header,
        part=part,
        item_ids=ids,
        touchpoint=localized(instrument.touchpoint),
        instrument=instrument.name,
        key=item.key,
        item_type=item.item_type,
        section=localized(item, "section"),
        text=item.text(context.lang),
        dysfunctional_text=item.negative_text(context.lang) if part == "dysfunctional" else None,
        options=tuple(options or ()),
        value_range=_value_range(item, part),
    )


def _value_range(item: Item, part: str) -> tuple[int, int] | None:
    if part == "importance":
        return IMPORTANCE_RANGE
    if item.item_type in SCALES:
        return SCALES[item.item_type]
    if item.item_type == "scale":
        settings = item.settings or {}
        return settings.get("min", 1), settings.get("max", 5)
    return None


def _parts(items: list[Item]) -> tuple[str, ...]:
    item_type = items[-1].item_type
    if item_type == "kano_feature":
        if any(item.asks_importance for item in items):
            return KANO_PARTS
        return KANO_PARTS[:2]
    if item_type == "contacts":
        return ("number", "channels")
    if item_type in TEXT_TYPES:
        return ("text",)
    return ("number",)


def count_responses(context: ExportContext, plan: ResponsePlan) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Response).where(*_filters(context, plan))
    )


def response_rows(
    context: ExportContext,
    plan: ResponsePlan,
    on_chunk: OnChunk | None = None,
    chunk: int = CHUNK,
) -> Iterator[list]:
    """Yield one list per response: the meta columns, then one value per plan column."""
    if not plan.versions or not context.wave_ids:
        return
    waves = {wave.id: safe_cell(wave.label) for wave in context.waves}
    versions = {
        version_id: (
            safe_cell(localized(version.instrument.touchpoint)),
            safe_cell(version.instrument.name),
            version.number,
        )
        for version_id, version in plan.versions.items()
    }
    locations = {lid: safe_cell(location.name) for lid, location in context.locations.items()}
    groups: dict[str, str] = {}
    slots = _Slots(plan)
    done, last_id = 0, None
    while True:
        ids = _next_ids(context, plan, last_id, chunk)
        if not ids:
            return
        for row in db.session.execute(_pivot(context, plan, slots, ids[0], ids[-1])):
            response_id, version_id, wave_id, group, location_id, submitted_at = row[:6]
            touchpoint, instrument, number = versions[version_id]
            if group not in groups:
                groups[group] = safe_cell(context.group_label(group))
            yield [
                response_id,
                touchpoint,
                instrument,
                number,
                waves[wave_id],
                groups[group],
                locations.get(location_id),
                submitted_at,
                *slots.values(row[6], row[7], row[8:]),
            ]
        done += len(ids)
        last_id = ids[-1]
        if on_chunk is not None:
            on_chunk(done)


class _Slots:
    """Where each answer goes in the row, and how the aggregated strings are taken apart.

    Numbers are aggregated per response into one string, ``item:value,item:value`` (Kano:
    ``item:functional:dysfunctional:importance``), so the database evaluates one aggregate per
    answer instead of one CASE per answer and column; texts, which may contain the separators,
    are pivoted with ``MAX(CASE ...)`` as there are few of them.
    """

    def __init__(self, plan: ResponsePlan) -> None:
        self.width = len(plan.columns)
        self.kano: dict[str, list[int | None]] = {}
        self.numbers: dict[str, int] = {}
        self.texts: list[ResponseColumn] = []
        self.text_positions: list[int] = []
        for position, column in enumerate(plan.columns):
            for item_id in column.item_ids:
                if column.is_kano:
                    parts = self.kano.setdefault(str(item_id), [None, None, None])
                    parts[KANO_PARTS.index(column.part)] = position
                elif column.part == "number":
                    self.numbers[str(item_id)] = position
            if column.is_text:
                self.texts.append(column)
                self.text_positions.append(position)

    def values(self, kano: str | None, numbers: str | None, texts) -> list:
        row: list = [None] * self.width
        if kano:
            for entry in kano.split(","):
                item, functional, dysfunctional, importance = entry.split(":")
                slots = self.kano.get(item)
                if slots is None:
                    continue
                f_at, d_at, i_at = slots
                row[f_at] = _DIGITS[functional]
                row[d_at] = _DIGITS[dysfunctional]
                if i_at is not None and importance:
                    row[i_at] = _DIGITS[importance]
        if numbers:
            for entry in numbers.split(","):
                item, value = entry.split(":")
                at = self.numbers.get(item)
                if at is not None:
                    number = float(value)
                    row[at] = int(number) if number.is_integer() else number
        for at, text in zip(self.text_positions, texts, strict=True):
            if text is not None:
                row[at] = safe_cell(text)
        return row


_DIGITS = {str(digit): digit for digit in range(10)}


def _filters(context: ExportContext, plan: ResponsePlan) -> list:
    """The scope's responses; shops only once approved, as in every other sheet (the workbook
    goes to the client)."""
    return [
        Response.version_id.in_(plan.version_ids),
        Response.wave_id.in_(context.wave_ids),
        ~in_unapproved_shop(Response.id),
    ]


def _next_ids(context, plan, last_id: int | None, chunk: int) -> list[int]:
    query = select(Response.id).where(*_filters(context, plan)).order_by(Response.id).limit(chunk)
    if last_id is not None:
        query = query.where(Response.id > last_id)
    return list(db.session.scalars(query))


def _pivot(context: ExportContext, plan: ResponsePlan, slots: _Slots, low: int, high: int):
    """One query for responses ``low..high``: meta columns joined to the aggregated answers."""
    kano = (
        select(
            KanoAnswer.response_id.label("response_id"),
            func.aggregate_strings(
                _text(KanoAnswer.item_id)
                + ":"
                + _text(KanoAnswer.functional)
                + ":"
                + _text(KanoAnswer.dysfunctional)
                + ":"
                + func.coalesce(_text(KanoAnswer.importance), ""),
                ",",
            ).label("pairs"),
        )
        .where(KanoAnswer.response_id.between(low, high))
        .group_by(KanoAnswer.response_id)
        .subquery()
    )
    answers = (
        select(
            Answer.response_id.label("response_id"),
            func.aggregate_strings(_text(Answer.item_id) + ":" + _text(Answer.number), ",").label(
                "numbers"
            ),
            *(
                func.max(case((Answer.item_id.in_(column.item_ids), Answer.text))).label(
                    f"t{index}"
                )
                for index, column in enumerate(slots.texts)
            ),
        )
        .where(Answer.response_id.between(low, high))
        .group_by(Answer.response_id)
        .subquery()
    )
    joined = Response.__table__.outerjoin(kano, kano.c.response_id == Response.id).outerjoin(
        answers, answers.c.response_id == Response.id
    )
    return (
        select(
            Response.id,
            Response.version_id,
            Response.wave_id,
            Response.respondent_group,
            Response.location_id,
            Response.submitted_at,
            kano.c.pairs,
            answers.c.numbers,
            *(answers.c[f"t{index}"] for index in range(len(slots.texts))),
        )
        .select_from(joined)
        .where(Response.id.between(low, high), *_filters(context, plan))
        .order_by(Response.id)
    )


def _text(column):
    return cast(column, String)
