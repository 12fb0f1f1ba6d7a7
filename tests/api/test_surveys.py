"""Invitations and responses through the API: what a CRM and a kiosk do."""

import pytest
from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Invitation, Response, Touchpoint


@pytest.fixture
def survey(make, app):
    """An open Kano survey of a consultant's client: (instrument, wave, consultant, client)."""
    instrument, wave, _ = make.open_survey(features=2, optional=("csat",))
    with app.app_context():
        project = db.session.get(Touchpoint, instrument.touchpoint_id).project
        client = project.client
        db.session.expunge(client)
    return instrument, wave, make.user("consultant", clients=(client,)), client


def _answers():
    return {
        "f1": {"functional": 1, "dysfunctional": 5},
        "f2": {"functional": 2, "dysfunctional": 4},
        "csat": {"number": 4},
    }


def _submission(instrument, wave, submission_id="kiosk-0001", answers=None):
    return {
        "instrument_id": instrument.id,
        "wave_id": wave.id,
        "respondent_group": "customer",
        "submission_id": submission_id,
        "answers": answers or _answers(),
    }


def test_a_crm_creates_single_use_links(survey, api_as, app, client):
    instrument, wave, consultant, _ = survey
    response = api_as(consultant).post(
        f"/instruments/{instrument.id}/invitations",
        json={
            "wave_id": wave.id,
            "respondent_group": "customer",
            "recipients": [
                {"email": "Kim@Example.com", "name": "Kim"},
                {"email": "lu@example.com"},
            ],
        },
    )
    assert response.status_code == 201
    items = response.json["items"]
    assert [(i["email"], i["name"], i["used_at"]) for i in items] == [
        ("kim@example.com", "Kim", None),
        ("lu@example.com", "", None),
    ]
    assert client.get(items[0]["url"].replace("http://localhost", "")).status_code == 200
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Invitation)) == 2


def test_invitation_input_is_checked_field_by_field(survey, api_as, make):
    instrument, wave, consultant, _ = survey
    api = api_as(consultant)
    response = api.post(
        f"/instruments/{instrument.id}/invitations",
        json={
            "wave_id": wave.id,
            "respondent_group": "shopper",
            "recipients": [{"email": "not-an-address"}, {"email": "a@example.com"}],
        },
    )
    assert response.status_code == 422
    assert set(response.json["errors"]) == {"respondent_group", "recipients.0.email"}
    response = api.post(
        f"/instruments/{instrument.id}/invitations",
        json={
            "wave_id": wave.id,
            "respondent_group": "customer",
            "recipients": [{"email": "a@example.com"}, {"email": "A@example.com"}],
        },
    )
    assert set(response.json["errors"]) == {"recipients"}
    foreign_wave = make.wave(make.project(), sequence=0)
    response = api.post(
        f"/instruments/{instrument.id}/invitations",
        json={"wave_id": foreign_wave.id, "respondent_group": "customer", "recipients": []},
    )
    assert set(response.json["errors"]) == {"recipients"}
    response = api.post(
        f"/instruments/{instrument.id}/invitations",
        json={
            "wave_id": foreign_wave.id,
            "respondent_group": "customer",
            "recipients": [{"email": "a@example.com"}],
        },
    )
    assert response.status_code == 422 and set(response.json["errors"]) == {"wave_id"}


def test_foreign_instruments_are_404(survey, api_as, make):
    instrument, wave, _, _ = survey
    stranger = api_as(make.user("consultant", clients=(make.client(),)))
    body = {
        "wave_id": wave.id,
        "respondent_group": "customer",
        "recipients": [{"email": "a@example.com"}],
    }
    assert stranger.post(f"/instruments/{instrument.id}/invitations", json=body).status_code == 404
    assert stranger.get(f"/instruments/{instrument.id}").status_code == 404
    response = stranger.post("/responses", json=_submission(instrument, wave))
    assert response.status_code == 422 and set(response.json["errors"]) == {"instrument_id"}
    assert stranger.get(f"/responses?instrument_id={instrument.id}").status_code == 404


def test_a_kiosk_submits_once_however_often_it_retries(survey, api_as, app):
    instrument, wave, consultant, _ = survey
    api = api_as(consultant)
    first = api.post("/responses", json=_submission(instrument, wave))
    assert first.status_code == 201 and first.json["duplicate"] is False
    again = api.post("/responses", json=_submission(instrument, wave))
    assert again.status_code == 200
    assert again.json == {**first.json, "duplicate": True}
    changed = _answers() | {"csat": {"number": 1}}
    response = api.post("/responses", json=_submission(instrument, wave, answers=changed))
    assert response.status_code == 409 and response.json["code"] == "conflict"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 1


