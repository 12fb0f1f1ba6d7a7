"""Results for BI tools: Kano per feature, checklist scores, and trends across waves.

The figures come from the same services as the workspace pages (one SQL GROUP BY each), so the
API and the workspace never disagree.
"""

from __future__ import annotations

from surveyor.api import bp
from surveyor.api.invitations import wave_of_project
from surveyor.api.operation import api_user, operation, validation_failed
from surveyor.api.schemas.results import (
    ChecklistQuerySchema,
    ChecklistScoresSchema,
    KanoQuerySchema,
    KanoResultsSchema,
)
from surveyor.api.schemas.trends import TouchpointTrendSchema, TrendQuerySchema
from surveyor.services import tenancy
from surveyor.services.results import checklist_results, kano_results, trends


@bp.get("/instruments/<int:instrument_id>/results/kano")
@operation(
    "Kano results per feature for one wave",
    tag="results",
    description="Category by the evaluation table with Berger et al.'s tie rule (M > O > A > I), "
    "better/worse coefficients, category strength, Fong's test, and the continuous analysis.",
    query=KanoQuerySchema(),
    response=KanoResultsSchema(),
)
def kano(instrument_id: int, args: dict):
    instrument = tenancy.get_instrument(api_user(), instrument_id)
    if instrument.kind != "kano":
        raise validation_failed({"_schema": ["This instrument is not a Kano questionnaire."]})
    wave = wave_of_project(instrument, args["wave_id"])
    group = args.get("respondent_group")
    features = kano_results.feature_results(instrument, wave, group, args["locale"])
    return {
        "instrument_id": instrument.id,
        "wave_id": wave.id,
        "respondent_group": group,
        "items": features,
    }


@bp.get("/projects/<int:project_id>/results/checklist")
@operation(
    "Checklist scores (points earned / possible) of approved shops",
    tag="results",
    description="Pooled over all approved shops matching the filters; not-applicable items "
    "count neither as earned nor as possible. 'percent' is null when nothing was applicable.",
    query=ChecklistQuerySchema(),
    response=ChecklistScoresSchema(),
)
def checklist(project_id: int, args: dict):
    project = tenancy.get_project(api_user(), project_id)
    by = [name for name in args.pop("by").split(",") if name]
    _within_locations(project.id, by, args.get("location_id"))
    wave_id = args.pop("wave_id", None)
    filters = {**args, "wave_ids": None if wave_id is None else [wave_id]}
    rows = checklist_results.scores(project.id, by, **filters)
    return {"by": by, "items": rows}


@bp.get("/touchpoints/<int:touchpoint_id>/results/trends")
@operation(
    "A touchpoint's results across waves, with intervals and significance tests",
    tag="results",
    description="Kano category drift per feature (chi-square), checklist scores (Wilson "
    "intervals, two-proportion z-test), CSAT/CES means (Welch's t-test), NPS, the touchpoint "
    "index and the project's weighted index. Planned waves are left out.",
    query=TrendQuerySchema(),
    response=TouchpointTrendSchema(),
)
def touchpoint_trends(touchpoint_id: int, args: dict):
    touchpoint = tenancy.get_touchpoint(api_user(), touchpoint_id)
    return trends.touchpoint_trend(touchpoint, args["locale"])


def _within_locations(project_id: int, by: list[str], location_id: int | None) -> None:
    """Staff limited to locations read the checklist scores of their own locations (or the
    client's totals), never another branch's: 404 for another location, 403 for a grouping by
    location or shop that does not name one of theirs. Others' requests are left as they were."""
    if not tenancy.is_location_limited(api_user()):
        return
    if location_id is not None:
        tenancy.require_location(api_user(), tenancy.get_location(api_user(), location_id))
    elif {"location", "shop"} & set(by):
        tenancy.refuse_location_limited(api_user(), project_id)
