"""Consultants rank branches and regions; client staff read their branch's report card."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import insert, select

from surveyor.extensions import db
from surveyor.models import Location, Response, User, Wave, WaveTally, location_access
from tests.locations.conftest import _Project

CSAT = {"NORD": (5, 5, 4), "HAFEN": (3, 3), "SUED": (4,)}


@pytest.fixture
def answered(branches, api_as, app):
    """Kiosk answers per branch (CSAT as in ``CSAT``), one without a location; min n = 2."""
    instrument, wave, _ = branches["survey"]
    api = api_as(branches["consultant"])
    number = 0
    for code, scores in [*CSAT.items(), ("", (1,))]:
        for score in scores:
            number += 1
            body = {
                "instrument_id": instrument.id,
                "wave_id": wave.id,
                "respondent_group": "customer",
                "submission_id": f"kiosk-{number:04d}",
                "location_code": code,
                "answers": {
                    "f1": {"functional": 1, "dysfunctional": 5},
                    "f2": {"functional": 1 if code == "NORD" else 3, "dysfunctional": 3},
                    "csat": {"number": score},
                },
            }
            assert api.post("/responses", json=body).status_code == 201
    with app.app_context():
        db.session.get(Location, branches["nord"].id).project.min_location_n = 2
        db.session.commit()
    return branches


def test_branches_and_regions_are_ranked_with_intervals(client, auth, answered):
    auth.login(answered["consultant"])
    page = client.get(f"/projects/{answered['project_id']}/locations/results?metric=csat").get_data(
        as_text=True
    )
    branch_table = page[page.index('id="branch-ranking"') : page.index('id="region-ranking"')]
    order = [branch_table.index(name) for name in ("Nordstadt", "Hafen", "Südstadt")]
    assert order == sorted(order)
    # Nordstadt: 5, 5, 4 -> mean 4.67, s = 0.577, 1.96 * s / sqrt(3) = 0.65, cut at 5 (the scale)
    assert "4.67" in branch_table and "(4.01\u20135.00)" in branch_table
    assert "n under 2" in branch_table  # Südstadt: one answer, marked, not ranked
    regions = page[page.index('id="region-ranking"') :]
    assert "North" in regions and "4.00" in regions  # 5, 5, 4, 3, 3 pooled


def test_ranking_api_pools_regions_and_leaves_small_samples_unranked(api_as, answered):
    body = (
        api_as(answered["consultant"])
        .get(f"/projects/{answered['project_id']}/results/locations?metric=csat")
        .json
    )
    ranks = {unit["code"]: (unit["rank"], unit["small_sample"]) for unit in body["branches"]}
    assert ranks == {"NORD": (1, False), "HAFEN": (2, False), "SUED": (None, True)}
    north = next(unit for unit in body["regions"] if unit["name"] == "North")
    assert north["scores"]["csat"]["value"] == pytest.approx(4.0)
    assert north["scores"]["responses"] == 5
    assert body["client"]["responses"] == 7  # the answer without a location counts too
    nord = body["branches"][0]["scores"]
    f2 = next(f for f in nord["features"] if f["key"] == "f2")
    assert f2["category"] == "A" and f2["better"]["value"] == pytest.approx(1.0)


def test_a_report_card_compares_a_branch_with_region_and_client(client, auth, answered):
    auth.login(answered["consultant"])
    nord = answered["nord"].id
    page = client.get(f"/locations/{nord}/card?metric=csat").get_data(as_text=True)
    assert "Rank 1 of 2" in page and "North" in page and "Whole client" in page
    workbook = client.get(f"/locations/{nord}/card.xlsx?metric=csat")
    assert workbook.status_code == 200
    sheet = load_workbook(io.BytesIO(workbook.data)).worksheets[0]
    rows = [row for row in sheet.iter_rows(values_only=True) if row[1] == "CSAT (1-5)"]
    assert rows[0][2] == pytest.approx(14 / 3) and rows[0][6] == pytest.approx(4.0)
    assert rows[0][10:12] == (1, 2)


def test_staff_limited_to_a_branch_see_only_that_branch(client, auth, app, make, answered):
    viewer = make.user("viewer", clients=(answered["client"],))
    make.limit_to(viewer, answered["nord"])
    auth.login(viewer)
    page = client.get(f"/projects/{answered['project_id']}/locations/results").get_data(
        as_text=True
    )
    assert "Nordstadt" in page and "Hafen" not in page
    assert client.get(f"/locations/{answered['nord'].id}/card").status_code == 200
    assert client.get(f"/locations/{answered['hafen'].id}/card").status_code == 404


def test_a_region_grants_its_branches(app, make, answered):
    viewer = make.user("viewer", clients=(answered["client"],))
    from surveyor.services import tenancy

    with app.app_context():
        db.session.execute(
            insert(location_access), {"user_id": viewer.id, "location_id": answered["north"].id}
        )
        scope = tenancy.location_scope(db.session.get(User, viewer.id), answered["project_id"])
    assert scope == {answered["north"].id, answered["nord"].id, answered["hafen"].id}


def test_the_minimum_is_the_consultants_choice(client, auth, answered):
    auth.login(answered["consultant"])
    url = f"/projects/{answered['project_id']}/locations/minimum"
    assert client.post(url, data={"min_n": "0"}).status_code == 302
    client.post(url, data={"min_n": "3"})
    page = client.get(f"/projects/{answered['project_id']}/locations/results?metric=csat").get_data(
        as_text=True
    )
    assert page.count("n under 3") >= 2  # Hafen (2) and Südstadt (1) lose their ranks


def test_a_closed_wave_is_read_from_stored_counts_that_follow_changes(api_as, app, answered):
    instrument, wave, _ = answered["survey"]
    api = api_as(answered["consultant"])
    url = f"/projects/{answered['project_id']}/results/locations?metric=csat&wave_id={wave.id}"
    live = api.get(url).json
    assert live["wave_id"] == wave.id
    _set_status(app, wave.id, "closed")
    stored = api.get(url).json
    assert stored == live
    with app.app_context():
        assert db.session.get(WaveTally, wave.id).last_response_id == 7
    _set_status(app, wave.id, "open")
    body = {
        "instrument_id": instrument.id,
        "wave_id": wave.id,
        "respondent_group": "customer",
        "submission_id": "late-0001",
        "location_code": "SUED",
        "answers": {
            "f1": {"functional": 1, "dysfunctional": 5},
            "f2": {"functional": 3, "dysfunctional": 3},
            "csat": {"number": 2},
        },
    }
    assert api.post("/responses", json=body).status_code == 201
    _set_status(app, wave.id, "closed")
    again = api.get(url).json
    sued = next(unit for unit in again["branches"] if unit["code"] == "SUED")
    assert sued["scores"]["csat"]["value"] == pytest.approx(3.0) and sued["rank"] == 2


def _set_status(app, wave_id: int, status: str) -> None:
    with app.app_context():
        db.session.get(Wave, wave_id).status = status
        db.session.commit()


def test_an_admin_limits_a_viewer_to_a_region(client, auth, app, make, answered):
    viewer = make.user("viewer", clients=(answered["client"],))
    auth.login(make.user("admin"))
    page = client.get(f"/admin/users/{viewer.id}/locations")
    assert page.status_code == 200 and b"North" in page.data and b"Rival" not in page.data
    saved = client.post(
        f"/admin/users/{viewer.id}/locations", data={"location_ids": [answered["north"].id]}
    )
    assert saved.status_code == 302
    auth.logout()
    auth.login(viewer)
    page = client.get(f"/projects/{answered['project_id']}/locations/results").get_data(
        as_text=True
    )
    assert "Nordstadt" in page and "Hafen" in page and "Südstadt" not in page


def test_erasing_a_person_drops_the_stored_counts_of_the_wave(app, answered):
    from surveyor.services.locations import wave_cache

    _, wave, _ = answered["survey"]
    _set_status(app, wave.id, "closed")
    with app.app_context():
        assert wave_cache.fresh_waves([wave.id]) == {wave.id}
        oldest = db.session.scalar(select(Response.id).order_by(Response.id).limit(1))
        wave_cache.forget([oldest])
        db.session.commit()
        assert db.session.get(WaveTally, wave.id) is None


def test_the_scheduler_counts_a_wave_when_it_closes_it(app, answered):
    from surveyor.models.base import utcnow
    from surveyor.services.waves import scheduling

    _, wave, _ = answered["survey"]
    with app.app_context():
        db.session.get(Wave, wave.id).closes_at = utcnow()
        db.session.commit()
        assert scheduling.close_due_waves(utcnow()) == 1
        assert db.session.get(WaveTally, wave.id).last_response_id == 7


@pytest.mark.parametrize("edit", ["answer", "kano", "move", "delete"])
def test_editing_a_counted_answer_drops_the_stored_counts(api_as, app, answered, edit):
    """A closed wave's stored counts follow an edit of an answer they counted, whichever path
    makes it: the figures read afterwards are the edited ones."""
    from surveyor.models import Answer, Item, KanoAnswer
    from surveyor.services.locations import wave_cache

    _, wave, _ = answered["survey"]
    api = api_as(answered["consultant"])
    url = f"/projects/{answered['project_id']}/results/locations?metric=csat&wave_id={wave.id}"
    _set_status(app, wave.id, "closed")
    before = api.get(url).json
    with app.app_context():
        assert wave_cache.fresh_waves([wave.id]) == {wave.id}
        sued = db.session.scalar(select(Location).where(Location.code == "SUED"))
        response = db.session.scalar(select(Response).where(Response.location_id == sued.id))
        if edit == "answer":
            answer = db.session.scalar(
                select(Answer)
                .join(Item)
                .where(Answer.response_id == response.id, Item.key == "csat")
            )
            answer.number = 1
        elif edit == "kano":
            pair = db.session.scalar(
                select(KanoAnswer).where(KanoAnswer.response_id == response.id)
            )
            pair.functional = 5
        elif edit == "move":
            response.location_id = db.session.scalar(
                select(Location.id).where(Location.code == "HAFEN")
            )
        else:
            db.session.delete(response)
        db.session.commit()
        assert db.session.get(WaveTally, wave.id) is None
    after = api.get(url).json
    sued_after = next(unit for unit in after["branches"] if unit["code"] == "SUED")
    if edit == "answer":
        assert sued_after["scores"]["csat"]["value"] == pytest.approx(1.0)
    elif edit in ("move", "delete"):
        assert sued_after["scores"]["csat"] is None  # its only answer left Südstadt
    else:
        assert (
            sued_after["scores"]["csat"]
            == next(unit for unit in before["branches"] if unit["code"] == "SUED")["scores"]["csat"]
        )
        assert after != before  # the edited Kano pair moved the better/worse figures


def test_blanking_a_free_text_keeps_the_stored_counts(app, answered):
    """Retention blanks texts and e-mails; that is no reason to count a closed wave again."""
    from surveyor.models import Answer
    from surveyor.services.locations import wave_cache

    _, wave, _ = answered["survey"]
    _set_status(app, wave.id, "closed")
    with app.app_context():
        assert wave_cache.fresh_waves([wave.id]) == {wave.id}
        answer = db.session.scalar(select(Answer).limit(1))
        answer.text = None if answer.text else ""
        response = db.session.scalar(select(Response).limit(1))
        response.reference = "blanked"
        db.session.commit()
        assert db.session.get(WaveTally, wave.id) is not None


def test_staff_limited_to_a_branch_follow_no_link_to_every_branchs_checklist_results(
    client, auth, app, make, branches
):
    """The checklist results of every branch are refused to them, so no page links there."""
    store = make.touchpoint(_Project(branches["project_id"]), channel="store")
    make.checklist_instrument(store)
    viewer = make.user("viewer", clients=(branches["client"],))
    make.limit_to(viewer, branches["nord"])
    auth.login(viewer)
    page = client.get(f"/touchpoints/{store.id}")
    assert page.status_code == 200
    results = f"/projects/{branches['project_id']}/checklist-results"
    assert client.get(results).status_code == 403
    assert results not in page.get_data(as_text=True)


def test_saving_the_minimum_returns_to_the_wave_and_metric_on_screen(client, auth, answered):
    """A consultant reading an older wave by CSAT changes the minimum and stays on that view."""
    auth.login(answered["consultant"])
    _, wave, _ = answered["survey"]
    ranking = f"/projects/{answered['project_id']}/locations/results?wave={wave.id}&metric=csat"
    page = client.get(ranking).get_data(as_text=True)
    action = re.search(r'action="([^"]*/locations/minimum[^"]*)"', page).group(1)
    saved = client.post(action.replace("&amp;", "&"), data={"min_n": "3"})
    assert saved.status_code == 302
    assert f"wave={wave.id}" in saved.headers["Location"]
    assert "metric=csat" in saved.headers["Location"]


def test_stored_counts_are_read_within_the_tenancy_scope(client, auth, app, answered):
    """The stored counts skip the ORM (Core on the session's connection); the tenant guard sees
    those reads too, and they start from waves the scope reached."""
    from tests.security.tenant_guard import TenantGuard, tenant_owned

    _, wave, _ = answered["survey"]
    _set_status(app, wave.id, "closed")
    auth.login(answered["consultant"])
    url = f"/projects/{answered['project_id']}/locations/results?metric=csat&wave_id={wave.id}"
    assert client.get(url).status_code == 200  # counts the wave once
    with app.app_context():
        guard = TenantGuard(tenant_owned(db.metadata))
    with guard:
        assert client.get(url).status_code == 200
    assert "location_tally" in guard.read
    assert not guard.bypasses, "\n".join(map(str, guard.bypasses))
