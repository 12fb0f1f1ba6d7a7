"""Results by location and region: the consultant's ranking and the report cards of a branch
and of a region.

Views parse the query string, call :mod:`surveyor.services.locations.results` and
:mod:`~surveyor.services.locations.region_card`, and render; both cards' workbooks are built by
:mod:`surveyor.export.sheets.location_card` from :mod:`~surveyor.services.locations.card_content`.
"""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from surveyor.export.sheets.location_card import report_card_workbook
from surveyor.forms.locations import MinimumForm
from surveyor.labels import LOCATION_METRICS
from surveyor.services import tenancy
from surveyor.services.locations import card_content, region_card, results
from surveyor.services.locations.scores import METRICS

bp = Blueprint("location_results", __name__)


@bp.before_request
@login_required
def require_login() -> None:
    """Every page of this blueprint is for signed-in users only."""


@bp.get("/projects/<int:project_id>/locations/results")
def ranking(project_id: int):
    project = tenancy.get_project(current_user, project_id)
    wave = _chosen_wave(project)
    instruments = results.kano_instruments(project)
    instrument = next(
        (i for i in instruments if i.id == request.args.get("instrument", type=int)), None
    )
    found = results.ranking(current_user, project, wave, _metric(), instrument)
    return render_template(
        "locations/ranking.html",
        ranking=found,
        instruments=instruments,
        metrics=LOCATION_METRICS,
        form=MinimumForm(min_n=project.min_location_n),
        shown=_shown(),
    )


@bp.post("/projects/<int:project_id>/locations/minimum")
def minimum(project_id: int):
    project = tenancy.get_project(current_user, project_id)
    tenancy.require_editor(current_user)
    form = MinimumForm()
    if form.validate_on_submit():
        results.save_min_n(project, form.min_n.data)
        flash(_("Locations need %(n)s answers for a rank now.", n=form.min_n.data), "success")
    else:
        flash(_("Choose a minimum from 1 to 100,000."), "error")
    return redirect(url_for("location_results.ranking", project_id=project.id, **_shown()))


@bp.get("/locations/<int:location_id>/card")
def card(location_id: int):
    location = tenancy.get_location_results(current_user, location_id)
    found = results.report_card(current_user, location, _metric())
    # The region's own card, for those who may open it (not staff limited to one branch).
    scope = tenancy.location_scope(current_user, location.project_id)
    region = found.region if found.region and (scope is None or found.region.id in scope) else None
    return render_template(
        "locations/card.html", card=found, metrics=LOCATION_METRICS, region_card=region
    )


@bp.get("/locations/<int:location_id>/card.xlsx")
def card_workbook(location_id: int):
    location = tenancy.get_location_results(current_user, location_id)
    found = results.report_card(current_user, location, _metric())
    name = f"report-card-{location.code or location.id}.xlsx"
    return _workbook(report_card_workbook(card_content.of_branch(found)), name)


@bp.get("/regions/<int:region_id>/card")
def region(region_id: int):
    found = region_card.region_card(
        current_user, tenancy.get_location_results(current_user, region_id), _metric()
    )
    return render_template("locations/region_card.html", card=found, metrics=LOCATION_METRICS)


@bp.get("/regions/<int:region_id>/card.xlsx")
def region_workbook(region_id: int):
    found = region_card.region_card(
        current_user, tenancy.get_location_results(current_user, region_id), _metric()
    )
    name = f"region-report-card-{found.region.code or found.region.id}.xlsx"
    return _workbook(report_card_workbook(card_content.of_region(found)), name)


def _workbook(data: bytes, name: str) -> Response:
    return Response(
        data,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _metric() -> str:
    metric = request.args.get("metric", "index")
    return metric if metric in METRICS else "index"


def _shown() -> dict[str, str]:
    """The wave, metric and questionnaire on screen: saving the minimum returns to them."""
    return {
        key: request.args[key] for key in ("wave", "metric", "instrument") if key in request.args
    }


def _chosen_wave(project):
    wanted = request.args.get("wave", type=int)
    return next((wave for wave in project.waves if wave.id == wanted), None)
