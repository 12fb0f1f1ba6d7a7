"""Every answer of the location, pilot and scorecard endpoints, good and bad, matches the
OpenAPI document (the fuzz test mostly meets 404s there: it cannot guess ids with data)."""

from __future__ import annotations

import schemathesis

from tests.api.test_openapi_fuzz import _document
from tests.locations.test_results import answered
from tests.pilot_scenario import pilot_project
from tests.scorecard_scenario import scorecard_project

__all__ = ["answered"]
SCHEMA = schemathesis.openapi.from_dict(_document())


def _conforms(response, method: str, path: str, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    SCHEMA[f"/api/v1{path}"][method].validate_response(response)
    return response.json


def test_results_by_location_answer_as_documented(api_as, answered):
    api = api_as(answered["consultant"])
    project, nord, north = answered["project_id"], answered["nord"].id, answered["north"].id
    ranking = "/projects/{project_id}/results/locations"
    _conforms(api.get(f"/projects/{project}/results/locations?metric=csat"), "GET", ranking, 200)
    _conforms(api.get(f"/projects/{project}/results/locations?metric=x"), "GET", ranking, 422)
    card = "/locations/{location_id}/report-card"
    _conforms(api.get(f"/locations/{nord}/report-card?metric=nps"), "GET", card, 200)
    region = "/regions/{region_id}/report-card"
    _conforms(api.get(f"/regions/{north}/report-card"), "GET", region, 200)
    _conforms(api.get(f"/regions/{nord}/report-card"), "GET", region, 404)
    change = "/projects/{project_id}"
    _conforms(api.patch(f"/projects/{project}", json={"min_location_n": 3}), "PATCH", change, 200)
    _conforms(api.patch(f"/projects/{project}", json={"min_location_n": 0}), "PATCH", change, 422)


def test_the_directory_links_and_answers_answer_as_documented(api_as, answered):
    api = api_as(answered["consultant"])
    project, hafen = answered["project_id"], answered["hafen"].id
    instrument, wave, _link = answered["survey"]
    created = api.post(
        f"/projects/{project}/locations",
        json={"name": "Ost", "code": "OST", "parent_id": answered["south"].id},
    )
    _conforms(created, "POST", "/projects/{project_id}/locations", 201)
    clash = api.post(f"/projects/{project}/locations", json={"name": "Again", "code": "OST"})
    _conforms(clash, "POST", "/projects/{project_id}/locations", 422)
    location = "/locations/{location_id}"
    _conforms(api.patch(f"/locations/{hafen}", json={"city": "Kiel"}), "PATCH", location, 200)
    _conforms(api.patch(f"/locations/{hafen}", json={"code": "OST"}), "PATCH", location, 422)
    links = "/instruments/{instrument_id}/links"
    group = {"wave_id": wave.id, "respondent_group": "customer"}
    _conforms(api.post(f"/instruments/{instrument.id}/links", json=group), "POST", links, 200)
    _conforms(api.get(f"/instruments/{instrument.id}/links"), "GET", links, 200)
    invitations = "/instruments/{instrument_id}/invitations"
    invite = {**group, "recipients": [{"email": "a@example.com", "location_code": "RIVAL"}]}
    refused = api.post(f"/instruments/{instrument.id}/invitations", json=invite)
    _conforms(refused, "POST", invitations, 422)
    answer = {
        **group,
        "instrument_id": instrument.id,
        "submission_id": "contract-1",
        "answers": {
            "f1": {"functional": 1, "dysfunctional": 5},
            "f2": {"functional": 2, "dysfunctional": 4},
        },
        "location_code": "ELSE",
    }
    _conforms(api.post("/responses", json=answer), "POST", "/responses", 422)
    answer |= {"location_code": "OST", "channel": "store", "reference": "case-7"}
    _conforms(api.post("/responses", json=answer), "POST", "/responses", 201)


def test_pilots_and_the_scorecard_answer_as_documented(api_as, make, app):
    measure, places, consultant = pilot_project(make)
    api = api_as(consultant)
    pilot = "/measures/{measure_id}/pilot"
    rival = {"location_ids": [places["Rival"].id]}
    _conforms(api.put(f"/measures/{measure.id}/pilot", json=rival), "PUT", pilot, 422)
    chosen = {"location_ids": [places["P1"].id, places["P2"].id]}
    _conforms(api.put(f"/measures/{measure.id}/pilot", json=chosen), "PUT", pilot, 200)
    _conforms(api.get(f"/measures/{measure.id}/pilot"), "GET", pilot, 200)
    _conforms(api.get(f"/measures/{measure.id}"), "GET", "/measures/{measure_id}", 200)
    project, consultant, _kano, _checklist = scorecard_project(app, make)
    api = api_as(consultant)
    _conforms(
        api.get(f"/projects/{project.id}/scorecard"), "GET", "/projects/{project_id}/scorecard", 200
    )
    links = "/projects/{project_id}/scorecard/links"
    _conforms(api.get(f"/projects/{project.id}/scorecard/links"), "GET", links, 200)
    wrong = {"checklist_item": "1:x", "kano_feature": "2:y"}
    _conforms(api.post(f"/projects/{project.id}/scorecard/links", json=wrong), "POST", links, 422)
