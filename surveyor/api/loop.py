"""Loop metrics for BI tools, from the same service as the trend page and the workbook."""

from __future__ import annotations

from surveyor.api import bp
from surveyor.api.operation import api_user, operation
from surveyor.api.schemas.loop import LoopMetricsSchema, LoopQuerySchema
from surveyor.services import tenancy
from surveyor.services.cases import metrics


@bp.get("/projects/<int:project_id>/loop-metrics")
@operation(
    "Follow-up cases: opened, closed within the due date, median time to close",
    tag="results",
    description="Counted per project, touchpoint, location or wave. The share closed in time "
    "counts still-open overdue cases against it. 'follow_up_effects' compares the later answers "
    "of customers whose case was resolved, where a personal invitation identifies them.",
    query=LoopQuerySchema(),
    response=LoopMetricsSchema(),
)
def loop_metrics(project_id: int, args: dict):
    project = tenancy.get_project(api_user(), project_id)
    touchpoint_id = args.get("touchpoint_id")
    if touchpoint_id is not None:
        tenancy.get_touchpoint(api_user(), touchpoint_id)
    rows = metrics.loop_metrics(project, args["by"], touchpoint_id)
    if args["by"] == "location":
        rows = tenancy.keep_locations(api_user(), project.id, rows, lambda row: row.key)
    return {
        "project_id": project.id,
        "by": args["by"],
        "rows": rows,
        "follow_up_effects": metrics.follow_up_effects(project, touchpoint_id),
    }
