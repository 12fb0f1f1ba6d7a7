"""Snapshots of published questionnaire versions, cached per process.

Every survey page and every submission needs the wording and items of one version. A published
version is frozen (editing makes a new draft), so a snapshot of it can never go stale: caching it
saves two queries and the ORM's loading work on the hottest path of the service, the customer
survey. Drafts are never cached. The cache is bounded, so a process serving many projects keeps a
steady size.

Entries are keyed by version id *and* publication time, read from the database with the survey
link: ids alone could be reused with other content when a database is restored from a backup
(or emptied between tests) while the process keeps running, and a stale form would then store
answers against the wrong items.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, fields
from datetime import datetime

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from surveyor.extensions import db
from surveyor.models import InstrumentVersion
from surveyor.models.instruments import Wording

CACHE_SIZE = 512
_EXTENSION = "surveyor.published_forms"


@dataclass(frozen=True)
class FormItem(Wording):
    """What the survey needs of one item: its identity, type and wording."""

    id: int
    key: str
    item_type: str
    text_en: str
    text_de: str
    negative_text_en: str
    negative_text_de: str
    required: bool
    asks_importance: bool


@dataclass(frozen=True)
class PublishedForm:
    """One published version as the survey shows it."""

    id: int
    instrument_id: int
    title_en: str
    title_de: str
    intro_en: str
    intro_de: str
    items: tuple[FormItem, ...]

    is_published = True


class _Cache:
    def __init__(self, size: int) -> None:
        self.size = size
        self.forms: OrderedDict[tuple[int, datetime], PublishedForm] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[int, datetime]) -> PublishedForm | None:
        with self.lock:
            form = self.forms.get(key)
            if form is not None:
                self.forms.move_to_end(key)
            return form

    def put(self, key: tuple[int, datetime], form: PublishedForm) -> None:
        with self.lock:
            self.forms[key] = form
            while len(self.forms) > self.size:
                self.forms.popitem(last=False)


def published_form(version_id: int, published_at: datetime | None = None) -> PublishedForm | None:
    """The snapshot of version ``version_id``, or None when it does not exist or is a draft.

    ``published_at`` is the version's publication time as read together with its id; without
    it (or when it does not match the database) the version is read afresh.
    """
    cache = current_app.extensions.get(_EXTENSION)
    if cache is None:
        cache = current_app.extensions.setdefault(_EXTENSION, _Cache(CACHE_SIZE))
    if published_at is not None:
        form = cache.get((version_id, published_at))
        if form is not None:
            return form
    version = db.session.scalar(
        select(InstrumentVersion)
        .where(InstrumentVersion.id == version_id)
        .options(selectinload(InstrumentVersion.items))
    )
    if version is None or not version.is_published or version.published_at is None:
        return None
    form = snapshot(version)
    cache.put((version.id, version.published_at), form)
    return form


def snapshot(version: InstrumentVersion) -> PublishedForm:
    """A detached, immutable copy of a published version (no session needed to read it)."""
    items = tuple(_copy(FormItem, item) for item in version.items)
    return _copy(PublishedForm, version, items=items)


def _copy(snapshot_type: type, source: object, **given: object):
    """``snapshot_type`` with each field read from ``source``'s attribute of that name."""
    names = [field.name for field in fields(snapshot_type) if field.name not in given]
    return snapshot_type(**{name: getattr(source, name) for name in names}, **given)
