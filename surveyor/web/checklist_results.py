"""Mystery-shop results of a project: per touchpoint, section, Kano tag, location, competitor."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user

from surveyor.models import Project
from surveyor.services import tenancy
from surveyor.services.results import checklist_overview
from surveyor.services.results import checklist_results as results
from surveyor.web import checklist_display

bp = Blueprint("checklist_results", __name__)
bp.context_processor(checklist_display.helpers)
SHOP_LIST = 200  # newest shops listed for drill-down; the aggregates above cover them all


@bp.get("/projects/<int:project_id>/checklist-results")
def project(project_id: int):
    found = tenancy.get_project(current_user, project_id)
    tenancy.refuse_location_limited(current_user, found.id)
    filters = _filters(found)
    shops = results.recent_shops(found.id, SHOP_LIST, **filters)
    return render_template(
        "checklists/results.html",
        project=found,
        filters=filters,
        touchpoints=[
            tp for tp in found.touchpoints if any(i.kind == "checklist" for i in tp.instruments)
        ],
        overview=checklist_overview.overview(found.id, **filters),
        shops=shops,
        shop_limit=SHOP_LIST,
        photo_counts=results.photos_of([row.key[0] for row in shops]),
    )


def _filters(project: Project) -> dict:
    """Wave and touchpoint from the query string; unknown ids are ignored, not trusted."""
    filters: dict = {}
    wave_id = request.args.get("wave", type=int)
    if wave_id in {wave.id for wave in project.waves}:
        filters["wave_ids"] = [wave_id]
    touchpoint_id = request.args.get("touchpoint", type=int)
    if touchpoint_id in {touchpoint.id for touchpoint in project.touchpoints}:
        filters["touchpoint_id"] = touchpoint_id
    return filters
