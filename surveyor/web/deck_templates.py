"""A client's deck template: consultants upload or remove it; viewers only use it.

The template belongs to the client (every project of the client gets the same design); it is
reached through one of the client's projects, so the usual tenancy answers 404 for others.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from surveyor.deck.canvas import DeckTemplateError
from surveyor.forms.deck_templates import DeckTemplateForm
from surveyor.services import tenancy
from surveyor.services.reports import deck_templates
from surveyor.web.editing import editable

bp = Blueprint("deck_templates", __name__)


@bp.post("/projects/<int:project_id>/deck-template")
def upload(project_id: int):
    project = editable(tenancy.get_project, project_id)
    form = DeckTemplateForm()
    if form.validate_on_submit():
        try:
            deck_templates.store(project.client_id, form.template.data.read())
        except DeckTemplateError as error:
            form.template.errors.append(str(error))
        else:
            client = project.client.name
            flash(_("New client decks of %(client)s use this template.", client=client))
            return redirect(url_for("exports.new", project_id=project.id))
    return render_template("exports/deck_template.html", project=project, form=form), 422


@bp.post("/projects/<int:project_id>/deck-template/delete")
def delete(project_id: int):
    project = editable(tenancy.get_project, project_id)
    deck_templates.remove(project.client_id)
    flash(_("New client decks of %(client)s use the default design.", client=project.client.name))
    return redirect(url_for("exports.new", project_id=project.id))
