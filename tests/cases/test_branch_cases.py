"""Closing the loop branch by branch: every way an answer reaches a branch opens its cases there.

A kiosk or CRM sends the branch's code through the API, a recipient list gives an invitation its
branch, and a branch's QR link carries it (tests/cases/test_survey_cases.py). In each case the
follow-up case belongs to the branch: rules limited to the branch or its region fire, rules of
other branches do not, and the branch's own staff find it while staff of other branches do not.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import FollowUpCase, OutboxMessage, Project, User
from surveyor.services.cases import rules, work
from surveyor.services.errors import Invalid
from surveyor.services.reports.scope import ExportScope
from surveyor.services.reports.workbooks import build_workbook
from surveyor.services.surveys import surveys
from tests.cases.helpers import form_token
from tests.export.conftest import open_workbook, rows_of
from tests.locations.conftest import api_as, branches, token_for

__all__ = ["api_as", "branches", "token_for"]


@pytest.fixture
def watched(app, make, branches):
    """``branches`` with detractor rules for the North region, for Südstadt and for everyone,
    and client staff limited to Nordstadt, to Hafen and to the North region."""
    found = dict(branches)
    for name in ("nord", "hafen", "north"):
        found[f"{name}_staff"] = staff = make.user("viewer", clients=(branches["client"],))
        make.limit_to(staff, branches[name])
    with app.app_context():
        project = db.session.get(Project, branches["project_id"])
        for name, locations in (
            ("North only", (branches["north"].id,)),
            ("Südstadt only", (branches["sued"].id,)),
            ("Everywhere", ()),
        ):
            rules.save_rule(
                project,
                rules.RuleInput(
                    name=name,
                    kind="nps_detractor",
                    location_ids=locations,
                    recipient_ids=(branches["consultant"].id,),
                ),
            )
    return found


def _opened(app) -> list[tuple[str, int | None]]:
    """(rule name, location id) of every case, by rule name."""
    with app.app_context():
        return sorted(
            (case.rule.name, case.location_id)
            for case in db.session.scalars(select(FollowUpCase)).all()
        )


def _kiosk(watched, code: str, nps: int, number: int = 1) -> dict:
    instrument, wave, _ = watched["survey"]
    return {
        "instrument_id": instrument.id,
        "wave_id": wave.id,
        "respondent_group": "customer",
        "submission_id": f"kiosk-{number:04d}",
        "location_code": code,
        "answers": {
            "f1": {"functional": 1, "dysfunctional": 5},
            "f2": {"functional": 2, "dysfunctional": 4},
            "nps": {"number": nps},
        },
    }


def _answer_form(client, token: str, nps: int):
    url = f"/s/{token}"
    data = {"form_token": form_token(client.get(url).data), "n-nps": str(nps)}
    data.update({"f-f1": "1", "d-f1": "5", "f-f2": "2", "d-f2": "4"})
    return client.post(url, data=data)


def test_a_kiosk_answer_opens_its_cases_at_the_branch(app, api_as, watched):
    api = api_as(watched["consultant"])
    assert api.post("/responses", json=_kiosk(watched, "HAFEN", 2)).status_code == 201

    hafen = watched["hafen"].id
    assert _opened(app) == [("Everywhere", hafen), ("North only", hafen)]


def test_a_kiosk_answer_without_a_branch_opens_only_the_unlimited_rules_case(app, api_as, watched):
    api = api_as(watched["consultant"])
    assert api.post("/responses", json=_kiosk(watched, "", 2)).status_code == 201
    assert _opened(app) == [("Everywhere", None)]


def test_an_invitation_from_a_recipient_list_opens_its_cases_at_the_recipients_branch(
    app, client, watched
):
    _instrument, _wave, link = watched["survey"]
    with app.app_context():
        link = db.session.merge(link)
        [invitation] = surveys.invite(link, [("kim@example.com", "Kim", "SUED")])
        token = invitation.token
    assert _answer_form(client, token, nps=1).status_code == 303

    sued = watched["sued"].id
    assert _opened(app) == [("Everywhere", sued), ("Südstadt only", sued)]


def test_branch_staff_see_their_branchs_cases_only(app, client, auth, api_as, watched):
    api = api_as(watched["consultant"])
    for number, code in enumerate(("NORD", "HAFEN", ""), start=1):
        assert api.post("/responses", json=_kiosk(watched, code, 3, number)).status_code == 201
    with app.app_context():
        cases = {
            (case.location_id, case.rule.name): case.id
            for case in db.session.scalars(select(FollowUpCase)).all()
        }
    nord = cases[(watched["nord"].id, "Everywhere")]
    hafen = cases[(watched["hafen"].id, "Everywhere")]
    nowhere = cases[(None, "Everywhere")]
    listing = f"/projects/{watched['project_id']}/cases"

    def visible(user) -> set[int]:
        auth.login(user)
        page = client.get(listing).get_data(as_text=True)
        shown = {case_id for case_id in cases.values() if f'href="/cases/{case_id}"' in page}
        for case_id in cases.values():
            status = client.get(f"/cases/{case_id}").status_code
            assert status == (200 if case_id in shown else 404), (user.email, case_id)
        auth.logout()
        return shown

    assert visible(watched["nord_staff"]) == {nord, cases[(watched["nord"].id, "North only")]}
    assert visible(watched["hafen_staff"]) == {hafen, cases[(watched["hafen"].id, "North only")]}
    # the region grants its branches; a case without a branch names none of theirs: left out
    assert nowhere not in visible(watched["north_staff"])
    assert visible(watched["north_staff"]) == set(cases.values()) - {nowhere}
    assert visible(watched["consultant"]) == set(cases.values())


def _rule_for(app, watched, *recipients) -> None:
    """A detractor rule for every branch told to ``recipients`` (the other rules stay quiet)."""
    with app.app_context():
        project = db.session.get(Project, watched["project_id"])
        for rule in rules.rules_of(project):
            rule.active = False
        rules.save_rule(
            project,
            rules.RuleInput(
                name="Told to branch staff",
                kind="nps_detractor",
                recipient_ids=tuple(user.id for user in recipients),
            ),
        )


def _told(app) -> dict[int | None, tuple[int | None, set[str]]]:
    """Per location: the owner and who was e-mailed of the case of the active rule."""
    with app.app_context():
        messages = db.session.scalars(select(OutboxMessage)).all()
        return {
            case.location_id: (
                case.owner_id,
                {m.recipient for m in messages if m.body.rstrip().endswith(f"/cases/{case.id}")},
            )
            for case in db.session.scalars(select(FollowUpCase)).all()
            if case.rule.name == "Told to branch staff"
        }


def test_a_case_goes_to_the_staff_of_its_branch_only(app, client, auth, api_as, watched):
    """Staff limited to Nordstadt can neither open nor work on a Hafen case, so they are not
    told of it and do not own it; the branch's own staff do, else the consultant."""
    nord_staff, hafen_staff = watched["nord_staff"], watched["hafen_staff"]
    consultant = watched["consultant"]
    _rule_for(app, watched, nord_staff, hafen_staff, consultant)
    api = api_as(consultant)
    for number, code in enumerate(("NORD", "HAFEN", "SUED", ""), start=1):
        assert api.post("/responses", json=_kiosk(watched, code, 0, number)).status_code == 201

    assert _told(app) == {
        watched["nord"].id: (nord_staff.id, {nord_staff.email, consultant.email}),
        watched["hafen"].id: (hafen_staff.id, {hafen_staff.email, consultant.email}),
        watched["sued"].id: (consultant.id, {consultant.email}),
        None: (consultant.id, {consultant.email}),
    }
    auth.login(nord_staff)
    mine = client.get("/cases").get_data(as_text=True)
    assert mine.count('class="case-link"') == 1 and "Recommendation 0 of 10" in mine


