"""The facilitator's side of a workshop: the list per project, the live board, the switches.

The board page renders once; ``static/workshop/board.js`` then polls ``board.json`` with
``If-None-Match`` (see :mod:`surveyor.services.workshops.board` for why polling), so cards from
the phones appear within about two seconds without a reload.
"""

from __future__ import annotations

import segno
from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyor.forms.workshops import WorkshopForm
from surveyor.models.workshops import WORLDS
from surveyor.services import tenancy
from surveyor.services.workshops import board, setup
from surveyor.web.form_pages import form_page
from surveyor.web.workshop_polling import conditional_json, cursor

bp = Blueprint("workshops", __name__)


@bp.route("/projects/<int:project_id>/workshops", methods=["GET", "POST"])
def index(project_id: int):
    project = tenancy.get_project(current_user, project_id)
    form = WorkshopForm()
    if form.is_submitted():
        tenancy.require_facilitator(current_user)
    if form.validate_on_submit():
        workshop = setup.create_workshop(
            project,
            current_user.id,
            form.title.data,
            form.title_de.data or "",
            form.held_on.data,
            form.card_limit.data,
            form.vote_budget.data,
        )
        setup.save()
        return redirect(url_for("workshops.show", workshop_id=workshop.id))
    return form_page(
        "workshops/index.html", form, project=project, workshops=setup.workshops_of(project)
    )


@bp.get("/workshops/<int:workshop_id>")
def show(workshop_id: int):
    workshop = tenancy.get_workshop(current_user, workshop_id)
    join_url = url_for("workshop_join.welcome", join_token=workshop.join_code, _external=True)
    qr_svg = segno.make(join_url, error="m").svg_inline(scale=5, title=_("QR code to join"))
    return render_template(
        "workshops/board.html",
        workshop=workshop,
        worlds=WORLDS,
        join_url=join_url,
        qr_svg=qr_svg,
        board_url=url_for("workshops.board_json", workshop_id=workshop.id),
    )


@bp.get("/workshops/<int:workshop_id>/board.json")
def board_json(workshop_id: int):
    workshop = tenancy.get_workshop(current_user, workshop_id)
    after, revision = cursor()
    return conditional_json(
        board.version(workshop.id),
        lambda: board.state(workshop, with_names=True, after=after, revision=revision),
    )


@bp.post("/workshops/<int:workshop_id>/world")
def open_world(workshop_id: int):
    workshop = _facilitated(workshop_id)
    setup.open_world(workshop, request.form.get("world", ""))
    setup.save()
    return redirect(url_for("workshops.show", workshop_id=workshop.id))


@bp.post("/workshops/<int:workshop_id>/join")
def join_code(workshop_id: int):
    workshop = _facilitated(workshop_id)
    setup.set_join_open(workshop, request.form.get("open") == "1")
    setup.save()
    return redirect(url_for("workshops.show", workshop_id=workshop.id))


def _facilitated(workshop_id: int):
    workshop = tenancy.get_workshop(current_user, workshop_id)
    tenancy.require_facilitator(current_user)
    return workshop
