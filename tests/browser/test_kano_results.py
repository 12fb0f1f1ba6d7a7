"""A customer answers on a phone; the consultant then reads the scored result in the browser."""

import pytest
from playwright.sync_api import expect

from surveyor.extensions import db
from surveyor.models import Instrument
from tests.factories import PASSWORD
from tests.web.test_kano_results import CUSTOMER_ANSWERS, answer

pytestmark = pytest.mark.browser


def test_consultant_sees_what_a_customer_answered_on_a_phone(phone_page, page, make, app):
    instrument, _, link = make.open_survey(features=2)
    with app.app_context():
        found = db.session.get(Instrument, instrument.id)
        touchpoint_id, client = found.touchpoint_id, found.touchpoint.project.client
        db.session.expunge(client)
    consultant = make.user("consultant", clients=(client,))

    phone_page.goto(f"/s/{link.token}")
    for number, functional in ((1, "Das würde mich sehr freuen"), (2, "Das setze ich voraus")):
        question = phone_page.locator(f"#q-f{number}")
        question.get_by_role("group", name="Wenn das so ist").get_by_label(functional).check()
        question.get_by_role("group", name=f"Merkmal {number} fehlt.").get_by_label(
            "Das würde mich sehr stören"
        ).check()
    phone_page.get_by_role("button", name="Antworten senden").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Vielen Dank!")

    page.goto("/")
    page.get_by_label("E-mail").fill(consultant.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"/touchpoints/{touchpoint_id}")
    page.get_by_role("link", name="Results").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Results")
    one_dimensional = page.get_by_role("row", name="Feature 1 is there.")
    expect(one_dimensional.get_by_title("One-dimensional (performance)")).to_be_visible()
    must_be = page.get_by_role("row", name="Feature 2 is there.")
    expect(must_be.get_by_title("Must-be (basic)")).to_be_visible()
    expect(page.get_by_role("img", name="Better/worse chart")).to_be_visible()
    page.screenshot(path="/tmp/surveyor-kano-results.png", full_page=True)

    page.get_by_label("Respondents", exact=True).select_option(label="Employees")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("No answers yet")).to_be_visible()


def test_the_results_table_stays_inside_the_page_at_1280_px(page, make, app):
    """All twenty columns are readable on a laptop without scrolling sideways (issue 16)."""
    instrument, _, link = make.open_survey(features=2, importance=True)
    for pairs in CUSTOMER_ANSWERS:
        answer(app, link, pairs)
    with app.app_context():
        client = db.session.get(Instrument, instrument.id).touchpoint.project.client
        db.session.expunge(client)
    consultant = make.user("consultant", clients=(client,))
    page.goto("/")
    page.get_by_label("E-mail").fill(consultant.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"/instruments/{instrument.id}/results")
    expect(page.get_by_role("table")).to_be_visible()
    page_width, table_box = page.evaluate(
        """[[document.documentElement.scrollWidth, document.documentElement.clientWidth],
            [document.querySelector('.table-scroll').scrollWidth,
             document.querySelector('.table-scroll').clientWidth]]"""
    )
    assert page_width[0] <= page_width[1], page_width
    assert table_box[0] <= table_box[1], table_box