def test_a_case_is_not_handed_to_staff_of_another_branch(app, client, auth, api_as, watched):
    _rule_for(app, watched, watched["consultant"])
    api = api_as(watched["consultant"])
    assert api.post("/responses", json=_kiosk(watched, "HAFEN", 1)).status_code == 201
    with app.app_context():
        case_id = db.session.scalar(
            select(FollowUpCase.id).where(FollowUpCase.rule_id.is_not(None))
        )
    auth.login(watched["consultant"])
    page = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert f'value="{watched["hafen_staff"].id}"' in page
    assert f'value="{watched["nord_staff"].id}"' not in page
    refused = client.post(f"/cases/{case_id}/owner", data={"owner_id": watched["nord_staff"].id})
    assert refused.status_code == 422
    with app.app_context():
        assert db.session.get(FollowUpCase, case_id).owner_id == watched["consultant"].id
    moved = client.post(f"/cases/{case_id}/owner", data={"owner_id": watched["hafen_staff"].id})
    assert moved.status_code == 303
    with app.app_context():
        case = db.session.get(FollowUpCase, case_id)
        consultant = db.session.get(User, watched["consultant"].id)
        with pytest.raises(Invalid, match="cannot see cases of this location"):
            work.assign(consultant, case, watched["nord_staff"].id)


