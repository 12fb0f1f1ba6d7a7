"""Consultants plan mystery shops: shopper accounts, assignments one by one or from a sheet."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from surveyor.forms import choices
from surveyor.forms.checklists import (
    STATUS_LABELS,
    AssignmentForm,
    AssignmentUploadForm,
    ShopperForm,
)
from surveyor.models import Project
from surveyor.models.shops import ASSIGNMENT_STATUSES
from surveyor.services import tenancy
from surveyor.services.accounts.accounts import AccountError
from surveyor.services.shops import assignment_sheets, assignments
from surveyor.web.editing import editable

bp = Blueprint("assignments", __name__)


@bp.context_processor
def labels() -> dict:
    return {"status_labels": STATUS_LABELS}


@bp.get("/projects/<int:project_id>/assignments")
def index(project_id: int):
    project = _editable_project(project_id)
    status = request.args.get("status", "")
    wanted = (status,) if status in ASSIGNMENT_STATUSES else ()
    return render_template(
        "checklists/assignments.html",
        project=project,
        assignments=assignments.project_assignments(project, wanted),
        status=status if wanted else "",
        today=date.today(),
    )


@bp.route("/projects/<int:project_id>/assignments/new", methods=["GET", "POST"])
def create(project_id: int):
    project = _editable_project(project_id)
    form = AssignmentForm()
    options = _options(project)
    for name, objects in options.items():
        getattr(form, name).choices = choices((obj.id, _label(obj)) for obj in objects)
    if form.validate_on_submit():
        picked = {
            name.removesuffix("_id"): next(o for o in objects if o.id == getattr(form, name).data)
            for name, objects in options.items()
        }
        try:
            assignments.save_assignment(
                project,
                created_by=current_user,
                visit_from=form.visit_from.data,
                visit_to=form.visit_to.data,
                **picked,
            )
        except assignments.AssignmentInvalid as invalid:
            form.instrument_id.errors.append(str(invalid))
        else:
            flash(_("Assignment created."), "success")
            return redirect(url_for("assignments.index", project_id=project.id))
    return render_template("form_page.html", form=form, title=_("New assignment"))


@bp.route("/projects/<int:project_id>/assignments/upload", methods=["GET", "POST"])
def upload(project_id: int):
    project = _editable_project(project_id)
    form = AssignmentUploadForm()
    status = 200
    if form.validate_on_submit():
        sheet = form.sheet.data
        try:
            created = assignment_sheets.import_assignments(
                project, sheet.filename or "", sheet.read(), created_by=current_user
            )
        except assignment_sheets.SheetInvalid as invalid:
            form.sheet.errors = list(invalid.errors)
            status = 422
        else:
            flash(
                ngettext(
                    "%(num)s assignment created.", "%(num)s assignments created.", len(created)
                ),
                "success",
            )
            return redirect(url_for("assignments.index", project_id=project.id))
    elif form.is_submitted():
        status = 422
    page = render_template("form_page.html", form=form, title=_("Upload assignments"))
    return page, status


@bp.route("/projects/<int:project_id>/shoppers/new", methods=["GET", "POST"])
def create_shopper(project_id: int):
    project = _editable_project(project_id)
    form = ShopperForm()
    if form.validate_on_submit():
        try:
            assignments.create_shopper(form.email.data, form.password.data, form.name.data.strip())
        except AccountError as error:
            form.email.errors.append(str(error))
        else:
            flash(_("Shopper account created."), "success")
            return redirect(url_for("assignments.create", project_id=project.id))
    return render_template("form_page.html", form=form, title=_("New shopper account"))


def _editable_project(project_id: int) -> Project:
    return editable(tenancy.get_project, project_id)


def _options(project: Project) -> dict:
    return {
        "shopper_id": assignments.shoppers(),
        "location_id": list(project.locations),
        "instrument_id": assignments.checklists_of(project),
        "wave_id": list(project.waves),
    }


def _label(obj) -> str:
    for name in ("email", "label"):
        if hasattr(obj, name):
            return getattr(obj, name)
    if getattr(obj, "is_competitor", False):
        return _("%(name)s (competitor)", name=obj.name)
    return obj.name
