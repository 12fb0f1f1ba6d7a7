"""Client staff limited to their branch (issue 20) read nothing of the other branches.

A viewer limited to Nordstadt must not reach, through the web or the API, the answers, shops,
photos, cases or scores of Hafen or Südstadt: lists are cut to Nordstadt, documents of every
branch (the project workbook, the deck, the checklist results page, the scorecard, pilots) are
refused with a 403 that points to the report cards. A viewer without a limit still gets all of it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import insert

from surveyor.extensions import db
from surveyor.models import (
    Assignment,
    ExportJob,
    FollowUpCase,
    Instrument,
    Photo,
    location_access,
)
from surveyor.models.base import utcnow
from surveyor.services.reports.exports import export_folder
from surveyor.services.shops import photos
from tests.factories import Factory, _Ref
from tests.locations.conftest import api_as, branches, token_for
from tests.locations.test_results import answered

__all__ = ["answered", "api_as", "branches", "token_for"]

REFUSED = "Your access is limited to your own locations"


@pytest.fixture
def limits(app, make: Factory, answered):
    """``answered`` plus approved shops (with a photo) and cases at Nordstadt and Hafen, a
    pilot measure, a finished workbook, and two viewers: ``limited`` (Nordstadt) and ``full``."""
    found = dict(answered)
    project = _Ref(answered["project_id"])
    touchpoint = make.touchpoint(project, channel="store")
    checklist = make.checklist_instrument(touchpoint)
    wave = answered["survey"][1]
    shops = {
        code: make.approved_shop(checklist, location=answered[code], wave=wave)
        for code in ("nord", "hafen")
    }
    found["measure"] = make.measure(touchpoint)
    limited = make.user("viewer", clients=(answered["client"],))
    full = make.user("viewer", clients=(answered["client"],))
    with app.app_context():
        db.session.execute(
            insert(location_access), {"user_id": limited.id, "location_id": answered["nord"].id}
        )
        for code, shop in shops.items():
            assignment = db.session.get(Assignment, shop.id)
            found[f"{code}_shop"] = assignment.id
            found[f"{code}_photo"] = _photo(assignment).id
            found[f"{code}_case"] = _case(assignment, limited.id).id
        job = ExportJob(
            project_id=project.id,
            requested_by_id=answered["consultant"].id,
            status="done",
            filename="whole-client.xlsx",
            stored_name="limits-whole-client.xlsx",
        )
        db.session.add(job)
        db.session.flush()
        folder = export_folder(app)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / job.stored_name).write_bytes(b"PK every branch")
        found["job"] = job.id
        found["checklist"] = db.session.get(Instrument, checklist.id).id
        db.session.commit()
    found["limited"], found["full"] = limited, full
    return found


def _photo(assignment: Assignment) -> Photo:
    key = f"limits/{assignment.response_id}.jpg"
    path = photos.storage_root() / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xd8\xff\xd9")
    item = assignment.instrument.versions[0].items[0]
    photo = Photo(
        response_id=assignment.response_id,
        item_id=item.id,
        storage_key=key,
        mime="image/jpeg",
        width=1,
        height=1,
        bytes=4,
    )
    db.session.add(photo)
    db.session.flush()
    return photo


def _case(assignment: Assignment, owner_id: int) -> FollowUpCase:
    name = assignment.location.name
    case = FollowUpCase(
        project_id=assignment.location.project_id,
        key=f"case {name}",
        kind="nps_detractor",
        summary={"nps": 2},
        location_id=assignment.location_id,
        touchpoint_id=assignment.instrument.touchpoint_id,
        wave_id=assignment.wave_id,
        owner_id=owner_id,
        due_at=utcnow() + timedelta(days=7),
        resolution_note="",
        contact_name=f"Customer of {name}",
        contact_details="someone@example.org",
    )
    db.session.add(case)
    db.session.flush()
    return case


class TestLimitedToOneBranch:
    """Each surface: the limited viewer is refused or sees Nordstadt only; the full one sees all."""

    def test_the_project_workbook_is_refused_and_its_button_hidden(self, client, auth, limits):
        project_id = limits["project_id"]
        auth.login(limits["limited"])
        page = client.get(f"/projects/{project_id}/exports")
        assert page.status_code == 403
        text = page.get_data(as_text=True)
        assert REFUSED in text
        assert f"/projects/{project_id}/locations/results" in text  # to the report cards
        asked = client.post(f"/projects/{project_id}/exports", data={"kind": "deck"})
        assert asked.status_code == 403
        assert client.get(f"/exports/{limits['job']}").status_code == 403
        assert client.get(f"/exports/{limits['job']}/download").status_code == 403
        assert f"/projects/{project_id}/exports" not in client.get(
            f"/projects/{project_id}"
        ).get_data(as_text=True)
        with client.application.app_context():
            assert db.session.query(ExportJob).count() == 1  # nothing was queued

        auth.login(limits["full"])
        assert client.get(f"/projects/{project_id}/exports").status_code == 200
        assert client.get(f"/exports/{limits['job']}/download").data == b"PK every branch"
        assert f"/projects/{project_id}/exports" in client.get(f"/projects/{project_id}").get_data(
            as_text=True
        )

    def test_the_location_directory_names_only_the_branchs_own(self, client, auth, api_as, limits):
        project_id = limits["project_id"]
        auth.login(limits["limited"])
        page = client.get(f"/projects/{project_id}").get_data(as_text=True)
        table = page[page.index("<h2>Locations</h2>") : page.index('class="mystery-shops"')]
        assert "Nordstadt" in table and "Hafen" not in table and "Südstadt" not in table
        listed = api_as(limits["limited"]).get(f"/projects/{project_id}/locations").json["items"]
        assert [location["code"] for location in listed] == ["NORD"]

        auth.login(limits["full"])
        page = client.get(f"/projects/{project_id}").get_data(as_text=True)
        assert "Hafen" in page and "Südstadt" in page
        listed = api_as(limits["full"]).get(f"/projects/{project_id}/locations").json["items"]
        assert {"NORD", "HAFEN", "SUED"} <= {location["code"] for location in listed}

    def test_the_responses_api_lists_only_the_branchs_answers(self, api_as, limits):
        mine = api_as(limits["limited"]).get("/responses?limit=100").json["items"]
        assert {row["location_id"] for row in mine} == {limits["nord"].id}
        customers = [row for row in mine if row["respondent_group"] == "customer"]
        assert len(customers) == 3
        other = api_as(limits["limited"]).get(f"/responses?location_id={limits['hafen'].id}")
        assert other.status_code == 200 and other.json["items"] == []
        everything = api_as(limits["full"]).get("/responses?limit=100").json["items"]
        assert len([row for row in everything if row["respondent_group"] == "customer"]) == 7

    def test_shops_and_their_photos_of_other_branches_are_not_found(self, client, auth, limits):
        auth.login(limits["limited"])
        own = client.get(f"/shops/{limits['nord_shop']}")
        assert own.status_code == 200
        assert "/checklist-results" not in own.get_data(as_text=True)  # a page they may not see
        assert client.get(f"/shops/{limits['hafen_shop']}").status_code == 404
        assert client.get(f"/shop/photos/{limits['nord_photo']}").status_code == 200
        assert client.get(f"/shop/photos/{limits['hafen_photo']}").status_code == 404
        auth.login(limits["full"])
        other = client.get(f"/shops/{limits['hafen_shop']}")
        assert other.status_code == 200 and "/checklist-results" in other.get_data(as_text=True)
        assert client.get(f"/shop/photos/{limits['hafen_photo']}").status_code == 200

    def test_cases_of_other_branches_are_neither_listed_nor_shown(self, client, auth, limits):
        auth.login(limits["limited"])
        listed = client.get(f"/projects/{limits['project_id']}/cases").get_data(as_text=True)
        assert "Nordstadt" in listed and "Hafen" not in listed
        mine = client.get("/cases").get_data(as_text=True)
        assert "Nordstadt" in mine and "Hafen" not in mine
        assert client.get(f"/cases/{limits['nord_case']}").status_code == 200
        assert client.get(f"/cases/{limits['hafen_case']}").status_code == 404
        auth.login(limits["full"])
        listed = client.get(f"/projects/{limits['project_id']}/cases").get_data(as_text=True)
        assert "Nordstadt" in listed and "Hafen" in listed
        assert client.get(f"/cases/{limits['hafen_case']}").status_code == 200

    def test_loop_metrics_by_location_show_only_the_branch(self, client, auth, api_as, limits):
        url = f"/projects/{limits['project_id']}/loop-metrics?by=location"
        rows = api_as(limits["limited"]).get(url).json["rows"]
        assert [row["name"] for row in rows] == ["Nordstadt"]
        rows = api_as(limits["full"]).get(url).json["rows"]
        assert {row["name"] for row in rows} == {"Nordstadt", "Hafen"}
        with client.application.app_context():
            touchpoint_id = db.session.get(Instrument, limits["checklist"]).touchpoint_id
        auth.login(limits["limited"])
        page = client.get(f"/touchpoints/{touchpoint_id}/trends").get_data(as_text=True)
        assert "Nordstadt" in page and "Hafen" not in page
        auth.login(limits["full"])
        page = client.get(f"/touchpoints/{touchpoint_id}/trends").get_data(as_text=True)
        assert "Hafen" in page

    def test_checklist_scores_stay_within_the_branch(self, client, auth, api_as, limits):
        base = f"/projects/{limits['project_id']}/results/checklist"
        api = api_as(limits["limited"])
        assert api.get(f"{base}?by=").status_code == 200  # the client's total stays visible
        refused = api.get(f"{base}?by=location")
        assert refused.status_code == 403 and REFUSED in refused.json["message"]
        assert api.get(f"{base}?by=shop").status_code == 403
        assert api.get(f"{base}?by=location&location_id={limits['hafen'].id}").status_code == 404
        own = api.get(f"{base}?by=location&location_id={limits['nord'].id}").json["items"]
        assert [row["label"] for row in own] == [["Nordstadt"]]
        rows = api_as(limits["full"]).get(f"{base}?by=location").json["items"]
        assert {tuple(row["label"]) for row in rows} == {("Nordstadt",), ("Hafen",)}

        auth.login(limits["limited"])
        page = client.get(f"/projects/{limits['project_id']}/checklist-results")
        assert page.status_code == 403 and REFUSED in page.get_data(as_text=True)
        auth.login(limits["full"])
        page = client.get(f"/projects/{limits['project_id']}/checklist-results")
        assert page.status_code == 200 and "Hafen" in page.get_data(as_text=True)

    def test_the_scorecard_per_location_is_refused(self, client, auth, api_as, limits):
        url = f"/projects/{limits['project_id']}/scorecard"
        auth.login(limits["limited"])
        assert client.get(url).status_code == 403
        assert api_as(limits["limited"]).get(url).status_code == 403
        auth.login(limits["full"])
        assert client.get(url).status_code == 200
        assert api_as(limits["full"]).get(url).status_code == 200

    def test_pilots_comparing_named_branches_are_refused(self, client, auth, api_as, limits):
        url = f"/measures/{limits['measure'].id}/pilot"
        auth.login(limits["limited"])
        assert client.get(url).status_code == 403
        refused = api_as(limits["limited"]).get(url)
        assert refused.status_code == 403 and REFUSED in refused.json["message"]
        auth.login(limits["full"])
        assert client.get(url).status_code == 200
        assert api_as(limits["full"]).get(url).status_code == 200

    def test_the_refusal_is_in_german_for_german_readers(self, client, auth, limits):
        auth.login(limits["limited"])
        page = client.get(
            f"/projects/{limits['project_id']}/exports", headers={"Accept-Language": "de"}
        ).get_data(as_text=True)
        assert "Ihr Zugang ist auf Ihre eigenen Standorte beschränkt" in page
        assert REFUSED not in page


def test_survey_urls_per_branch_name_only_the_branchs_own(client, auth, api_as, limits):
    """The API's per-branch survey URLs, like the directory, are cut to the viewer's branch."""
    instrument, wave, _link = limits["survey"]
    consultant = api_as(limits["consultant"])
    body = {"wave_id": wave.id, "respondent_group": "customer"}
    assert consultant.post(f"/instruments/{instrument.id}/links", json=body).status_code == 200
    listed = api_as(limits["limited"]).get(f"/instruments/{instrument.id}/links").json["items"]
    assert [row["code"] for row in listed[0]["locations"]] == ["NORD"]
    assert "Hafen" not in str(listed)
    everything = api_as(limits["full"]).get(f"/instruments/{instrument.id}/links").json["items"]
    assert {row["code"] for row in everything[0]["locations"]} == {"NORD", "HAFEN", "SUED"}


def test_the_qr_sheet_shows_only_the_branchs_own_code(client, auth, limits):
    _instrument, _wave, link = limits["survey"]
    auth.login(limits["limited"])
    page = client.get(f"/links/{link.id}/locations").get_data(as_text=True)
    assert "Nordstadt" in page and "Hafen" not in page and "Südstadt" not in page
    assert client.get(f"/links/{link.id}/locations/{limits['hafen'].id}/qr.svg").status_code == 404
    assert client.get(f"/links/{link.id}/locations/{limits['nord'].id}/qr.svg").status_code == 200
