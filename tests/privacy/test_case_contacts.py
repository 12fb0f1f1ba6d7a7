"""A detractor who agreed to be contacted is found and erased by their address (Art. 15 and 17).

The contact details live on the follow-up case only; the case itself stays countable (status,
rule, dates) after an erasure, as after retention.
"""

from __future__ import annotations

import io
import json

from openpyxl import load_workbook
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import FollowUpCase, Project
from tests.cases.helpers import answer, detractor_survey

PERSON = "kim@example.com"


def _consultant(make, setup):
    with make.app.app_context():
        client = db.session.get(Project, setup.project_id).client
    return make.user("consultant", clients=(client,))


def _case(app) -> FollowUpCase:
    with app.app_context():
        return db.session.scalars(select(FollowUpCase)).one()


def test_an_address_left_on_a_public_link_is_found_and_copied(app, client, auth, make):
    setup = detractor_survey(make)
    answer(client, setup.link, nps=2, contact="Kim.Kunde+crm@Example.com ")
    answer(app.test_client(), setup.link, nps=1, contact="someone@example.org")
    auth.login(_consultant(make, setup))
    page = client.post("/privacy/requests", data={"email": "kim.kunde+crm@example.com"})
    text = page.get_data(as_text=True)
    assert "Contact details on follow-up cases" in text
    assert "Kim Kunde" in text and "someone@example.org" not in text
    document = json.loads(
        client.post(
            "/privacy/requests/export.json", data={"email": "kim.kunde+crm@example.com"}
        ).data
    )
    [case] = document["cases"]
    assert case["contact_name"] == "Kim Kunde" and case["status"] == "open"
    workbook = client.post(
        "/privacy/requests/export.xlsx", data={"email": "kim.kunde+crm@example.com"}
    )
    sheet = load_workbook(io.BytesIO(workbook.data), read_only=True)["cases"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert "contact_details" in rows[0] and "Kim Kunde" in rows[1]


def test_a_phone_number_left_through_an_invitation_is_found_by_the_invitation(
    app, client, auth, make
):
    setup = detractor_survey(make)
    invitation = make.invitation(setup.link, PERSON)
    answer(client, invitation, nps=3, contact="+49 170 1234567")
    auth.login(_consultant(make, setup))
    document = json.loads(client.post("/privacy/requests/export.json", data={"email": PERSON}).data)
    assert [case["contact_details"] for case in document["cases"]] == ["+49 170 1234567"]


def test_a_wildcard_in_the_address_matches_nothing_else(app, client, auth, make):
    setup = detractor_survey(make)
    answer(client, setup.link, nps=2, contact="kim@example.com")
    auth.login(_consultant(make, setup))
    page = client.post("/privacy/requests", data={"email": "k_m@example.com"})
    assert "Nothing is stored about this e-mail address" in page.get_data(as_text=True)


def test_erasure_blanks_the_contact_and_keeps_the_case_countable(app, client, auth, make):
    setup = detractor_survey(make)
    answer(client, setup.link, nps=2, contact=PERSON)
    answer(app.test_client(), setup.link, nps=1, contact="someone@example.org")
    auth.login(_consultant(make, setup))
    erased = client.post("/privacy/requests/erase", data={"email": PERSON, "confirm": "y"})
    assert erased.status_code == 302
    with app.app_context():
        cases = db.session.scalars(select(FollowUpCase).order_by(FollowUpCase.id)).all()
        assert [(c.contact_name, c.contact_details) for c in cases] == [
            ("", ""),
            ("Kim Kunde", "someone@example.org"),
        ]
        kept = cases[0]
        assert kept.status == "open" and kept.rule_id is not None and kept.opened_at is not None
        assert kept.summary == {"nps": 2}
    again = client.post("/privacy/requests", data={"email": PERSON})
    assert "Nothing is stored about this e-mail address" in again.get_data(as_text=True)


def test_a_consultant_of_another_client_does_not_find_the_case(app, client, auth, make):
    setup = detractor_survey(make)
    answer(client, setup.link, nps=2, contact=PERSON)
    auth.login(make.user("consultant", clients=(make.client(),)))
    client.post("/privacy/requests/erase", data={"email": PERSON, "confirm": "y"})
    assert _case(app).contact_details == PERSON


def test_a_german_consultant_sees_the_cases_in_german(app, client, auth, make):
    setup = detractor_survey(make)
    answer(client, setup.link, nps=2, contact=PERSON)
    with make.app.app_context():
        tenant = db.session.get(Project, setup.project_id).client
    auth.login(make.user("consultant", clients=(tenant,), locale="de"))
    page = client.post("/privacy/requests", data={"email": PERSON}).get_data(as_text=True)
    assert "Kontaktdaten in Nachbetreuungsfällen" in page
    assert "ohne Kontaktdaten und Notizen" in page


def test_the_found_cases_read_on_a_phone_and_in_german(client, auth, make):
    """The tables scroll inside their own region (not the page at 390 px) and dates are the
    reader's, not ISO."""
    setup = detractor_survey(make)
    answer(client, setup.link, nps=2, contact="kim@example.com")
    auth.login(_consultant(make, setup))
    text = client.post(
        "/privacy/requests",
        data={"email": "kim@example.com"},
        headers={"Accept-Language": "de"},
    ).get_data(as_text=True)
    assert 'aria-label="Kontaktdaten in Nachbetreuungsfällen"' in text
    assert 'class="table-scroll" role="region" tabindex="0" aria-label="Einladungen"' in text
    opened = _case(make.app).opened_at
    assert opened.strftime("%d.%m.%Y") in text and opened.strftime("%Y-%m-%d") not in text
