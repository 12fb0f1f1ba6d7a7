"""Authoring instruments: create, edit the draft's texts and features, publish, new draft."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyor.forms import choices
from surveyor.forms.instruments import (
    GROUP_LABELS,
    KIND_LABELS,
    FeatureForm,
    InstrumentForm,
    SurveyLinkForm,
    VersionTextsForm,
)
from surveyor.models import Instrument, InstrumentVersion, Item
from surveyor.services import tenancy
from surveyor.services.instruments import instruments
from surveyor.services.surveys import surveys
from surveyor.web.editing import editable

bp = Blueprint("instruments", __name__)
VERSION_TEXTS = ("title_en", "title_de", "intro_en", "intro_de")
FEATURE_FIELDS = ("text_en", "text_de", "negative_text_en", "negative_text_de", "asks_importance")


@bp.context_processor
def labels() -> dict:
    return {"kind_labels": KIND_LABELS, "group_labels": GROUP_LABELS}


@bp.route("/touchpoints/<int:touchpoint_id>/instruments/new", methods=["GET", "POST"])
def create(touchpoint_id: int):
    touchpoint = editable(tenancy.get_touchpoint, touchpoint_id)
    form = InstrumentForm()
    if form.validate_on_submit():
        instrument = instruments.save_instrument(touchpoint, form.kind.data, form.name.data.strip())
        return _to(instrument)
    return render_template("form_page.html", form=form, title=_("New instrument"))


@bp.get("/instruments/<int:instrument_id>")
def show(instrument_id: int):
    instrument = tenancy.get_instrument(current_user, instrument_id)
    link_form = SurveyLinkForm()
    link_form.wave_id.choices = choices(
        (w.id, w.label) for w in instrument.touchpoint.project.waves
    )
    return render_template(
        "instruments/show.html",
        instrument=instrument,
        version=instruments.newest_version(instrument),
        link_form=link_form,
        links=surveys.links_of(instrument),
    )


@bp.route("/instruments/<int:instrument_id>/texts", methods=["GET", "POST"])
def edit_texts(instrument_id: int):
    instrument, version = _editable_draft(instrument_id)
    if version is None:
        return _to(instrument)
    present = [i.item_type for i in version.items if i.item_type in instruments.OPTIONAL_KANO_ITEMS]
    form = VersionTextsForm(obj=version, optional_items=present)
    if instrument.kind != "kano":
        del form.optional_items
    if form.validate_on_submit():
        texts = {name: getattr(form, name).data.strip() for name in VERSION_TEXTS}
        optional = set(form.optional_items.data) if instrument.kind == "kano" else None
        instruments.update_texts(version, texts, optional)
        return _to(instrument)
    return render_template("form_page.html", form=form, title=_("Texts and touchpoint questions"))


@bp.route("/instruments/<int:instrument_id>/features/new", methods=["GET", "POST"])
def create_feature(instrument_id: int):
    instrument, version = _editable_draft(instrument_id)
    if version is None:
        return _to(instrument)
    form = FeatureForm()
    if form.validate_on_submit():
        instruments.save_item(version, item_type="kano_feature", **_feature_fields(form))
        return _to(instrument)
    return render_template("form_page.html", form=form, title=_("New feature"))


@bp.route("/items/<int:item_id>/edit", methods=["GET", "POST"])
def edit_item(item_id: int):
    item = editable(tenancy.get_item, item_id)
    if item.version.is_published or item.item_type != "kano_feature":
        flash(_("Published versions cannot change. Create a new draft first."), "error")
        return _to(item.version.instrument)
    form = FeatureForm(obj=item)
    if form.validate_on_submit():
        instruments.update_item(item, **_feature_fields(form))
        return _to(item.version.instrument)
    return render_template("form_page.html", form=form, title=_("Edit feature"))


@bp.post("/items/<int:item_id>/<any(delete, up, down):action>")
def change_item(item_id: int, action: str):
    item = editable(tenancy.get_item, item_id)
    instrument = item.version.instrument
    try:
        if action == "delete":
            instruments.delete_item(item)
        else:
            instruments.move_item(item, -1 if action == "up" else 1)
    except instruments.VersionFrozen:
        flash(_("Published versions cannot change. Create a new draft first."), "error")
    return _to(instrument)


@bp.post("/instruments/<int:instrument_id>/publish")
def publish(instrument_id: int):
    instrument = editable(tenancy.get_instrument, instrument_id)
    try:
        instruments.publish_newest(current_user, instrument)
    except instruments.InstrumentIncomplete:
        flash(_("Add at least one question before publishing."), "error")
        return _to(instrument)
    except instruments.VersionFrozen:
        flash(_("This version is published already."), "info")
        return _to(instrument)
    flash(_("Published. Respondents now answer this version."), "success")
    return _to(instrument)


@bp.post("/instruments/<int:instrument_id>/draft")
def new_draft(instrument_id: int):
    instrument = editable(tenancy.get_instrument, instrument_id)
    instruments.new_draft(instrument)
    return _to(instrument)


def _editable_draft(instrument_id: int) -> tuple[Instrument, InstrumentVersion | None]:
    """The instrument and its draft to change; no draft (the newest version is published) says
    so in a flash, and the caller goes back to the instrument."""
    instrument = editable(tenancy.get_instrument, instrument_id)
    version = instruments.newest_version(instrument)
    if version.is_published:
        flash(_("Published versions cannot change. Create a new draft first."), "error")
        return instrument, None
    return instrument, version


def _feature_fields(form: FeatureForm) -> dict:
    return {
        name: (value.strip() if isinstance(value := getattr(form, name).data, str) else value)
        for name in FEATURE_FIELDS
    }


def _to(instrument: Instrument | Item):
    return redirect(url_for("instruments.show", instrument_id=instrument.id))
