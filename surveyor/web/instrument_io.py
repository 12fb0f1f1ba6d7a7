"""Download an instrument as JSON or Excel, and upload either to create a draft.

Downloads are open to everyone who may see the instrument; uploads need an editor and only ever
write a draft version (see :mod:`surveyor.services.instruments.instrument_io`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyor.forms.instrument_io import DefinitionUploadForm
from surveyor.models import Instrument, InstrumentVersion
from surveyor.services import tenancy
from surveyor.services.instruments import instrument_io, instruments
from surveyor.services.instruments.instrument_excel import blank_definition, write_workbook
from surveyor.services.instruments.instrument_excel_reader import read_workbook
from surveyor.services.instruments.instrument_template import XLSX_MIMETYPE
from surveyor.services.slugs import slugify
from surveyor.web.editing import editable

bp = Blueprint("instrument_io", __name__)
MAX_SHOWN_ERRORS = 50


@bp.context_processor
def upload_types() -> dict:
    return {"xlsx_mimetype": XLSX_MIMETYPE}


@bp.get("/instruments/<int:instrument_id>/definition.json")
def download_json(instrument_id: int):
    version = _chosen_version(tenancy.get_instrument(current_user, instrument_id))
    body = json.dumps(instrument_io.export_definition(version), ensure_ascii=False, indent=2)
    return _attachment(body.encode(), "application/json", _filename(version, "json"))


@bp.get("/instruments/<int:instrument_id>/definition.xlsx")
def download_excel(instrument_id: int):
    version = _chosen_version(tenancy.get_instrument(current_user, instrument_id))
    content = write_workbook(instrument_io.export_definition(version))
    return _attachment(content, XLSX_MIMETYPE, _filename(version, "xlsx"))


@bp.get("/instrument-templates/<any(kano, checklist):kind>.xlsx")
def blank_template(kind: str):
    content = write_workbook(blank_definition(kind))
    return _attachment(content, XLSX_MIMETYPE, f"{kind}-template.xlsx")


@bp.route("/instruments/<int:instrument_id>/import", methods=["GET", "POST"])
def import_into(instrument_id: int):
    instrument = editable(tenancy.get_instrument, instrument_id)
    form = DefinitionUploadForm()
    if form.validate_on_submit():
        version = _imported(
            form, lambda data, locate: instrument_io.import_definition(instrument, data, locate)
        )
        if version is not None:
            flash(_("Imported as draft version %(number)s.", number=version.number), "success")
            return redirect(url_for("instruments.show", instrument_id=instrument.id))
    status = 422 if request.method == "POST" else 200
    page = render_template(
        "instrument_io/import.html",
        form=form,
        instrument=instrument,
        kind=instrument.kind,
        touchpoint=instrument.touchpoint,
    )
    return page, status


@bp.route("/touchpoints/<int:touchpoint_id>/instruments/import", methods=["GET", "POST"])
def create_from_file(touchpoint_id: int):
    touchpoint = editable(tenancy.get_touchpoint, touchpoint_id)
    form = DefinitionUploadForm()
    if form.validate_on_submit():
        instrument = _imported(
            form,
            lambda data, locate: instrument_io.create_from_definition(touchpoint, data, locate),
        )
        if instrument is not None:
            flash(_("Imported as a new draft instrument."), "success")
            return redirect(url_for("instruments.show", instrument_id=instrument.id))
    status = 422 if request.method == "POST" else 200
    page = render_template(
        "instrument_io/import.html", form=form, instrument=None, kind=None, touchpoint=touchpoint
    )
    return page, status


def _imported(form: DefinitionUploadForm, store: Callable[[Any, Any], Any]) -> Any:
    """Read the upload and store it; on a problem put the messages on the form, store nothing."""
    upload = form.definition.data
    try:
        data, locate = _read(upload.filename or "", upload.read())
        created = store(data, locate)
    except instrument_io.DefinitionInvalid as invalid:
        errors = invalid.errors[:MAX_SHOWN_ERRORS]
        if len(invalid.errors) > MAX_SHOWN_ERRORS:
            errors.append(_("… and %(count)s more.", count=len(invalid.errors) - MAX_SHOWN_ERRORS))
        form.definition.errors = errors
        return None
    return created


def _read(filename: str, content: bytes) -> tuple[Any, Any]:
    if filename.lower().endswith(".xlsx"):
        return read_workbook(content)
    if filename.lower().endswith(".json"):
        return instrument_io.read_json(content), None
    raise instrument_io.DefinitionInvalid([_("Upload a .json or .xlsx file.")])


def _chosen_version(instrument: Instrument) -> InstrumentVersion:
    """The newest version, or the one ``?version=N`` names."""
    number = request.args.get("version", type=int)
    if number is None:
        return instruments.newest_version(instrument)
    for version in instrument.versions:
        if version.number == number:
            return version
    abort(404)


def _filename(version: InstrumentVersion, suffix: str) -> str:
    return f"{slugify(version.instrument.name)}-v{version.number}.{suffix}"


def _attachment(content: bytes, mimetype: str, filename: str) -> Response:
    return Response(
        content,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
