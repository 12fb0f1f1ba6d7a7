"""Improvement measures per touchpoint: list (with their before/after change), create, edit."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyor.forms.measures import CLUSTER_LABELS, STATUS_LABELS, MeasureForm
from surveyor.labels import localized
from surveyor.services import tenancy
from surveyor.services.projects import measures
from surveyor.services.results import trends
from surveyor.web.editing import editable
from surveyor.web.form_pages import form_page

bp = Blueprint("measures", __name__)


@bp.context_processor
def labels() -> dict:
    return {"cluster_labels": CLUSTER_LABELS, "status_labels": STATUS_LABELS}


@bp.get("/touchpoints/<int:touchpoint_id>/measures")
def index(touchpoint_id: int):
    touchpoint = tenancy.get_touchpoint(current_user, touchpoint_id)
    effects = trends.measure_effects(touchpoint)
    return render_template(
        "measures/index.html",
        touchpoint=touchpoint,
        effects=effects,
        location_limited=tenancy.is_location_limited(current_user),
    )


@bp.route("/touchpoints/<int:touchpoint_id>/measures/new", methods=["GET", "POST"])
def create(touchpoint_id: int):
    touchpoint = editable(tenancy.get_touchpoint, touchpoint_id)
    form = MeasureForm()
    if form.validate_on_submit():
        measures.add_measure(touchpoint, **_fields(form))
        return _saved(touchpoint.id)
    return _form(form, _("New measure for %(name)s", name=localized(touchpoint)))


@bp.route("/measures/<int:measure_id>/edit", methods=["GET", "POST"])
def edit(measure_id: int):
    measure = editable(measures.get_measure, measure_id)
    form = MeasureForm(obj=measure)
    if form.validate_on_submit():
        measures.update_measure(measure, **_fields(form))
        return _saved(measure.touchpoint_id)
    return _form(form, _("Edit measure"))


@bp.post("/measures/<int:measure_id>/delete")
def delete(measure_id: int):
    measure = editable(measures.get_measure, measure_id)
    touchpoint_id = measure.touchpoint_id
    measures.delete_measure(measure)
    return _saved(touchpoint_id)


def _fields(form: MeasureForm) -> dict:
    return {name: getattr(form, name).data for name in measures.FIELDS}


def _saved(touchpoint_id: int):
    return redirect(url_for("measures.index", touchpoint_id=touchpoint_id))


def _form(form: MeasureForm, title: str):
    return form_page("form_page.html", form, title=title)
