"""Results through the API: Kano per feature and checklist scores, tenant-checked."""

import pytest

from surveyor.extensions import db
from surveyor.models import Touchpoint


def _client_of(app, touchpoint_id):
    with app.app_context():
        client = db.session.get(Touchpoint, touchpoint_id).project.client
        db.session.expunge(client)
    return client


@pytest.fixture
def kano_survey(make, app):
    instrument, wave, _ = make.open_survey(features=2)
    client = _client_of(app, instrument.touchpoint_id)
    return instrument, wave, make.user("consultant", clients=(client,)), client


def _submit(api, instrument, wave, number, group="customer", f1=(1, 5)):
    return api.post(
        "/responses",
        json={
            "instrument_id": instrument.id,
            "wave_id": wave.id,
            "respondent_group": group,
            "submission_id": f"kiosk-{group}-{number:04d}",
            "answers": {
                "f1": {"functional": f1[0], "dysfunctional": f1[1]},
                "f2": {"functional": 2, "dysfunctional": 5},
            },
        },
    )


def test_kano_results_classify_each_feature(kano_survey, api_as):
    instrument, wave, consultant, _ = kano_survey
    api = api_as(consultant)
    for number in range(3):
        assert _submit(api, instrument, wave, number).status_code == 201
    assert _submit(api, instrument, wave, 9, group="employee", f1=(1, 3)).status_code == 201
    response = api.get(f"/instruments/{instrument.id}/results/kano?wave_id={wave.id}")
    assert response.status_code == 200
    features = {f["key"]: f for f in response.json["items"]}
    assert features["f1"]["n"] == 4 and features["f1"]["category"] == "O"
    assert features["f2"]["category"] == "M"
    assert features["f1"]["counts"]["A"] == 1
    customers = api.get(
        f"/instruments/{instrument.id}/results/kano?wave_id={wave.id}&respondent_group=customer"
    ).json
    assert {f["key"]: f["n"] for f in customers["items"]} == {"f1": 3, "f2": 3}
    assert customers["items"][0]["better"] == pytest.approx(1.0)


def test_kano_results_check_the_wave_and_tenant(kano_survey, api_as, make):
    instrument, wave, consultant, _ = kano_survey
    api = api_as(consultant)
    response = api.get(f"/instruments/{instrument.id}/results/kano")
    assert response.status_code == 422 and set(response.json["errors"]) == {"wave_id"}
    other_wave = make.wave(make.project(), sequence=0)
    response = api.get(f"/instruments/{instrument.id}/results/kano?wave_id={other_wave.id}")
    assert response.status_code == 422 and set(response.json["errors"]) == {"wave_id"}
    stranger = api_as(make.user("consultant", clients=(make.client(),)))
    response = stranger.get(f"/instruments/{instrument.id}/results/kano?wave_id={wave.id}")
    assert response.status_code == 404


def test_checklist_scores_by_section_and_total(make, app, api_as):
    instrument = make.checklist_instrument()
    make.approved_shop(instrument)
    make.submitted_shop(make.assignment(instrument))  # not approved: not counted
    client = _client_of(app, instrument.touchpoint_id)
    with app.app_context():
        project_id = db.session.get(Touchpoint, instrument.touchpoint_id).project_id
    api = api_as(make.user("viewer", clients=(client,)))
    total = api.get(f"/projects/{project_id}/results/checklist").json
    assert total["by"] == [] and len(total["items"]) == 1
    assert total["items"][0]["shops"] == 1 and total["items"][0]["possible"] > 0
    by_section = api.get(f"/projects/{project_id}/results/checklist?by=section,wave").json
    assert by_section["by"] == ["section", "wave"]
    assert all(len(row["key"]) == 2 for row in by_section["items"])
    response = api.get(f"/projects/{project_id}/results/checklist?by=colour")
    assert response.status_code == 422 and set(response.json["errors"]) == {"by"}
    stranger = api_as(make.user("consultant", clients=(make.client(),)))
    assert stranger.get(f"/projects/{project_id}/results/checklist").status_code == 404


def test_touchpoint_trends_show_each_wave(kano_survey, api_as, make, app):
    instrument, wave, consultant, _ = kano_survey
    api = api_as(consultant)
    for number in range(3):
        _submit(api, instrument, wave, number)
    response = api.get(f"/touchpoints/{instrument.touchpoint_id}/results/trends")
    assert response.status_code == 200, response.json
    trend = response.json
    assert [w["id"] for w in trend["waves"]] == [wave.id]
    features = {f["key"]: f for f in trend["features"]}
    assert features["f1"]["cells"][0]["n"] == 3
    assert features["f1"]["cells"][0]["category"] == "O"
    assert trend["index"]["points"][0]["wave_id"] == wave.id
    stranger = api_as(make.user("consultant", clients=(make.client(),)))
    response = stranger.get(f"/touchpoints/{instrument.touchpoint_id}/results/trends")
    assert response.status_code == 404
