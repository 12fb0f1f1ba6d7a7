"""Linking a checklist item to the Kano feature it observes, within one project."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import FeatureLink, Instrument, InstrumentVersion, Item, Project, Touchpoint
from surveyor.services.errors import Invalid, found


@dataclass(frozen=True)
class Choice:
    """An item a link can name: its instrument, key and wording (newest version)."""

    instrument_id: int
    instrument: str
    key: str
    text: str

    @property
    def value(self) -> str:
        return f"{self.instrument_id}:{self.key}"


def choices(project: Project, kind: str, locale: str) -> list[Choice]:
    """Kano features (``kind="kano"``) or scored checklist items of the project, each key once."""
    item_type = Item.item_type == "kano_feature" if kind == "kano" else Item.points > 0
    rows = db.session.execute(
        select(Instrument.id, Instrument.name, Item)
        .join(InstrumentVersion, Item.version_id == InstrumentVersion.id)
        .join(Instrument, InstrumentVersion.instrument_id == Instrument.id)
        .join(Touchpoint, Instrument.touchpoint_id == Touchpoint.id)
        .where(Touchpoint.project_id == project.id, Instrument.kind == kind, item_type)
        .order_by(Instrument.name, Instrument.id, InstrumentVersion.number.desc(), Item.position)
    ).all()
    seen: dict[tuple[int, str], Choice] = {}
    for instrument_id, name, item in rows:
        seen.setdefault(
            (instrument_id, item.key), Choice(instrument_id, name, item.key, item.text(locale))
        )
    return list(seen.values())


def project_links(project: Project) -> list[FeatureLink]:
    return list(
        db.session.scalars(
            select(FeatureLink)
            .join(Instrument, FeatureLink.kano_instrument_id == Instrument.id)
            .join(Touchpoint, Instrument.touchpoint_id == Touchpoint.id)
            .where(Touchpoint.project_id == project.id)
            .order_by(FeatureLink.kano_instrument_id, FeatureLink.kano_key, FeatureLink.id)
        )
    )


def link(project: Project, checklist_item: str, kano_feature: str) -> FeatureLink:
    """Tie ``"instrument id:key"`` of a checklist item to that of a Kano feature.

    Both must be items of this project's instruments of the right kind; a checklist item
    observes one feature, so linking it again moves the link.
    """
    checklist = _parse(project, "checklist", checklist_item, "checklist_item")
    kano = _parse(project, "kano", kano_feature, "kano_feature")
    existing = db.session.scalar(
        select(FeatureLink).where(
            FeatureLink.checklist_instrument_id == checklist.instrument_id,
            FeatureLink.checklist_key == checklist.key,
        )
    )
    feature_link = existing or FeatureLink(
        checklist_instrument_id=checklist.instrument_id, checklist_key=checklist.key
    )
    feature_link.kano_instrument_id, feature_link.kano_key = kano.instrument_id, kano.key
    db.session.add(feature_link)
    return feature_link


def save_link(project: Project, checklist_item: str, kano_feature: str) -> FeatureLink:
    """The use case of the scorecard page and the API: link and save."""
    feature_link = link(project, checklist_item, kano_feature)
    db.session.commit()
    return feature_link


def unlink(project: Project, link_id: int) -> None:
    """Remove one of the project's links (another project's id is not found)."""
    mine = (feature_link for feature_link in project_links(project) if feature_link.id == link_id)
    feature_link = found(next(mine, None))
    db.session.delete(feature_link)
    db.session.commit()


def _parse(project: Project, kind: str, value: str, field: str) -> Choice:
    known = {choice.value: choice for choice in choices(project, kind, "en")}
    if value not in known:
        message = (
            _("Choose a scored checklist item of this project.")
            if kind == "checklist"
            else _("Choose a Kano feature of this project.")
        )
        raise Invalid(message, {field: [message]})
    return known[value]
