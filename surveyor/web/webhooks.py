"""A project's webhook subscriptions: list, create and rotate the secret (shown once), pause,
resume, delete, and each subscription's delivery log. For consultants only: a subscription sends
data out."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from surveyor.forms.webhooks import WebhookForm
from surveyor.models import Project
from surveyor.services import tenancy
from surveyor.services.errors import Conflict, Invalid
from surveyor.services.webhooks import subscriptions

bp = Blueprint("webhooks", __name__, url_prefix="/projects/<int:project_id>/webhooks")
DONE = {
    "pause": _l("Webhook paused; its events wait until you resume it."),
    "resume": _l("Webhook resumed; waiting events are sent now."),
    "delete": _l("Webhook deleted."),
}


@bp.before_request
@login_required
def require_login() -> None:
    """Signed-in editors only (viewers and shoppers get 403 from ``require_editor``)."""
    tenancy.require_editor(current_user)


@bp.get("/")
def index(project_id: int):
    return _page(tenancy.get_project(current_user, project_id), WebhookForm())


@bp.post("/")
def create(project_id: int):
    project = tenancy.get_project(current_user, project_id)
    form = WebhookForm(formdata=request.form)
    if form.validate_on_submit():
        try:
            subscription, secret = subscriptions.create(
                project, current_user, form.name.data, form.url.data, form.events.data
            )
        except Invalid as invalid:
            for name, messages in invalid.errors.items():
                getattr(form, name).errors = list(messages)
        else:
            page = _page(project, WebhookForm(formdata=None), new=subscription, secret=secret)
            return page, 201, {"Cache-Control": "no-store"}
    return _page(project, form), 422


@bp.get("/<int:subscription_id>")
def show(project_id: int, subscription_id: int):
    project = tenancy.get_project(current_user, project_id)
    return _subscription_page(project, subscriptions.get(project, subscription_id))


@bp.post("/<int:subscription_id>/rotate")
def rotate(project_id: int, subscription_id: int):
    """A new secret, shown in this answer only (never stored in the session or a redirect)."""
    project = tenancy.get_project(current_user, project_id)
    subscription = subscriptions.get(project, subscription_id)
    overlap = request.form.get("previous") != "end"
    try:
        secret = subscriptions.rotate(
            subscription, current_user, overlap=overlap, seen=request.form.get("seen")
        )
    except Conflict as sent_again:
        flash(sent_again.message, "info")
        return redirect(
            url_for("webhooks.show", project_id=project.id, subscription_id=subscription_id)
        )
    page = _subscription_page(project, subscription, secret=secret)
    return page, 200, {"Cache-Control": "no-store"}


@bp.post("/<int:subscription_id>/<any(pause, resume, delete):action>")
def change(project_id: int, subscription_id: int, action: str):
    project = tenancy.get_project(current_user, project_id)
    subscription = subscriptions.get(project, subscription_id)
    getattr(subscriptions, action)(subscription, current_user)
    flash(DONE[action], "success")
    if action == "delete":
        return redirect(url_for("webhooks.index", project_id=project.id))
    return redirect(
        url_for("webhooks.show", project_id=project.id, subscription_id=subscription_id)
    )


def _subscription_page(project: Project, subscription, secret: str | None = None) -> str:
    return render_template(
        "webhooks/show.html",
        project=project,
        subscription=subscription,
        deliveries=subscriptions.deliveries_of(subscription),
        limit=subscriptions.LOG_SIZE,
        in_grace=subscriptions.in_grace(subscription),
        secret_version=subscriptions.secret_version(subscription),
        secret=secret,
    )


def _page(project: Project, form: WebhookForm, new=None, secret: str | None = None) -> str:
    return render_template(
        "webhooks/index.html",
        project=project,
        form=form,
        subscriptions=subscriptions.subscriptions_of(project),
        counts=subscriptions.counts_of(project),
        new=new,
        secret=secret,
    )
