"""Excel and PowerPoint downloads: ask for a workbook or a client deck, watch its progress,
download it when it is ready.

The request that asks only queues a job for ``surveyor scheduler``
(:mod:`surveyor.services.reports.exports`, :mod:`surveyor.services.reports.export_worker`), so it
answers at once however large the project; the job page refreshes itself (an HTTP ``Refresh``
header, no JavaScript needed) until the download link appears.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale
from flask_login import current_user

from surveyor.forms import choices
from surveyor.forms.deck_templates import DeckTemplateForm
from surveyor.forms.exports import ExportForm
from surveyor.services import tenancy
from surveyor.services.reports import deck_templates, exports
from surveyor.services.reports.scope import ScopeError, resolve_scope

bp = Blueprint("exports", __name__)
REFRESH_SECONDS = 2
MIMETYPES = {
    "workbook": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "deck": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


@bp.route("/projects/<int:project_id>/exports", methods=["GET", "POST"])
def new(project_id: int):
    project = tenancy.get_project(current_user, project_id)
    tenancy.refuse_location_limited(current_user, project.id)
    form = ExportForm()
    form.waves.choices = choices((wave.sequence, wave.label) for wave in project.waves)
    form.touchpoints.choices = choices((t.id, t.name) for t in project.touchpoints)
    if not form.is_submitted():
        form.lang.data = "de" if str(get_locale()) == "de" else "en"
    if form.validate_on_submit():
        touchpoints = [str(touchpoint) for touchpoint in form.touchpoints.data]
        try:
            scope = resolve_scope(project, form.waves.data, touchpoints, form.lang.data)
        except ScopeError as error:
            form.waves.errors.append(str(error))
        else:
            kind = "deck" if request.form.get("kind") == "deck" else "workbook"
            job = exports.request_export(current_user, project, scope, kind)
            return redirect(url_for("exports.show", job_id=job.id))
    status = 422 if form.errors else 200
    jobs = exports.recent_jobs(project)
    return (
        render_template(
            "exports/new.html",
            project=project,
            form=form,
            jobs=jobs,
            template_form=DeckTemplateForm(),
            has_deck_template=deck_templates.template_of(project.client_id) is not None,
        ),
        status,
    )


@bp.get("/exports/<int:job_id>")
def show(job_id: int):
    job = exports.job_for(current_user, job_id)
    page = render_template("exports/show.html", job=job, project=job.project)
    headers = {} if job.is_finished else {"Refresh": str(REFRESH_SECONDS)}
    return page, 200, headers


@bp.get("/exports/<int:job_id>/download")
def download(job_id: int):
    job, path = exports.download(current_user, job_id)
    mimetype = MIMETYPES.get(job.kind, MIMETYPES["workbook"])
    return send_file(path, mimetype=mimetype, as_attachment=True, download_name=job.filename)
