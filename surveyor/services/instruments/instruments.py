"""Instrument versions: publishing freezes a version; later edits go into a new draft.

Every change goes through :func:`editable_draft`, which refuses to touch a published version, so
responses always point at the exact wording they answered.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from surveyor.database import committed
from surveyor.extensions import db
from surveyor.models import Instrument, InstrumentVersion, Item, Touchpoint, User
from surveyor.models.base import utcnow
from surveyor.services.privacy import audit
from surveyor.services.slugs import slugify

OPTIONAL_KANO_ITEMS = ("csat", "nps", "ces", "contacts", "comment", "follow_up")
OPTIONAL_ITEM_TEXTS = {
    "csat": (
        "Overall, how satisfied are you with this contact?",
        "Wie zufrieden sind Sie insgesamt mit diesem Kontakt?",
    ),
    "nps": (
        "How likely is it that you would recommend us to a friend or colleague?",
        "Wie wahrscheinlich ist es, dass Sie uns Freunden oder Kollegen empfehlen?",
    ),
    "ces": (
        "How easy was it to get your concern handled?",
        "Wie einfach war es, Ihr Anliegen zu erledigen?",
    ),
    "contacts": (
        "How many contacts did it take until your concern was resolved?",
        "Wie viele Kontakte waren nötig, bis Ihr Anliegen gelöst war?",
    ),
    "comment": (
        "Is there anything else you would like to tell us?",
        "Möchten Sie uns noch etwas mitteilen?",
    ),
    "follow_up": (
        "May we contact you about your answers?",
        "Dürfen wir Sie zu Ihren Antworten kontaktieren?",
    ),
}
ITEM_COPY_FIELDS = (
    "key",
    "position",
    "item_type",
    "section",
    "section_de",
    "text_en",
    "text_de",
    "negative_text_en",
    "negative_text_de",
    "instructions",
    "points",
    "kano_tag",
    "critical",
    "na_allowed",
    "required",
    "asks_importance",
    "settings",
)


class VersionFrozen(Exception):
    """A published version was about to change; callers create a new draft instead."""


class InstrumentIncomplete(ValueError):
    """The version cannot be published yet; the message says what is missing."""


def new_instrument(
    touchpoint: Touchpoint, kind: str, name: str
) -> tuple[Instrument, InstrumentVersion]:
    version = InstrumentVersion(number=1, status="draft")
    instrument = Instrument(touchpoint=touchpoint, kind=kind, name=name, versions=[version])
    db.session.add(instrument)
    return instrument, version


@committed
def save_instrument(touchpoint: Touchpoint, kind: str, name: str) -> Instrument:
    """The workspace's "new instrument": :func:`new_instrument`, saved at once."""
    return new_instrument(touchpoint, kind, name)[0]


def of_touchpoint(touchpoint: Touchpoint) -> list[Instrument]:
    """A touchpoint's instruments with their versions, oldest first."""
    query = (
        select(Instrument)
        .where(Instrument.touchpoint_id == touchpoint.id)
        .options(selectinload(Instrument.versions))
        .order_by(Instrument.id)
    )
    return list(db.session.scalars(query))


def newest_version(instrument: Instrument) -> InstrumentVersion:
    return instrument.versions[-1]


def published_version(instrument: Instrument) -> InstrumentVersion | None:
    """The version respondents answer: the newest published one."""
    return db.session.scalar(
        select(InstrumentVersion)
        .where(
            InstrumentVersion.instrument_id == instrument.id,
            InstrumentVersion.status == "published",
        )
        .order_by(InstrumentVersion.number.desc())
        .limit(1)
    )


def publish(version: InstrumentVersion) -> InstrumentVersion:
    if version.is_published:
        raise VersionFrozen(f"version {version.number} is published already")
    questions = [item for item in version.items if item.item_type not in OPTIONAL_KANO_ITEMS]
    if not questions:
        raise InstrumentIncomplete("Add at least one question before publishing.")
    version.status = "published"
    version.published_at = utcnow()
    return version


