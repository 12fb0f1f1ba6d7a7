"""Authoring checklist items; the instrument, publishing and drafts live in ``instruments``."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from surveyor.forms.checklists import ChecklistItemForm
from surveyor.models import Instrument
from surveyor.services import tenancy
from surveyor.services.instruments import checklist_authoring, instruments
from surveyor.web.editing import editable

bp = Blueprint("checklists", __name__)
FROZEN = "Published versions cannot change. Create a new draft first."


@bp.route("/instruments/<int:instrument_id>/checklist-items/new", methods=["GET", "POST"])
def create_item(instrument_id: int):
    instrument = _editable_checklist(instrument_id)
    version = instruments.newest_version(instrument)
    if version.is_published:
        flash(_(FROZEN), "error")
        return _to(instrument)
    form = ChecklistItemForm()
    if form.validate_on_submit() and _save(form, version, None):
        return _to(instrument)
    return render_template("form_page.html", form=form, title=_("New checklist item"))


@bp.route("/checklist-items/<int:item_id>/edit", methods=["GET", "POST"])
def edit_item(item_id: int):
    item = editable(tenancy.get_item, item_id)
    instrument = item.version.instrument
    if item.version.is_published or instrument.kind != "checklist":
        flash(_(FROZEN), "error")
        return _to(instrument)
    form = ChecklistItemForm(obj=item, data=checklist_authoring.form_data(item))
    if form.validate_on_submit() and _save(form, None, item):
        return _to(instrument)
    return render_template("form_page.html", form=form, title=_("Edit checklist item"))


def _save(form: ChecklistItemForm, version, item) -> bool:
    """Add to ``version`` or update ``item``; False (with the error on the form) if invalid."""
    try:
        fields = checklist_authoring.item_fields(form.data)
    except checklist_authoring.ItemInvalid as invalid:
        getattr(form, invalid.field).errors.append(_(str(invalid)))
        return False
    if item is None:
        checklist_authoring.add(version, fields)
    else:
        instruments.update_item(item, **fields)
    return True


def _editable_checklist(instrument_id: int) -> Instrument:
    instrument = editable(tenancy.get_instrument, instrument_id)
    if instrument.kind != "checklist":
        abort(404)
    return instrument


def _to(instrument: Instrument):
    return redirect(url_for("instruments.show", instrument_id=instrument.id))
