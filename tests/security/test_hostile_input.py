"""Input that Python accepts but no database column can store answers 4xx, never 5xx (issue 18).

The attack run found 500s (on PostgreSQL especially) for deeply nested JSON, ``10**400``,
``NaN``/``Infinity``, NUL characters in JSON and CSV uploads, and ids beyond INTEGER in forms.
Run on SQLite and PostgreSQL: ``SURVEYOR_TEST_DATABASE_URL=... .venv/bin/python -m pytest
tests/security/test_hostile_input.py -q``.
"""

from __future__ import annotations

import io
import uuid
from datetime import date

import pytest
from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Assignment, Invitation, Item

HOSTILE_JSON = {
    "nested": "[" * 20_000 + "]" * 20_000,
    "nested_objects": '{"a":' * 100 + "1" + "}" * 100,
    "huge_int": '{"instrument_id": 1' + "0" * 400 + "}",
    "huge_float": '{"instrument_id": 1e400}',
    "nan": '{"instrument_id": NaN}',
    "infinity": '{"instrument_id": -Infinity}',
}


@pytest.mark.parametrize("body", HOSTILE_JSON.values(), ids=HOSTILE_JSON.keys())
def test_the_api_refuses_json_it_cannot_store(as_role, own, body):
    answer = as_role("consultant").open(
        "POST", "/api/v1/responses", data=body, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 400, answer.get_data(as_text=True)[:300]
    assert answer.json["message"] != "The request body is not valid JSON."


def test_the_api_names_the_field_with_a_nul(as_role, own):
    answer = as_role("consultant").open(
        "POST", "/api/v1/responses", json={"answers": {"f1": {"comment": "a\x00b"}}}
    )
    assert answer.status_code == 422
    assert answer.json["errors"] == {
        "answers.f1.comment": ["Contains a NUL character, which cannot be stored."]
    }


def _shop_payload(version_id: int, **visit) -> dict:
    return {
        "submission_id": str(uuid.uuid4()),
        "version_id": version_id,
        "visit": {"date": date.today().isoformat(), "time_in": "10:02", **visit},
        "answers": {"greet": {"value": "yes"}},
    }


@pytest.fixture
def shopper_client(app, make, auth, client):
    instrument = make.checklist_instrument()
    assignment = make.assignment(instrument)
    with app.app_context():
        shopper = db.session.get(Assignment, assignment.id).shopper
        db.session.expunge(shopper)
    auth.login(shopper)
    url = f"/shop/sync/assignments/{assignment.id}/shop"
    return client, url, make.items_of(instrument)[0].version_id


@pytest.mark.parametrize("latitude", ["1" + "0" * 400, "1e400", "NaN"])
def test_the_shop_sync_refuses_numbers_it_cannot_store(app, shopper_client, latitude):
    client, url, version_id = shopper_client
    body = (
        str(_shop_payload(version_id))
        .replace("'", '"')
        .replace('"time_in"', f'"latitude": {latitude}, "longitude": 8.1, "time_in"')
    )
    answer = client.post(url, data=body, content_type="application/json")
    assert 400 <= answer.status_code < 500
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Assignment.__table__)) == 1


def test_the_shop_sync_refuses_deep_nesting(shopper_client):
    client, url, _version_id = shopper_client
    answer = client.post(url, data="[" * 20_000 + "]" * 20_000, content_type="application/json")
    assert 400 <= answer.status_code < 500


def test_a_nul_in_an_uploaded_csv_is_refused(app, as_role, own):
    csv = b"email,name\nkim@example.com,K\x00im\n"
    answer = as_role("consultant").open(
        "POST",
        f"/links/{own.ids['survey_link']}/invitations",
        data={"recipients": (io.BytesIO(csv), "list.csv")},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 422
    assert b"NUL character" in answer.data
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Invitation)) == 1  # the fixture's


@pytest.mark.parametrize("value", ["nan", "inf", "-Infinity", "1e400"])
def test_a_checklist_target_must_be_a_finite_number(app, as_role, own, value):
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(Item))
    answer = as_role("consultant").open(
        "POST",
        f"/instruments/{own.ids['checklist']}/checklist-items/new",
        data={"section": "Counter", "item_type": "number", "text_en": "Wait", "target": value},
    )
    assert answer.status_code < 500
    assert b"Not a valid float value" in answer.data
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Item)) == before


@pytest.mark.parametrize("item_id", [str(2**31), str(2**63), "1" + "0" * 30])
def test_an_item_id_beyond_the_column_is_refused(as_role, own, item_id):
    answer = as_role("consultant").open(
        "POST",
        f"/shops/{own.ids['assignment']}/comments",
        data={"item_id": item_id, "text": "Please check"},
    )
    assert 400 <= answer.status_code < 500