def test_invalid_answers_name_the_item(survey, api_as):
    instrument, wave, consultant, _ = survey
    api = api_as(consultant)
    answers = {"f1": {"functional": 1}, "f2": {"functional": 9, "dysfunctional": 1}, "zz": {}}
    response = api.post("/responses", json=_submission(instrument, wave, answers=answers))
    assert response.status_code == 422
    assert set(response.json["errors"]) == {"answers.f2.functional"}
    answers = {"f1": {"functional": 1}, "f2": {"functional": 2, "dysfunctional": 1}, "zz": {}}
    response = api.post("/responses", json=_submission(instrument, wave, answers=answers))
    assert response.status_code == 422
    assert set(response.json["errors"]) == {"answers.f1", "answers.zz"}
    response = api.post("/responses", json=_submission(instrument, wave, submission_id="x"))
    assert set(response.json["errors"]) == {"submission_id"}


def test_a_closed_wave_refuses_responses(survey, api_as):
    instrument, wave, consultant, _ = survey
    api = api_as(consultant)
    assert api.patch(f"/waves/{wave.id}", json={"status": "closed"}).status_code == 200
    response = api.post("/responses", json=_submission(instrument, wave))
    assert response.status_code == 410 and response.json["code"] == "gone"


def test_a_viewer_cannot_submit(survey, api_as, make):
    instrument, wave, _, client = survey
    viewer = api_as(make.user("viewer", clients=(client,)))
    assert viewer.post("/responses", json=_submission(instrument, wave)).status_code == 403


def test_responses_page_by_cursor_and_new_ones_never_shift_pages(survey, api_as):
    instrument, wave, consultant, _ = survey
    api = api_as(consultant)
    for number in range(5):
        api.post("/responses", json=_submission(instrument, wave, f"kiosk-000{number}"))
    page = api.get(f"/responses?instrument_id={instrument.id}&limit=2").json
    assert [r["submission_id"] for r in page["items"]] == ["kiosk-0000", "kiosk-0001"]
    assert page["items"][0]["kano_answers"]["f1"] == {
        "functional": 1,
        "dysfunctional": 5,
        "importance": None,
    }
    assert page["items"][0]["answers"]["csat"]["number"] == 4
    api.post("/responses", json=_submission(instrument, wave, "kiosk-0005"))
    seen = [r["submission_id"] for r in page["items"]]
    while page["next_cursor"] is not None:
        page = api.get(f"/responses?limit=2&after={page['next_cursor']}").json
        seen += [r["submission_id"] for r in page["items"]]
    assert seen == [f"kiosk-000{n}" for n in range(6)]


def test_response_filters_and_bad_queries(survey, api_as, make):
    instrument, wave, consultant, _ = survey
    api = api_as(consultant)
    api.post("/responses", json=_submission(instrument, wave))
    other_wave = make.wave(make.project(), sequence=0)
    assert api.get(f"/responses?wave_id={wave.id}").json["items"]
    assert api.get(f"/responses?wave_id={other_wave.id}").json["items"] == []
    assert api.get("/responses?respondent_group=employee").json["items"] == []
    assert api.get("/responses?submitted_from=2999-01-01T00:00:00Z").json["items"] == []
    response = api.get("/responses?limit=0&after=-1&respondent_group=robot&colour=red")
    assert response.status_code == 422
    assert set(response.json["errors"]) == {"limit", "after", "respondent_group", "colour"}


def test_other_tenants_responses_are_not_listed(survey, api_as, make):
    instrument, wave, consultant, _ = survey
    api_as(consultant).post("/responses", json=_submission(instrument, wave))
    stranger = api_as(make.user("consultant", clients=(make.client(),)))
    assert stranger.get("/responses").json == {"items": [], "next_cursor": None}
    assert len(api_as(make.user("admin")).get("/responses").json["items"]) == 1


def test_a_page_of_responses_takes_the_same_queries_however_long(survey, api_as, queries):
    instrument, wave, consultant, _ = survey
    api = api_as(consultant)
    api.post("/responses", json=_submission(instrument, wave, "kiosk-0000"))
    with queries:
        api.get("/responses?limit=50")
    one = queries.count
    for number in range(1, 6):
        api.post("/responses", json=_submission(instrument, wave, f"kiosk-000{number}"))
    with queries:
        assert len(api.get("/responses?limit=50").json["items"]) == 6
    assert queries.count == one


def test_an_address_already_invited_gets_its_invitation_back(survey, api_as, app):
    """A CRM that sends the same customer again (in other capitals) gets the existing personal
    link, not a second one with which the customer could answer twice."""
    instrument, wave, consultant, _ = survey
    api = api_as(consultant)

    def invite(*emails):
        body = {
            "wave_id": wave.id,
            "respondent_group": "customer",
            "recipients": [{"email": email} for email in emails],
        }
        response = api.post(f"/instruments/{instrument.id}/invitations", json=body)
        assert response.status_code == 201
        return response.json["items"]

    [first] = invite("kim@example.com")
    items = invite("lu@example.com", "KIM@Example.com")
    assert [item["email"] for item in items] == ["lu@example.com", "kim@example.com"]
    assert items[1]["id"] == first["id"] and items[1]["url"] == first["url"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Invitation)) == 2
