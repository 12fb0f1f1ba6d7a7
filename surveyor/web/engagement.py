"""The engagement pages: the client interview and the ten-step tracker of a project."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyor.forms.engagement import InterviewForm, StepNoteForm
from surveyor.services import tenancy
from surveyor.services.engagement import interview, tracker, workbook
from surveyor.services.errors import Invalid
from surveyor.web.editing import editable
from surveyor.web.form_pages import form_page

bp = Blueprint("engagement", __name__)


@bp.get("/projects/<int:project_id>/engagement")
def show(project_id: int):
    project = tenancy.get_project(current_user, project_id)
    return _tracker_page(project)


@bp.post("/projects/<int:project_id>/engagement/<int:step>")
def save_step(project_id: int, step: int):
    project = editable(tenancy.get_project, project_id)
    form = StepNoteForm(prefix=f"step{step}")
    if not form.validate_on_submit():
        return _tracker_page(project, failed={step: form}), 422
    try:
        tracker.save_note(project, step, form.note.data or "", bool(form.done.data))
    except Invalid as error:
        form.note.errors = list(error.errors.get("note", [error.message]))
        return _tracker_page(project, failed={step: form}), 422
    return redirect(url_for("engagement.show", project_id=project.id, _anchor=f"step-{step}"))


@bp.get("/projects/<int:project_id>/engagement.xlsx")
def download(project_id: int):
    project = tenancy.get_project(current_user, project_id)
    data, name = workbook.engagement_workbook(project)
    return send_file(
        data,
        as_attachment=True,
        download_name=name,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@bp.route("/projects/<int:project_id>/interview", methods=["GET", "POST"])
def edit_interview(project_id: int):
    project = tenancy.get_project(current_user, project_id)
    recorded = interview.interview_of(project)
    if not current_user.can_edit:
        if request.method == "POST":
            tenancy.require_editor(current_user)  # raises: client staff read the interview
        return render_template("engagement/interview.html", project=project, interview=recorded)
    form = InterviewForm(obj=recorded)
    if form.validate_on_submit():
        interview.save_interview(
            project, **{name: getattr(form, name).data for name in interview.FIELDS}
        )
        return redirect(url_for("engagement.show", project_id=project.id))
    title = _("Client interview")
    return form_page("engagement/interview_form.html", form, project=project, title=title)


def _tracker_page(project, failed: dict | None = None):
    steps = tracker.progress(project)
    forms = {}
    for step in steps:
        form = (failed or {}).get(step.step) or StepNoteForm(
            prefix=f"step{step.step}",
            formdata=None,
            data={"note": step.note, "done": step.confirmed},
        )
        forms[step.step] = form
    return render_template(
        "engagement/tracker.html",
        project=project,
        steps=steps,
        forms=forms,
        interview=interview.interview_of(project),
    )
