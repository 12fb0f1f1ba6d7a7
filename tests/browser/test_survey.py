"""A customer answers the Kano survey on a phone-sized screen, without mouse or JavaScript help."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import KanoAnswer, Response

pytestmark = pytest.mark.browser


def test_customer_answers_on_a_phone_and_fixes_a_missed_question(phone_page, make, app):
    _, _, link = make.open_survey(features=2, optional=("nps",))
    page = phone_page
    page.goto(f"/s/{link.token}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihr Anruf")

    first = page.locator("#q-f1")
    first.get_by_role("group", name="Wenn das so ist").get_by_label(
        "Das würde mich sehr freuen"
    ).check()
    first.get_by_role("group", name="Merkmal 1 fehlt.").get_by_label(
        "Das würde mich sehr stören"
    ).check()
    page.get_by_role("button", name="Antworten senden").click()

    expect(page.get_by_role("alert")).to_contain_text("Frage 2")
    expect(page.locator("#q-f1 input[value='1']").first).to_be_checked()
    second = page.locator("#q-f2")
    second.get_by_role("group", name="Wenn das so ist").get_by_label("Das setze ich voraus").check()
    second.get_by_role("group", name="Merkmal 2 fehlt.").get_by_label(
        "Das würde mich sehr stören"
    ).check()
    page.locator("#q-nps").get_by_label("9", exact=True).check()
    page.screenshot(path="/tmp/surveyor-survey-phone.png", full_page=True)
    page.get_by_role("button", name="Antworten senden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank!")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 1
        assert db.session.scalar(select(func.count()).select_from(KanoAnswer)) == 2


def test_survey_can_be_answered_with_the_keyboard_alone(phone_page, make, app):
    _, _, link = make.open_survey(features=1)
    page = phone_page
    page.goto(f"/s/{link.token}?lang=en")
    for _ in range(3):  # the two language links, then the first radio group
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    for _ in range(4):  # arrow keys move through a radio group and select
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you!")
    with app.app_context():
        pair = db.session.execute(select(KanoAnswer.functional, KanoAnswer.dysfunctional)).one()
    assert tuple(pair) == (1, 5)
