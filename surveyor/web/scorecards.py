"""The scorecard per feature: Kano category against shopper compliance, and the priority."""

from __future__ import annotations

from flask import Blueprint, redirect, request, url_for
from flask_babel import get_locale
from flask_login import current_user

from surveyor.forms.scorecards import FeatureLinkForm
from surveyor.services import tenancy
from surveyor.services.errors import Invalid
from surveyor.services.scorecards import cards, links
from surveyor.web.editing import editable
from surveyor.web.form_pages import form_page

bp = Blueprint("scorecards", __name__)


@bp.route("/projects/<int:project_id>/scorecard", methods=["GET", "POST"])
def show(project_id: int):
    project = tenancy.get_project(current_user, project_id)
    tenancy.refuse_location_limited(current_user, project.id)
    locale = str(get_locale())
    form = FeatureLinkForm()
    form.checklist_item.choices = _options(links.choices(project, "checklist", locale))
    form.kano_feature.choices = _options(links.choices(project, "kano", locale))
    if form.is_submitted():
        tenancy.require_editor(current_user)
    if form.validate_on_submit():
        try:
            links.save_link(project, form.checklist_item.data, form.kano_feature.data)
        except Invalid as error:
            form.kano_feature.errors = [error.message]
        else:
            return redirect(url_for("scorecards.show", project_id=project.id))
    wave_id = request.args.get("wave_id", type=int)
    card = cards.build_scorecard(project, wave_id, locale)
    return form_page(
        "scorecards/show.html",
        form,
        project=project,
        scorecard=card,
        links=links.project_links(project),
        texts=_texts(form),
    )


@bp.post("/projects/<int:project_id>/scorecard/links/<int:link_id>/delete")
def unlink(project_id: int, link_id: int):
    project = editable(tenancy.get_project, project_id)
    links.unlink(project, link_id)
    return redirect(url_for("scorecards.show", project_id=project.id))


def _options(found: list[links.Choice]) -> list[tuple[str, str]]:
    return [(choice.value, f"{choice.instrument}: {choice.text}") for choice in found]


def _texts(form: FeatureLinkForm) -> dict[str, str]:
    return dict(form.checklist_item.choices) | dict(form.kano_feature.choices)
