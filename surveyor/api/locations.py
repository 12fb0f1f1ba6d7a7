"""Results by location for BI tools: the ranking of a wave and the report cards of a branch and
of a region.

The same service as the workspace pages (surveyor/services/locations/results.py), so the API
and the pages never disagree; client staff limited to locations get only their rows.
"""

from __future__ import annotations

from dataclasses import asdict

from surveyor.api import bp
from surveyor.api.operation import api_user, operation, validation_failed
from surveyor.api.schemas.locations import (
    CardQuerySchema,
    RankingQuerySchema,
    RankingSchema,
    RegionCardSchema,
    ReportCardSchema,
)
from surveyor.models import Instrument
from surveyor.services import tenancy
from surveyor.services.errors import NotFound
from surveyor.services.locations import region_card, results
from surveyor.services.locations.results import Unit
from surveyor.services.locations.scores import WaveScores


@bp.get("/projects/<int:project_id>/results/locations")
@operation(
    "Branches and regions ranked by a metric in one wave",
    tag="results",
    description="CSAT, NPS, CES and contacts from customer answers, checklist scores from "
    "approved shops, and the weighted touchpoint index, each with n and a 95 % interval. "
    "Units with fewer answers than the project's min_n have rank null and small_sample true.",
    query=RankingQuerySchema(),
    response=RankingSchema(),
)
def location_ranking(project_id: int, args: dict):
    project = tenancy.get_project(api_user(), project_id)
    wave = None
    if args.get("wave_id") is not None:
        wave = tenancy.get_wave(api_user(), args["wave_id"])
        if wave.project_id != project.id:
            raise validation_failed({"wave_id": ["No such wave in this project."]})
    instrument = None
    if args.get("instrument_id") is not None:
        instrument = _kano_instrument(project.id, args["instrument_id"])
    found = results.ranking(api_user(), project, wave, args["metric"], instrument)
    return {
        "project_id": project.id,
        "wave_id": found.wave.id if found.wave else None,
        "metric": found.metric,
        "min_n": found.min_n,
        "ranked_branches": found.ranked_branches,
        "branches": [_unit(unit) for unit in found.branches],
        "regions": [_unit(unit) for unit in found.regions],
        "client": _scores(found.client.scores),
    }


@bp.get("/locations/<int:location_id>/report-card")
@operation(
    "A branch against its region and the whole client, wave over wave",
    tag="results",
    query=CardQuerySchema(),
    response=ReportCardSchema(),
)
def report_card(location_id: int, args: dict):
    location = tenancy.get_location_results(api_user(), location_id)
    card = results.report_card(api_user(), location, args["metric"])
    return {
        "location_id": location.id,
        "region_id": card.region.id if card.region else None,
        "metric": card.metric,
        "min_n": card.min_n,
        "waves": [
            _wave(row, location=row.location, region=row.region, client=row.client)
            for row in card.rows
        ],
    }


@bp.get("/regions/<int:region_id>/report-card")
@operation(
    "A region against the whole client, wave over wave, with its branches",
    tag="results",
    description="The region pools its branches' answers. Its branches come with their scores "
    "in the newest wave and their rank among all the client's branches. Client staff limited "
    "to a single branch, or to another region, get 404.",
    query=CardQuerySchema(),
    response=RegionCardSchema(),
)
def region_report_card(region_id: int, args: dict):
    region = tenancy.get_location_results(api_user(), region_id)
    card = region_card.region_card(api_user(), region, args["metric"])
    return {
        "region_id": region.id,
        "name": region.name,
        "metric": card.metric,
        "min_n": card.min_n,
        "waves": [_wave(row, region=row.region, client=row.client) for row in card.rows],
        "branches_wave_id": card.newest.wave.id if card.newest else None,
        "ranked_branches": card.ranked_branches,
        "branches": [_unit(unit) for unit in card.branches],
    }


def _kano_instrument(project_id: int, instrument_id: int) -> Instrument:
    """A Kano questionnaire of the project, else a field error (another client's is unknown)."""
    try:
        instrument = tenancy.get_instrument(api_user(), instrument_id)
    except NotFound:
        instrument = None
    if (
        instrument is None
        or instrument.kind != "kano"
        or (instrument.touchpoint.project_id != project_id)
    ):
        raise validation_failed({"instrument_id": ["No such Kano questionnaire in this project."]})
    return instrument


def _wave(row, **units: WaveScores | None) -> dict:
    """One wave of a report card: its rank and the scores of the units it compares."""
    found = {"wave_id": row.wave.id, "label": row.wave.label, "rank": row.rank}
    found["ranked"] = row.ranked
    return found | {name: _scores(s) if s else None for name, s in units.items()}


def _unit(unit: Unit) -> dict:
    return {
        "location_id": unit.location.id,
        "name": unit.location.name,
        "code": unit.location.code,
        "region_id": unit.location.parent_id,
        "rank": unit.rank,
        "small_sample": unit.small,
        "scores": _scores(unit.scores),
    }


def _scores(scores: WaveScores) -> dict:
    found = asdict(scores)
    found["features"] = sorted(found["features"].values(), key=lambda feature: feature["key"])
    return found
