"""A measure's pilot: choose the pilot locations, see the difference in differences."""

from __future__ import annotations

from flask import Blueprint, redirect, url_for
from flask_login import current_user

from surveyor.forms.pilots import PilotForm
from surveyor.services import tenancy
from surveyor.services.errors import Invalid
from surveyor.services.pilots import effects, selection
from surveyor.services.projects import measures
from surveyor.web.form_pages import form_page

bp = Blueprint("pilots", __name__)


@bp.route("/measures/<int:measure_id>/pilot", methods=["GET", "POST"])
def show(measure_id: int):
    measure = measures.get_measure(current_user, measure_id)
    tenancy.refuse_location_limited(current_user, measure.touchpoint.project_id)
    form = PilotForm(location_ids=[location.id for location in measure.pilot_locations])
    form.location_ids.choices = [(loc.id, loc.name) for loc in selection.candidates(measure)]
    if form.is_submitted():
        tenancy.require_editor(current_user)
    if form.validate_on_submit():
        try:
            selection.choose_pilot_locations(measure, form.location_ids.data)
        except Invalid as error:
            form.location_ids.errors = [error.message]
        else:
            return redirect(url_for("pilots.show", measure_id=measure.id))
    report = effects.pilot_report(measure)
    return form_page("measures/pilot.html", form, measure=measure, report=report)
