"""A workshop from set-up to measure: phones join with a code, cards arrive once, the
facilitator converges, participants vote, a cause becomes a measure that can be traced back."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Measure, Workshop, WorkshopCard


@pytest.fixture
def workshop(client, auth, make, app):
    """A consultant's workshop with the perception world open; returns (workshop, touchpoint)."""
    tenant = make.client()
    touchpoint = make.touchpoint(make.project(tenant), name="Service hotline")
    auth.login(make.user("consultant", clients=(tenant,)))
    response = client.post(
        f"/projects/{touchpoint.project_id}/workshops",
        data={"title": "Hotline workshop", "card_limit": "3", "vote_budget": "2"},
    )
    assert response.status_code == 302
    with app.app_context():
        found = db.session.scalar(select(Workshop))
        db.session.expunge(found)
    client.post(f"/workshops/{found.id}/world", data={"world": "perception"})
    return found, touchpoint


def join(app, code: str, name: str = "Kim", role: str = "customer"):
    phone = app.test_client()
    response = phone.post(f"/join/{code.lower()}", data={"name": name, "role": role})
    assert response.status_code == 302, response.data
    return phone, response.headers["Location"]


def card(text: str, card_id: str | None = None, **extra) -> dict:
    return {"id": card_id or uuid.uuid4().hex, "text": text, "world": "perception", **extra}


def cards_stored(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(WorkshopCard))


def test_a_card_sent_twice_is_stored_once(app, workshop):
    found, touchpoint = workshop
    phone, board = join(app, found.join_code)
    assert phone.get(board).status_code == 200
    payload = card("Waiting music is too loud", touchpoint_id=touchpoint.id)
    first = phone.post(f"{board}cards", json=payload)
    again = phone.post(f"{board}cards", json=payload)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json["card_id"] == again.json["card_id"] and again.json["duplicate"]
    assert cards_stored(app) == 1