def test_loop_metrics_count_survey_cases_per_branch(app, client, auth, api_as, watched, tmp_path):
    """Trend page, API and the workbook's Closing the loop sheet show the survey cases of each
    branch (a case without a branch in a row of its own); branch staff see their row only."""
    _rule_for(app, watched, watched["consultant"])
    api = api_as(watched["consultant"])
    for number, code in enumerate(("NORD", "NORD", "HAFEN", ""), start=1):
        assert api.post("/responses", json=_kiosk(watched, code, 2, number)).status_code == 201
    expected = {"Nordstadt": 2, "Hafen": 1, "—": 1}

    url = f"/projects/{watched['project_id']}/loop-metrics?by=location"
    rows = api.get(url).json["rows"]
    assert {row["name"]: row["opened"] for row in rows} == expected
    staff_rows = api_as(watched["nord_staff"]).get(url).json["rows"]
    assert [(row["name"], row["opened"]) for row in staff_rows] == [("Nordstadt", 2)]

    instrument = watched["survey"][0]
    auth.login(watched["consultant"])
    page = client.get(f"/touchpoints/{instrument.touchpoint_id}/trends").get_data(as_text=True)
    loop = page[page.index('id="loop"') :]
    assert "<td>Nordstadt</td><td>2</td>" in loop and "<td>Hafen</td><td>1</td>" in loop

    path = tmp_path / "loop.xlsx"
    with app.app_context():
        build_workbook(ExportScope(watched["project_id"], lang="en"), path)
    sheet = open_workbook(str(path))["Closing the loop"]
    written = {
        row["Name"]: row["Cases opened"]
        for row in rows_of(sheet, _header_row(sheet))
        if row["Grouped by"] == "Location"
    }
    assert written == expected


def _header_row(sheet) -> int:
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if row and row[0] == "Grouped by":
            return number
    raise AssertionError("no header")


def test_the_project_case_list_is_filtered_by_branch_or_region(app, client, auth, api_as, watched):
    """Cases per branch: a region shows its branches' cases; staff limited to a branch are
    offered their own locations only, and another branch is not found."""
    _rule_for(app, watched, watched["consultant"])
    api = api_as(watched["consultant"])
    for number, code in enumerate(("NORD", "HAFEN", "SUED", ""), start=1):
        assert api.post("/responses", json=_kiosk(watched, code, number, number)).status_code == 201
    with app.app_context():
        at = {
            case.location_id: case.id
            for case in db.session.scalars(select(FollowUpCase)).all()
            if case.rule.name == "Told to branch staff"
        }
    listing = f"/projects/{watched['project_id']}/cases"

    def listed(query: str = "") -> set[int]:
        response = client.get(listing + query)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        return {case_id for case_id in at.values() if f'href="/cases/{case_id}"' in page}

    nord, hafen, sued = (watched[name].id for name in ("nord", "hafen", "sued"))
    auth.login(watched["consultant"])
    page = client.get(listing).get_data(as_text=True)
    assert '<select id="location" name="location">' in page
    assert all(name in page for name in ("Nordstadt", "Hafen", "Südstadt", "North"))
    assert listed() == set(at.values())
    assert listed(f"?location={hafen}") == {at[hafen]}
    assert listed(f"?location={watched['north'].id}") == {at[nord], at[hafen]}
    assert listed(f"?location={sued}&status=resolved") == set()
    assert listed("?location=nonsense") == set(at.values())
    for unknown in (-1, 10**20, watched["survey"][1].id + 10**6):
        assert client.get(f"{listing}?location={unknown}").status_code == 404
    auth.logout()

    auth.login(watched["nord_staff"])
    page = client.get(listing).get_data(as_text=True)
    options = page[page.index('<select id="location"') : page.index("</select>")]
    assert "Nordstadt" in options and "Hafen" not in options and "Südstadt" not in options
    assert listed(f"?location={nord}") == {at[nord]}
    assert client.get(f"{listing}?location={hafen}").status_code == 404
    assert client.get(f"{listing}?location={watched['north'].id}").status_code == 404


def test_the_case_filter_is_in_german(app, client, auth, make, watched):
    german = make.user("consultant", clients=(watched["client"],), locale="de")
    auth.login(german)
    page = client.get(f"/projects/{watched['project_id']}/cases").get_data(as_text=True)
    assert "Alle Standorte" in page and "Alle Status" in page and ">Anzeigen<" in page
