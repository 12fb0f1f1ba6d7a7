"""The consultant's start page: the clients they serve and each client's projects."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyor.forms.journey import ClientForm, ProjectForm
from surveyor.services import tenancy
from surveyor.services.projects import journey
from surveyor.web.editing import editable

bp = Blueprint("clients", __name__, url_prefix="/clients")


@bp.get("/")
def index():
    return render_template("clients/index.html", clients=journey.clients_for(current_user))


@bp.route("/new", methods=["GET", "POST"])
def create():
    tenancy.require_editor(current_user)
    if not current_user.is_admin:
        flash(_("Only administrators create clients."), "error")
        return redirect(url_for("clients.index"))
    form = ClientForm()
    if form.validate_on_submit():
        client = journey.save_client(form.name.data)
        return redirect(url_for("clients.show", client_id=client.id))
    return render_template("form_page.html", form=form, title=_("New client"))


@bp.get("/<int:client_id>")
def show(client_id: int):
    client = tenancy.get_client(current_user, client_id)
    return render_template("clients/show.html", client=client)


@bp.route("/<int:client_id>/edit", methods=["GET", "POST"])
def edit(client_id: int):
    client = editable(tenancy.get_client, client_id)
    form = ClientForm(obj=client)
    if form.validate_on_submit():
        journey.update(client, {"name": form.name.data.strip()})
        return redirect(url_for("clients.show", client_id=client.id))
    return render_template("form_page.html", form=form, title=_("Edit client"))


@bp.route("/<int:client_id>/projects/new", methods=["GET", "POST"])
def create_project(client_id: int):
    client = editable(tenancy.get_client, client_id)
    form = ProjectForm()
    if form.validate_on_submit():
        project = journey.save_project(
            client, form.name.data, form.description.data, form.language.data
        )
        return redirect(url_for("journey.project", project_id=project.id))
    return render_template(
        "form_page.html", form=form, title=_("New project for %(client)s", client=client.name)
    )
