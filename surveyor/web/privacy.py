"""Data subjects' requests (GDPR Art. 15 and 17) and the audit log, in the workspace.

The person's e-mail address travels in POST bodies only. Each export and erasure is written to the
audit log; an erasure's event says who erased and when, never whose data it was.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from surveyor.forms.privacy import ErasureForm, PersonRequestForm, PrivacySettingsForm
from surveyor.models.audit import AUDIT_ACTIONS
from surveyor.services import tenancy
from surveyor.services.privacy import audit, personal_data, personal_workbook, privacy_notice
from surveyor.web.audit_filter import filter_from_args

bp = Blueprint("privacy", __name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.before_request
@login_required
def require_staff() -> None:
    """Consultants serve requests for their clients; the audit log is for administrators."""
    if not current_user.can_edit:
        abort(404)


@bp.route("/privacy/requests", methods=["GET", "POST"])
def person():
    form = PersonRequestForm()
    data = None
    if form.validate_on_submit():
        data = personal_data.find(current_user, form.email.data)
    status = 422 if form.errors else 200
    erasure = ErasureForm(formdata=None, email=form.email.data)
    return render_template("privacy/person.html", form=form, data=data, erasure=erasure), status


@bp.post("/privacy/requests/export.<any(json, xlsx):kind>")
def export(kind: str):
    form = PersonRequestForm()
    if not form.validate_on_submit():
        abort(400, _("Enter the e-mail address of the person."))
    document = personal_data.as_document(personal_data.find(current_user, form.email.data))
    audit.record_now("person.exported", current_user, details={"format": kind})
    if kind == "json":
        body, mimetype = json.dumps(document, ensure_ascii=False, indent=2), "application/json"
    else:
        body, mimetype = personal_workbook.build(document), XLSX
    headers = {
        "Content-Disposition": f'attachment; filename="personal-data.{kind}"',
        "Cache-Control": "no-store",
    }
    return Response(body, mimetype=mimetype, headers=headers)


@bp.post("/privacy/requests/erase")
def erase():
    form = ErasureForm()
    if not form.validate_on_submit():
        data = None
        if not form.email.errors:
            data = personal_data.find(current_user, form.email.data)
        page = render_template(
            "privacy/person.html", form=PersonRequestForm(formdata=None), data=data, erasure=form
        )
        return page, 422
    personal_data.erase(current_user, personal_data.find(current_user, form.email.data))
    flash(
        _("The person's data has been erased. The audit log records that it happened."), "success"
    )
    return redirect(url_for("privacy.person"))


@bp.route("/projects/<int:project_id>/privacy", methods=["GET", "POST"])
def project_settings(project_id: int):
    project = tenancy.get_project(current_user, project_id)
    form = PrivacySettingsForm(obj=project)
    if form.validate_on_submit():
        privacy_notice.save_settings(project, form.model_data)
        flash(_("Privacy settings saved."), "success")
        return redirect(url_for("privacy.project_settings", project_id=project.id))
    title = _("Privacy notice and retention: %(project)s", project=project.name)
    return render_template("form_page.html", form=form, title=title), 422 if form.errors else 200


@bp.get("/admin/audit")
def audit_log():
    wanted, problem = filter_from_args(request.args)
    events = audit.events(current_user, wanted)
    if problem:
        flash(problem, "error")
    return render_template(
        "privacy/audit.html",
        events=events,
        wanted=wanted,
        actions=AUDIT_ACTIONS,
        limit=audit.PAGE_SIZE,
    )
