"""Correcting clusters: the facilitator moves a clustered card to another cluster or takes it
out; the board, the converge page and a measure's trace follow, and foreign ids are refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Measure, Workshop, WorkshopCard, WorkshopCause, WorkshopCluster
from tests.web.test_workshops import card, join, workshop  # noqa: F401  (the fixture)


@pytest.fixture
def clustered(app, client, workshop):  # noqa: F811
    """Three perception cards: two in "Waiting", one in "Staff"; a measure traced to "Staff"."""
    found, touchpoint = workshop
    phone, board = join(app, found.join_code, "Kim", "customer")
    for text in ("I waited twenty minutes", "Music on hold", "Rude agent"):
        assert phone.post(f"{board}cards", json=card(text)).status_code == 201
    ids = _card_ids(app)
    base = f"/workshops/{found.id}"
    client.post(f"{base}/clusters", data={"title": "Waiting", "card_ids": [ids[0], ids[1]]})
    client.post(f"{base}/clusters", data={"title": "Staff", "card_ids": [ids[2]]})
    clusters = _clusters(app)
    client.post(f"{base}/reasons", data={"title": "Untrained", "cluster_ids": clusters["Staff"]})
    with app.app_context():
        cause_id = db.session.scalar(select(WorkshopCause.id))
    client.post(f"{base}/causes/promote", data={"cause_id": cause_id})
    measure = {"cause_id": cause_id, "touchpoint_id": touchpoint.id, "cluster": "process"}
    created = client.post(f"{base}/measures", data=measure | {"title": "Train the agents"})
    assert created.status_code == 302
    with app.app_context():
        measure_id = db.session.scalar(select(Measure.id))
    return found, ids, clusters, measure_id


def _card_ids(app) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(WorkshopCard.id).order_by(WorkshopCard.id)))


def _clusters(app) -> dict[str, int]:
    with app.app_context():
        return {c.title: c.id for c in db.session.scalars(select(WorkshopCluster))}


def _cluster_of(app, card_id: int) -> int | None:
    with app.app_context():
        return db.session.get(WorkshopCard, card_id).cluster_id


def _move(client, workshop_id: int, card_id, cluster_id):
    return client.post(
        f"/workshops/{workshop_id}/cards/cluster",
        data={"card_id": card_id, "cluster_id": cluster_id},
    )


def test_a_card_moves_to_another_cluster_and_the_trace_follows(app, client, clustered):
    found, ids, clusters, measure_id = clustered
    page = client.get(f"/workshops/{found.id}/converge").get_data(as_text=True)
    assert f'<select id="move-{ids[0]}" name="cluster_id"' in page
    assert f'<option value="{clusters["Waiting"]}" selected>' in page
    trace = client.get(f"/measures/{measure_id}/trace").get_data(as_text=True)
    assert "Rude agent" in trace and "I waited twenty minutes" not in trace
    etag = client.get(f"/workshops/{found.id}/board.json").headers["ETag"]

    moved = _move(client, found.id, ids[0], clusters["Staff"])
    assert moved.status_code == 302 and moved.headers["Location"].endswith("/converge")
    assert _cluster_of(app, ids[0]) == clusters["Staff"]
    trace = client.get(f"/measures/{measure_id}/trace").get_data(as_text=True)
    assert "I waited twenty minutes" in trace and "Music on hold" not in trace
    board = client.get(f"/workshops/{found.id}/board.json", headers={"If-None-Match": etag})
    assert board.status_code == 200
    assert {c["text"]: c["cluster"] for c in board.json["cards"]}["I waited twenty minutes"] == (
        "Staff"
    )


def test_a_card_taken_out_of_its_cluster_leaves_the_trace(app, client, clustered):
    found, ids, _clusters_made, measure_id = clustered
    assert _move(client, found.id, ids[2], "").status_code == 302
    assert _cluster_of(app, ids[2]) is None
    trace = client.get(f"/measures/{measure_id}/trace").get_data(as_text=True)
    assert "Rude agent" not in trace
    page = client.get(f"/workshops/{found.id}/converge").get_data(as_text=True)
    assert f'id="move-{ids[2]}"' not in page  # unclustered: back among the cards to cluster
    assert "No cards in this cluster." in page
    board = client.get(f"/workshops/{found.id}/board.json").json
    assert {c["text"]: c["cluster"] for c in board["cards"]}["Rude agent"] == ""


def test_foreign_or_unknown_ids_are_refused_and_nothing_moves(app, client, auth, make, clustered):
    found, ids, clusters, _measure = clustered
    second = client.post(
        f"/projects/{found.project_id}/workshops",
        data={"title": "Second", "card_limit": "5", "vote_budget": "3"},
    )
    assert second.status_code == 302
    with app.app_context():
        other = db.session.scalar(select(Workshop).where(Workshop.title == "Second"))
        other_id = other.id
    # The second workshop's page does not reach the first one's cards or clusters.
    assert _move(client, other_id, ids[0], clusters["Staff"]).status_code == 404
    assert _move(client, found.id, ids[0], clusters["Staff"] + 1000).status_code == 422
    assert _move(client, found.id, ids[0], "staff").status_code == 422
    assert _move(client, found.id, "x", clusters["Staff"]).status_code == 404
    assert _move(client, found.id, 10**30, "").status_code == 404
    assert _cluster_of(app, ids[0]) == clusters["Waiting"]

    with app.app_context():
        tenant = db.session.get(Workshop, found.id).project.client
        db.session.expunge(tenant)
    auth.logout()
    auth.login(make.user("viewer", clients=(tenant,)))
    assert _move(client, found.id, ids[0], "").status_code == 403
    auth.logout()
    auth.login(make.user("consultant", clients=(make.client(),)))
    assert _move(client, found.id, ids[0], "").status_code == 404
    assert _cluster_of(app, ids[0]) == clusters["Waiting"]


def test_the_move_control_speaks_german(app, client, clustered):
    found, *_ = clustered
    page = client.get(
        f"/workshops/{found.id}/converge", headers={"Accept-Language": "de"}
    ).get_data(as_text=True)
    assert "Karten in Clustern" in page and "Kein Cluster" in page
