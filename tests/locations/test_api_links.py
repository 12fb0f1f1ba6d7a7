"""A kiosk or CRM sends the same hidden fields as a location's survey link."""

from __future__ import annotations

from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Invitation, Response, SurveyLink


def _submission(instrument, wave, **extra) -> dict:
    return {
        "instrument_id": instrument.id,
        "wave_id": wave.id,
        "respondent_group": "customer",
        "submission_id": "kiosk-0001",
        "answers": {
            "f1": {"functional": 1, "dysfunctional": 5},
            "f2": {"functional": 2, "dysfunctional": 4},
        },
        **extra,
    }


def test_a_kiosk_response_is_counted_for_its_branch(api_as, app, branches):
    instrument, wave, _ = branches["survey"]
    api = api_as(branches["consultant"])
    body = _submission(instrument, wave, location_code="SUED", channel="store", reference="C-9")
    assert api.post("/responses", json=body).status_code == 201
    assert api.post("/responses", json=body).json["duplicate"] is True
    with app.app_context():
        stored = db.session.execute(
            select(Response.location_id, Response.channel, Response.reference)
        ).all()
    assert [tuple(row) for row in stored] == [(branches["sued"].id, "store", "C-9")]


def test_unknown_and_foreign_codes_are_refused_and_nothing_is_stored(api_as, app, branches):
    instrument, wave, _ = branches["survey"]
    api = api_as(branches["consultant"])
    for code in ("NOPE", "ELSE", "RIVAL", "NORTH"):
        response = api.post("/responses", json=_submission(instrument, wave, location_code=code))
        assert response.status_code == 422
        assert "location_code" in response.json["errors"]
    bad_channel = api.post("/responses", json=_submission(instrument, wave, channel="pigeon"))
    assert bad_channel.status_code == 422
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 0


def test_invitations_carry_the_recipients_locations(api_as, app, branches):
    instrument, wave, _ = branches["survey"]
    api = api_as(branches["consultant"])
    body = {
        "wave_id": wave.id,
        "respondent_group": "customer",
        "recipients": [{"email": "ann@example.com", "location_code": "HAFEN"}],
    }
    created = api.post(f"/instruments/{instrument.id}/invitations", json=body)
    assert created.status_code == 201
    assert created.json["items"][0]["location_code"] == "HAFEN"
    body["recipients"] = [{"email": "bo@example.com", "location_code": "ELSE"}]
    refused = api.post(f"/instruments/{instrument.id}/invitations", json=body)
    assert refused.status_code == 422
    assert "ELSE" in str(refused.json["errors"])
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Invitation)) == 1


def test_the_api_gives_one_survey_url_per_branch(api_as, client, app, branches, make):
    instrument, wave, link = branches["survey"]
    api = api_as(branches["consultant"])
    make.location(_Project(branches["project_id"]), name="No code yet")
    body = {"wave_id": wave.id, "respondent_group": "customer"}
    answer = api.post(f"/instruments/{instrument.id}/links", json=body)
    assert answer.status_code == 200, answer.json
    assert answer.json["id"] == link.id  # the wave's link, not a second one
    urls = {row["code"]: row["url"] for row in answer.json["locations"]}
    assert set(urls) == {"NORD", "HAFEN", "SUED"}  # own branches only: no region, no rival
    assert urls["SUED"].endswith(f"/s/{link.token}?loc=SUED")
    assert [row["name"] for row in answer.json["branches_without_code"]] == ["No code yet"]
    assert client.get(urls["SUED"].split("localhost", 1)[1]).status_code == 200
    listed = api.get(f"/instruments/{instrument.id}/links").json["items"]
    assert [row["id"] for row in listed] == [link.id]
    assert {row["code"] for row in listed[0]["locations"]} == {"NORD", "HAFEN", "SUED"}


def test_survey_link_requests_are_checked(api_as, app, branches, make):
    instrument, wave, _link = branches["survey"]
    api = api_as(branches["consultant"])
    foreign_wave = make.wave(make.project(), 0)
    wrong = api.post(
        f"/instruments/{instrument.id}/links",
        json={"wave_id": foreign_wave.id, "respondent_group": "customer"},
    )
    assert wrong.status_code == 422 and "wave_id" in wrong.json["errors"]
    bad_group = api.post(
        f"/instruments/{instrument.id}/links", json={"wave_id": wave.id, "respondent_group": "x"}
    )
    assert bad_group.status_code == 422 and "respondent_group" in bad_group.json["errors"]
    closed = make.wave(_Project(branches["project_id"]), 1, status="closed")
    refused = api.post(
        f"/instruments/{instrument.id}/links",
        json={"wave_id": closed.id, "respondent_group": "customer"},
    )
    assert refused.status_code == 422 and "wave_id" in refused.json["errors"]
    viewer = api_as(make.user("viewer", clients=(branches["client"],)))
    body = {"wave_id": wave.id, "respondent_group": "employee"}
    assert viewer.post(f"/instruments/{instrument.id}/links", json=body).status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SurveyLink)) == 1


class _Project:
    def __init__(self, project_id: int) -> None:
        self.id = project_id


def test_a_location_with_answers_is_kept_and_an_empty_one_deleted(api_as, app, branches):
    instrument, wave, _ = branches["survey"]
    api = api_as(branches["consultant"])
    assert (
        api.post("/responses", json=_submission(instrument, wave, location_code="SUED")).status_code
        == 201
    )
    kept = api.delete(f"/locations/{branches['sued'].id}")
    assert kept.status_code == 409
    assert "1 recorded response" in kept.json["message"]
    assert api.get(f"/locations/{branches['sued'].id}").status_code == 200
    assert api.delete(f"/locations/{branches['hafen'].id}").status_code == 204
    assert api.get(f"/locations/{branches['hafen'].id}").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 1


def test_a_reference_is_checked_like_a_links_ref(api_as, app, branches):
    instrument, wave, _ = branches["survey"]
    api = api_as(branches["consultant"])
    refused = api.post("/responses", json=_submission(instrument, wave, reference="<case 7>"))
    assert refused.status_code == 422
    assert list(refused.json["errors"]) == ["reference"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 0