@committed
def publish_newest(user: User, instrument: Instrument) -> InstrumentVersion:
    """Publish the newest version (raises :class:`VersionFrozen`, :class:`InstrumentIncomplete`);
    the audit log keeps who made it what respondents answer."""
    version = publish(newest_version(instrument))
    audit.record(
        "instrument.published",
        user,
        target=f"instrument {instrument.id}: {instrument.name}",
        client_id=instrument.touchpoint.project.client_id,
    )
    return version


@committed
def new_draft(instrument: Instrument) -> InstrumentVersion:
    """Copy the newest version into a new draft (or return the draft that exists)."""
    newest = newest_version(instrument)
    if not newest.is_published:
        return newest
    copies = [
        Item(**{field: getattr(item, field) for field in ITEM_COPY_FIELDS}) for item in newest.items
    ]
    draft = InstrumentVersion(
        number=newest.number + 1,
        status="draft",
        items=copies,
        title_en=newest.title_en,
        title_de=newest.title_de,
        intro_en=newest.intro_en,
        intro_de=newest.intro_de,
    )
    instrument.versions.append(draft)
    return draft


def editable_draft(version: InstrumentVersion) -> InstrumentVersion:
    if version.is_published:
        raise VersionFrozen(f"version {version.number} is published and cannot change")
    return version


def add_item(version: InstrumentVersion, **fields) -> Item:
    editable_draft(version)
    fields.setdefault("key", unique_key(version, fields.get("text_en") or fields.get("text_de")))
    item = Item(position=_next_position(version), **fields)
    version.items.append(item)
    _renumber(version)
    return item


save_item = committed(add_item)
"""The workspace's "new feature" or "new checklist item": :func:`add_item`, saved at once."""


@committed
def update_item(item: Item, **fields) -> Item:
    editable_draft(item.version)
    for name, value in fields.items():
        setattr(item, name, value)
    return item


@committed
def delete_item(item: Item) -> None:
    version = editable_draft(item.version)
    version.items.remove(item)
    _renumber(version)


@committed
def move_item(item: Item, offset: int) -> None:
    version = editable_draft(item.version)
    ordered = list(version.items)
    index = ordered.index(item)
    target = max(0, min(len(ordered) - 1, index + offset))
    ordered.insert(target, ordered.pop(index))
    for position, each in enumerate(ordered):
        each.position = position


def set_texts(
    version: InstrumentVersion, texts: dict[str, str], optional: set[str] | None = None
) -> None:
    """Set a draft's titles and intros and, for Kano questionnaires, its optional items."""
    editable_draft(version)
    for name, value in texts.items():
        setattr(version, name, value)
    if optional is not None:
        set_optional_items(version, optional)


update_texts = committed(set_texts)
"""The workspace's "save texts": :func:`set_texts`, saved at once."""


def set_optional_items(version: InstrumentVersion, wanted: set[str]) -> None:
    """Switch the standard touchpoint items (CSAT, NPS, CES, contacts, comment) on or off."""
    editable_draft(version)
    present = {
        item.item_type: item for item in version.items if item.item_type in OPTIONAL_KANO_ITEMS
    }
    for item_type in set(present) - wanted:
        version.items.remove(present[item_type])
    for item_type in OPTIONAL_KANO_ITEMS:
        if item_type in wanted and item_type not in present:
            english, german = OPTIONAL_ITEM_TEXTS[item_type]
            version.items.append(
                Item(
                    key=item_type,
                    item_type=item_type,
                    text_en=english,
                    text_de=german,
                    required=False,
                    position=_next_position(version),
                )
            )
    _renumber(version)


def unique_key(version: InstrumentVersion, text: str | None) -> str:
    base = slugify(text or "item", max_length=30)
    taken = {item.key for item in version.items}
    key, counter = base, 2
    while key in taken or key in OPTIONAL_KANO_ITEMS:
        key, counter = f"{base}-{counter}", counter + 1
    return key


def _next_position(version: InstrumentVersion) -> int:
    return max((item.position for item in version.items), default=-1) + 1


def _renumber(version: InstrumentVersion) -> None:
    """Features first in their order, then the optional items in their standard order."""

    def order(item: Item) -> tuple[int, int]:
        if item.item_type in OPTIONAL_KANO_ITEMS:
            return 1, OPTIONAL_KANO_ITEMS.index(item.item_type)
        return 0, item.position

    for position, item in enumerate(sorted(version.items, key=order)):
        item.position = position