def test_the_board_answers_304_until_something_changes(app, client, workshop):
    found, _ = workshop
    phone, board = join(app, found.join_code)
    first = client.get(f"/workshops/{found.id}/board.json")
    etag = first.headers["ETag"]
    assert (
        client.get(f"/workshops/{found.id}/board.json", headers={"If-None-Match": etag}).status_code
        == 304
    )
    phone.post(f"{board}cards", json=card("<b>Nobody calls back</b>"))
    changed = client.get(f"/workshops/{found.id}/board.json", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.json["cards"][0]["text"] == "<b>Nobody calls back</b>"  # text, shown as text
    assert changed.json["cards"][0]["author"] == "Kim"
    seen = phone.get(f"{board}board.json").json
    assert "author" not in seen["cards"][0] and seen["cards"][0]["role"] == "customer"
    phone.post(f"{board}cards", json=card("A second card"))
    cursor = f"after={seen['cards'][0]['id']}&revision={seen['revision']}"
    newer = phone.get(f"{board}board.json?{cursor}").json
    assert [c["text"] for c in newer["cards"]] == ["A second card"]
    assert (newer["full"], newer["total"]) == (False, 2)
    client.post(f"/workshops/{found.id}/world", data={"world": "perception"})  # a new revision
    again = phone.get(f"{board}board.json?{cursor}").json
    assert again["full"] and len(again["cards"]) == 2


def test_cards_are_bounded_in_length_and_number(app, workshop):
    found, _ = workshop
    phone, board = join(app, found.join_code)
    too_long = phone.post(f"{board}cards", json=card("x" * 281))
    assert too_long.status_code == 422 and "text" in too_long.json["errors"]
    assert phone.post(f"{board}cards", json=card("ok", world="moon")).status_code == 422
    assert phone.post(f"{board}cards", data="text=hi").status_code == 422
    sent = [card(f"idea {n}") for n in range(3)]
    for payload in sent:
        assert phone.post(f"{board}cards", json=payload).status_code == 201
    assert phone.post(f"{board}cards", json=card("one more")).status_code == 429
    assert phone.post(f"{board}cards", json=sent[0]).status_code == 200  # a resend still fine
    assert cards_stored(app) == 3


def test_a_closed_code_stops_new_joins_but_not_the_room(app, client, workshop):
    found, _ = workshop
    phone, board = join(app, found.join_code)
    client.post(f"/workshops/{found.id}/join", data={"open": "0"})
    late = app.test_client().post(
        f"/join/{found.join_code}", data={"name": "Late", "role": "employee"}
    )
    assert late.status_code == 410
    assert phone.post(f"{board}cards", json=card("still here")).status_code == 201


def test_without_the_cookie_or_with_another_workshops_cookie_nothing_is_seen(
    app, client, make, workshop
):
    found, _ = workshop
    _, board = join(app, found.join_code)
    stranger = app.test_client()
    assert stranger.get(f"{board}board.json").status_code == 403
    assert stranger.post(f"{board}cards", json=card("hi")).status_code == 403
    other = client.post(
        f"/projects/{workshop[1].project_id}/workshops",
        data={"title": "Second", "card_limit": "5", "vote_budget": "3"},
    )
    assert other.status_code == 302
    with app.app_context():
        second = db.session.scalar(select(Workshop).where(Workshop.title == "Second"))
        db.session.expunge(second)
    phone, second_board = join(app, second.join_code)
    assert phone.get(f"{board}board.json").status_code == 403  # the cookie is scoped to its path
    assert phone.get(second_board).status_code == 200
    stolen = phone.get_cookie("surveyor_participant", path=second_board).value
    phone.set_cookie("surveyor_participant", stolen, path=board)  # the second's cookie, sent here
    assert phone.get(f"{board}board.json").status_code == 404
    assert phone.post(f"{board}cards", json=card("wrong room")).status_code == 404


def test_from_perceptions_to_a_measure_with_votes_and_its_trace(app, client, auth, make, workshop):
    found, touchpoint = workshop
    employee, employee_board = join(app, found.join_code, "Alex", "employee")
    customer, customer_board = join(app, found.join_code, "Kim", "customer")
    employee.post(f"{employee_board}cards", json=card("Callers hang up in the queue"))
    customer.post(f"{customer_board}cards", json=card("I waited twenty minutes"))
    with app.app_context():
        card_ids = [str(i) for i in db.session.scalars(select(WorkshopCard.id))]
    client.post(f"/workshops/{found.id}/clusters", data={"title": "Waiting", "card_ids": card_ids})
    page = client.get(f"/workshops/{found.id}/converge").get_data(as_text=True)
    cluster_id = re.search(r'name="cluster_ids" value="(\d+)"', page).group(1)
    client.post(
        f"/workshops/{found.id}/reasons",
        data={"title": "Peaks not staffed", "cluster_ids": cluster_id},
    )
    cause_id = re.search(
        r'name="cause_id" value="(\d+)"',
        client.get(f"/workshops/{found.id}/converge").get_data(as_text=True),
    ).group(1)
    client.post(f"/workshops/{found.id}/causes/promote", data={"cause_id": cause_id})

    assert customer.post(f"{customer_board}votes", data={"cause_id": cause_id}).status_code == 410
    client.post(f"/workshops/{found.id}/voting", data={"open": "1"})
    for _ in range(2):
        assert (
            customer.post(f"{customer_board}votes", data={"cause_id": cause_id}).status_code == 302
        )
    assert customer.post(f"{customer_board}votes", data={"cause_id": cause_id}).status_code == 429
    employee.post(f"{employee_board}votes", data={"cause_id": cause_id})

    response = client.post(
        f"/workshops/{found.id}/measures",
        data={
            "cause_id": cause_id,
            "touchpoint_id": touchpoint.id,
            "cluster": "process",
            "title": "Staff the Monday peak",
            "owner": "Hotline lead",
        },
    )
    assert response.status_code == 302
    listed = client.get(f"/touchpoints/{touchpoint.id}/measures").get_data(as_text=True)
    assert "Staff the Monday peak" in listed
    with app.app_context():
        measure = db.session.scalar(select(Measure))
        assert (measure.cluster, measure.touchpoint_id) == ("process", touchpoint.id)
    trace = client.get(f"/measures/{measure.id}/trace").get_data(as_text=True)
    assert "Peaks not staffed" in trace and "3 dots" in trace
    assert "I waited twenty minutes" in trace and "Callers hang up in the queue" in trace
    assert f"/touchpoints/{touchpoint.id}/trends" in trace
    report = client.get(f"/workshops/{found.id}/report").get_data(as_text=True)
    assert "Staff the Monday peak" in report and "Perception world" in report


def test_another_tenants_consultant_does_not_find_the_workshop(app, client, auth, make, workshop):
    found, _ = workshop
    auth.logout()
    auth.login(make.user("consultant", clients=(make.client(),)))
    assert client.get(f"/workshops/{found.id}").status_code == 404
    assert client.post(f"/workshops/{found.id}/world", data={"world": "cause"}).status_code == 404


def test_viewers_read_the_report_but_cannot_facilitate(app, client, auth, make, workshop):
    found, _ = workshop
    with app.app_context():
        tenant = db.session.get(Workshop, found.id).project.client
        db.session.expunge(tenant)
    auth.logout()
    auth.login(make.user("viewer", clients=(tenant,)))
    assert client.get(f"/workshops/{found.id}/report").status_code == 200
    assert client.post(f"/workshops/{found.id}/world", data={"world": "cause"}).status_code == 403


def test_the_pages_speak_german(app, client, auth, make, workshop):
    found, _ = workshop
    phone = app.test_client()
    page = phone.get(f"/join/{found.join_code}", headers={"Accept-Language": "de"})
    assert "Mitarbeitende" in page.get_data(as_text=True) or "Mitarbeiter" in page.get_data(
        as_text=True
    )
    board = client.get(f"/workshops/{found.id}?lang=de").get_data(as_text=True)
    assert "Wahrnehmungswelt" in board and "Maßnahmenwelt" in board


def test_a_board_poll_costs_the_same_queries_for_few_or_many_cards(app, client, workshop, queries):
    found, touchpoint = workshop
    phones = [join(app, found.join_code, f"Phone {n}") for n in range(4)]  # 3 cards each
    counts = []
    for cards_now in (2, 12):
        while cards_stored(app) < cards_now:
            phone, board = phones[cards_stored(app) // 3]
            phone.post(f"{board}cards", json=card("idea", touchpoint_id=touchpoint.id))
        with queries:
            assert len(client.get(f"/workshops/{found.id}/board.json").json["cards"]) == cards_now
        counts.append(queries.count)
    assert counts[0] == counts[1]
