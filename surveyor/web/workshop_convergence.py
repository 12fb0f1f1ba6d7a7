"""The facilitator's convergent steps: cluster perception cards, link clusters to possible
reasons, promote reasons to causes, open the dot vote, and turn causes into measures.

Plain forms (no script needed): these are deliberate steps of one person at the front, and a
page reload after each is fine. Every id arrives from a form and is checked by the service to
belong to the workshop.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyor.forms.workshops import MeasureFromCauseForm
from surveyor.labels import localized
from surveyor.models.base import MAX_ID
from surveyor.services import tenancy
from surveyor.services.errors import Invalid
from surveyor.services.workshops import convergence, report, setup
from surveyor.services.workshops import measures as workshop_measures

bp = Blueprint("workshop_convergence", __name__)


@bp.get("/workshops/<int:workshop_id>/converge")
def show(workshop_id: int):
    workshop = tenancy.get_workshop(current_user, workshop_id)
    return render_template(
        "workshops/converge.html",
        workshop=workshop,
        perceptions=report.cards(workshop.id),
        clusters=convergence.clusters_of(workshop),
        causes=report.causes(workshop),
        measure_form=_measure_form(workshop),
    )


@bp.post("/workshops/<int:workshop_id>/clusters")
def add_cluster(workshop_id: int):
    workshop = _facilitated(workshop_id)
    _saved_or_said(convergence.add_cluster, workshop, request.form.get("title", ""), "card_ids")
    return _back(workshop.id)


@bp.post("/workshops/<int:workshop_id>/cards/cluster")
def move_card(workshop_id: int):
    """One clustered card into another cluster, or out of clusters (an empty ``cluster_id``)."""
    workshop = _facilitated(workshop_id)
    unclustered = request.form.get("cluster_id", "") == ""
    convergence.move_card(workshop, _one("card_id"), None if unclustered else _one("cluster_id"))
    return _back(workshop.id)


@bp.post("/workshops/<int:workshop_id>/reasons")
def add_reason(workshop_id: int):
    workshop = _facilitated(workshop_id)
    _saved_or_said(convergence.add_reason, workshop, request.form.get("title", ""), "cluster_ids")
    return _back(workshop.id)


@bp.post("/workshops/<int:workshop_id>/causes/promote")
def promote(workshop_id: int):
    workshop = _facilitated(workshop_id)
    cause = convergence.get_cause(workshop, _one("cause_id"))
    convergence.promote(workshop, cause)
    setup.save()
    return _back(workshop.id)


@bp.post("/workshops/<int:workshop_id>/voting")
def voting(workshop_id: int):
    workshop = _facilitated(workshop_id)
    setup.set_voting_open(workshop, request.form.get("open") == "1")
    setup.save()
    return _back(workshop.id)


@bp.post("/workshops/<int:workshop_id>/measures")
def add_measure(workshop_id: int):
    workshop = _facilitated(workshop_id)
    cause = convergence.get_cause(workshop, _one("cause_id"))
    form = _measure_form(workshop)
    if not form.validate_on_submit():
        flash(_("Please check the measure: choose a touchpoint and give it a title."), "error")
        return _back(workshop.id)
    try:
        measure = workshop_measures.measure_from_cause(
            workshop,
            cause,
            form.touchpoint_id.data,
            form.cluster.data,
            form.title.data,
            form.title_de.data or "",
            form.owner.data or "",
        )
        setup.save()
    except Invalid as invalid:
        flash(invalid.message, "error")
        return _back(workshop.id)
    flash(_("Measure created: %(title)s", title=localized(measure, "title")), "info")
    return _back(workshop.id)


def _saved_or_said(step, workshop, title: str, ids: str) -> None:
    """Run a convergent step on the chosen ids and save; a bad choice becomes a message."""
    try:
        step(workshop, title, _ids(ids))
        setup.save()
    except Invalid as invalid:
        flash(invalid.message, "error")


def _measure_form(workshop) -> MeasureFromCauseForm:
    form = MeasureFromCauseForm()
    form.touchpoint_id.choices = [(t.id, localized(t)) for t in workshop.project.touchpoints]
    return form


def _facilitated(workshop_id: int):
    workshop = tenancy.get_workshop(current_user, workshop_id)
    tenancy.require_facilitator(current_user)
    return workshop


def _ids(name: str) -> list[int]:
    return [
        int(value)
        for value in request.form.getlist(name)
        if value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID
    ]


def _one(name: str) -> int:
    found = _ids(name)
    return found[0] if found else 0


def _back(workshop_id: int):
    return redirect(url_for("workshop_convergence.show", workshop_id=workshop_id))
