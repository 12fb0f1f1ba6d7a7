"""Follow-up cases: the owner's phone-friendly list, a project's cases, one case to work on.

Views parse, ask :mod:`surveyor.services.cases.work`, and render; the service checks who may
see or change what (the contact details only for the owner).
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyor.forms import choices
from surveyor.forms.cases import AssignForm, CaseForm
from surveyor.models.cases import CASE_STATUSES
from surveyor.services import tenancy
from surveyor.services.cases import work
from surveyor.services.errors import Invalid
from surveyor.services.locations import directory
from surveyor.web.editing import editable

bp = Blueprint("cases", __name__)


@bp.get("/cases")
def mine():
    return render_template("cases/mine.html", cases=work.my_cases(current_user))


@bp.get("/projects/<int:project_id>/cases")
def project_cases(project_id: int):
    """The project's cases, narrowed to a branch or region and a status if asked."""
    project = tenancy.get_project(current_user, project_id)
    location_id = request.args.get("location", type=int)
    status = request.args.get("status", "")
    cases = work.project_cases(current_user, project, status, location_id)
    return render_template(
        "cases/project.html",
        project=project,
        cases=cases,
        locations=directory.visible_locations(current_user, project),
        statuses=CASE_STATUSES,
        chosen_location=location_id,
        chosen_status=status,
    )


@bp.route("/cases/<int:case_id>", methods=["GET", "POST"])
def show(case_id: int):
    case = work.get_case(current_user, case_id)
    form = CaseForm(obj=case)
    if form.validate_on_submit():
        try:
            work.update(current_user, case, form.status.data, form.resolution_note.data)
        except Invalid as invalid:
            attach_errors(form, invalid)
        else:
            flash(_("The case was saved."), "success")
            return redirect(url_for("cases.show", case_id=case.id), code=303)
    return _page(case, form, _assign_form(case)), 422 if form.errors else 200


@bp.post("/cases/<int:case_id>/owner")
def assign(case_id: int):
    case = editable(work.get_case, case_id)
    form = _assign_form(case)
    if form.validate_on_submit():
        try:
            work.assign(current_user, case, form.owner_id.data)
        except Invalid as invalid:
            attach_errors(form, invalid)
        else:
            flash(_("The case has a new owner."), "success")
            return redirect(url_for("cases.show", case_id=case.id), code=303)
    return _page(case, CaseForm(obj=case), form), 422


def _page(case, form: CaseForm, assign_form: AssignForm | None):
    return render_template(
        "cases/show.html",
        case=case,
        form=form,
        assign_form=assign_form,
        evidence=work.evidence(current_user, case),
        sees_contact=work.sees_contact(current_user, case),
        may_change=work.may_change(current_user, case),
    )


def _assign_form(case) -> AssignForm | None:
    if not current_user.can_edit:
        return None
    form = AssignForm(owner_id=case.owner_id)
    people = work.people_for(case)
    form.owner_id.choices = choices((p.id, f"{p.name or p.email} ({p.email})") for p in people)
    return form


def attach_errors(form, invalid: Invalid) -> None:
    """Show a service's field errors at the form's fields (the rest at the first field)."""
    for name, messages in invalid.errors.items():
        field = getattr(form, name, None)
        if field is not None:
            field.errors = [*field.errors, *messages]
    if not invalid.errors:
        flash(invalid.message, "error")
