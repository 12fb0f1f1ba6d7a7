"""A kiosk or CRM sends the same hidden fields as a location's survey link."""

from __future__ import annotations

from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Invitation, Response


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
