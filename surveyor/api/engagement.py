"""The engagement of a project: its client interview and its progress along the ten steps."""

from __future__ import annotations

from surveyor import labels
from surveyor.api import bp
from surveyor.api.operation import api_user, operation
from surveyor.api.schemas.engagement import EngagementSchema, InterviewSchema
from surveyor.services import tenancy
from surveyor.services.engagement import interview, tracker
from surveyor.services.errors import NotFound


@bp.get("/projects/<int:project_id>/engagement")
@operation(
    "The project's progress along the ten steps of the touchpoint method",
    tag="engagement",
    response=EngagementSchema(),
    description="Each step carries the evidence Surveyor holds, what is missing and the "
    "consultant's note; names and sentences follow the Accept-Language header.",
)
def get_engagement(project_id: int):
    project = tenancy.get_project(api_user(), project_id)
    steps = [
        {**vars(step), "name": labels.engagement_step_label(step.step)}
        for step in tracker.progress(project)
    ]
    return {"project_id": project.id, "steps": steps}


@bp.get("/projects/<int:project_id>/interview")
@operation(
    "The client interview of a project (404 until it is recorded)",
    tag="engagement",
    response=InterviewSchema(),
)
def get_interview(project_id: int):
    project = tenancy.get_project(api_user(), project_id)
    recorded = interview.interview_of(project)
    if recorded is None:
        raise NotFound("The client interview has not been recorded yet.")
    return recorded
