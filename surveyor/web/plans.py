"""A project's measurement plan, its waves opened and closed by hand, and the e-mail outbox."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from surveyor.forms import choices
from surveyor.forms.plans import RECURRENCE_LABELS, PlanForm
from surveyor.labels import instrument_kind_label, localized
from surveyor.models.base import utcnow
from surveyor.services import tenancy
from surveyor.services.messaging import mail
from surveyor.services.shops import plans
from surveyor.services.waves import scheduling
from surveyor.web.editing import editable
from surveyor.web.form_pages import form_page

bp = Blueprint("plans", __name__)
OUTBOX_PAGE = 200
NOT_OPENED = {
    "not_due": _l("No period of this plan is due yet."),
    "exists": _l("The current period's wave already exists."),
    "over": _l(
        "The current period's field time is over; the next wave opens when its period is due."
    ),
}


@bp.route("/projects/<int:project_id>/plan", methods=["GET", "POST"])
def edit(project_id: int):
    project = tenancy.get_project(current_user, project_id)
    plan = plans.plan_of(project)
    if request.method == "POST":
        tenancy.require_editor(current_user)
    form = PlanForm(data=plans.form_data(plan) if plan and request.method == "GET" else None)
    form.instrument_ids.choices = choices(
        (i.id, f"{localized(i.touchpoint)}: {i.name} ({instrument_kind_label(i.kind)})")
        for i in plans.instruments_of(project)
    )
    form.location_ids.choices = choices((loc.id, loc.name) for loc in project.locations)
    if form.validate_on_submit():
        plans.save_plan(project, plan, form.data)
        flash(_("Measurement plan saved."), "success")
        return redirect(url_for("plans.edit", project_id=project.id))
    return form_page(
        "plans/edit.html", form, project=project, plan=plan, recurrence_labels=RECURRENCE_LABELS
    )


@bp.post("/projects/<int:project_id>/plan/open-now")
def open_now(project_id: int):
    project = editable(tenancy.get_project, project_id)
    plan = plans.plan_of(project)
    if plan is None:
        flash(_("Save a measurement plan first."), "error")
    elif reason := scheduling.open_now(plan, utcnow()):
        flash(NOT_OPENED[reason], "info")
    else:
        flash(_("The wave of the current period is open."), "success")
    return redirect(url_for("plans.edit", project_id=project.id))


@bp.post("/waves/<int:wave_id>/<any(open, close):action>")
def change_wave(wave_id: int, action: str):
    wave = editable(tenancy.get_wave, wave_id)
    scheduling.set_wave_open(wave, action == "open", utcnow())
    return redirect(url_for("plans.edit", project_id=wave.project_id))


@bp.get("/outbox")
def outbox():
    """E-mails of the user's clients' projects, newest first (admins: all)."""
    tenancy.require_editor(current_user)
    messages = mail.outbox_of(current_user, OUTBOX_PAGE)
    return render_template(
        "plans/outbox.html", messages=messages, smtp=mail.smtp_configured(), limit=OUTBOX_PAGE
    )
