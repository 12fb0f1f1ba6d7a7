"""The scorecard per feature, and linking a checklist item to the Kano feature it observes."""

from __future__ import annotations

from surveyor.api import bp
from surveyor.api.operation import api_user, operation
from surveyor.api.schemas.scorecards import (
    FEATURE_LINK_LIST,
    FeatureLinkSchema,
    ScorecardQuerySchema,
    ScorecardSchema,
)
from surveyor.services import tenancy
from surveyor.services.scorecards import links
from surveyor.services.scorecards.table import scorecard_rows


@bp.get("/projects/<int:project_id>/scorecard")
@operation(
    "Scorecard per feature: Kano category, shopper compliance and priority per location",
    tag="results",
    description="One row per linked Kano feature for all own locations, then one per location. "
    "Rank 1 (a basic feature shoppers find missing) first; rank 4 marks a delighter delivered "
    "everywhere, which customers now expect.",
    query=ScorecardQuerySchema(),
    response=ScorecardSchema(),
)
def scorecard(project_id: int, args: dict):
    project = tenancy.get_project(api_user(), project_id)
    tenancy.refuse_location_limited(api_user(), project.id)
    return {"items": scorecard_rows(project, args.get("wave_id"), args["locale"])}


@bp.get("/projects/<int:project_id>/scorecard/links")
@operation(
    "List which checklist item observes which Kano feature",
    tag="results",
    response=FEATURE_LINK_LIST,
)
def list_feature_links(project_id: int):
    project = tenancy.get_project(api_user(), project_id)
    tenancy.refuse_location_limited(api_user(), project.id)
    return {"items": links.project_links(project)}


@bp.post("/projects/<int:project_id>/scorecard/links")
@operation(
    "Link a checklist item to the Kano feature it observes",
    tag="results",
    description="Linking an item that is already linked moves its link.",
    body=FeatureLinkSchema(),
    response=None,
    status=204,
)
def link_feature(project_id: int, data: dict):
    project = tenancy.get_project(api_user(), project_id)
    tenancy.require_editor(api_user())
    links.save_link(project, data["checklist_item"], data["kano_feature"])


@bp.delete("/projects/<int:project_id>/scorecard/links/<int:link_id>")
@operation(
    "Remove a feature link (the checklist item then observes no feature)",
    tag="results",
    response=None,
    status=204,
)
def unlink_feature(project_id: int, link_id: int):
    project = tenancy.get_project(api_user(), project_id)
    tenancy.require_editor(api_user())
    links.unlink(project, link_id)
