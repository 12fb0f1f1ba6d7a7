"""A project's customer journey: phases, touchpoints and locations."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyor.forms import choices
from surveyor.forms.base import Form
from surveyor.forms.journey import (
    CHANNEL_LABELS,
    PHASE_LABELS,
    LocationForm,
    PhaseForm,
    ProjectForm,
    TouchpointForm,
)
from surveyor.services import tenancy
from surveyor.services.errors import Invalid
from surveyor.services.locations import directory
from surveyor.services.projects import journey
from surveyor.web.editing import editable

bp = Blueprint("journey", __name__)


@bp.context_processor
def labels() -> dict:
    return {"channel_labels": CHANNEL_LABELS, "phase_labels": PHASE_LABELS}


@bp.get("/projects/<int:project_id>")
def project(project_id: int):
    found = tenancy.get_project(current_user, project_id)
    # Only the locations the user may see, each with its report card (staff may be limited).
    return render_template(
        "journey/project.html",
        project=found,
        locations=directory.visible_locations(current_user, found),
        location_limited=tenancy.is_location_limited(current_user),
    )


@bp.route("/projects/<int:project_id>/edit", methods=["GET", "POST"])
def edit_project(project_id: int):
    found = editable(tenancy.get_project, project_id)
    form = ProjectForm(obj=found)
    if form.validate_on_submit():
        journey.update(found, form.model_data)
        return _saved(found.id)
    return _form(form, _("Edit project"))


@bp.route("/projects/<int:project_id>/phases/new", methods=["GET", "POST"])
def create_phase(project_id: int):
    found = editable(tenancy.get_project, project_id)
    form = PhaseForm()
    if form.validate_on_submit():
        journey.save_phase(found, form.name.data, form.kind.data, form.name_de.data or "")
        return _saved(found.id)
    return _form(form, _("New journey phase"))


@bp.route("/phases/<int:phase_id>/edit", methods=["GET", "POST"])
def edit_phase(phase_id: int):
    phase = editable(tenancy.get_phase, phase_id)
    form = PhaseForm(obj=phase)
    if form.validate_on_submit():
        journey.update(phase, form.model_data)
        return _saved(phase.project_id)
    return _form(form, _("Edit journey phase"))


@bp.route("/projects/<int:project_id>/touchpoints/new", methods=["GET", "POST"])
def create_touchpoint(project_id: int):
    found = editable(tenancy.get_project, project_id)
    form = _touchpoint_form(found)
    if form.validate_on_submit():
        journey.save_touchpoint(found, **_touchpoint_fields(form))
        return _saved(found.id)
    return _form(form, _("New touchpoint"))


@bp.get("/touchpoints/<int:touchpoint_id>")
def touchpoint(touchpoint_id: int):
    found = tenancy.get_touchpoint(current_user, touchpoint_id)
    return render_template(
        "journey/touchpoint.html",
        touchpoint=found,
        location_limited=tenancy.is_location_limited(current_user),
    )


@bp.route("/touchpoints/<int:touchpoint_id>/edit", methods=["GET", "POST"])
def edit_touchpoint(touchpoint_id: int):
    found = editable(tenancy.get_touchpoint, touchpoint_id)
    form = _touchpoint_form(found.project, obj=found)
    if form.validate_on_submit():
        journey.update(found, _touchpoint_fields(form))
        return _saved(found.project_id)
    return _form(form, _("Edit touchpoint"))


@bp.route("/projects/<int:project_id>/locations/new", methods=["GET", "POST"])
def create_location(project_id: int):
    found = editable(tenancy.get_project, project_id)
    form = _location_form(found)
    if form.validate_on_submit() and _location_saved(form, found):
        return _saved(found.id)
    return _form(form, _("New location"))


@bp.route("/locations/<int:location_id>/edit", methods=["GET", "POST"])
def edit_location(location_id: int):
    location = editable(tenancy.get_location, location_id)
    form = _location_form(location.project, obj=location)
    if form.validate_on_submit() and _location_saved(form, location.project, location):
        return _saved(location.project_id)
    return _form(form, _("Edit location"))


@bp.post("/<any(phases, touchpoints, locations):kind>/<int:object_id>/delete")
def delete(kind: str, object_id: int):
    getter = {
        "phases": tenancy.get_phase,
        "touchpoints": tenancy.get_touchpoint,
        "locations": tenancy.get_location,
    }[kind]
    found = editable(getter, object_id)
    project_id = found.project_id
    journey.delete(found)
    return _saved(project_id)


def _touchpoint_form(project, obj=None) -> TouchpointForm:
    form = TouchpointForm(obj=obj)
    form.phase_id.choices = choices(
        [(0, "—")] + [(phase.id, phase.name) for phase in project.phases]
    )
    return form


def _touchpoint_fields(form: TouchpointForm) -> dict:
    return {
        "name": form.name.data.strip(),
        "name_de": (form.name_de.data or "").strip(),
        "phase_id": form.phase_id.data or None,
        "channel": form.channel.data,
        "weight": form.weight.data,
        "description": form.description.data,
    }


def _location_form(project, obj=None) -> LocationForm:
    form = LocationForm(obj=obj, parent_id=(obj.parent_id or 0) if obj else 0)
    form.parent_id.choices = choices(
        [(0, "—")] + [(region.id, region.name) for region in directory.regions(project)]
    )
    return form


def _location_saved(form: LocationForm, project, location=None) -> bool:
    """Save through the directory; its rule breaks become the fields' error messages."""
    fields = directory.LocationFields(
        name=form.name.data.strip(),
        city=form.city.data or "",
        address=form.address.data or "",
        is_competitor=form.is_competitor.data,
        competitor_name=form.competitor_name.data or "",
        kind=form.kind.data,
        code=(form.code.data or "").strip(),
        parent_id=form.parent_id.data or None,
    )
    try:
        directory.store_location(project, fields, location)
    except Invalid as invalid:
        for name in invalid.errors:
            getattr(form, name).errors = [_location_problem(name)]
        return False
    return True


def _location_problem(field: str) -> str:
    return {
        "code": _(
            "Use letters, digits, - and _ only, and a code no other location of this project has."
        ),
        "kind": _(
            "A region belongs to no other region, is not a competitor, and keeps its branches."
        ),
        "parent_id": _("Choose a region of this project; competitors stay outside regions."),
    }[field]


def _saved(project_id: int):
    return redirect(url_for("journey.project", project_id=project_id))


def _form(form: Form, title: str):
    return render_template("form_page.html", form=form, title=title)
