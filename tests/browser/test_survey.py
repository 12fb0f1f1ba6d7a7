"""A customer answers the Kano survey on a phone-sized screen, without mouse or JavaScript help."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import KanoAnswer, Response, SurveyLink

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


def _answer_first_feature(page) -> None:
    first = page.locator("#q-f1")
    first.get_by_role("group", name="Wenn das so ist").get_by_label(
        "Das würde mich sehr freuen"
    ).check()
    first.get_by_role("group", name="Merkmal 1 fehlt.").get_by_label(
        "Das würde mich sehr stören"
    ).check()
    page.get_by_role("button", name="Antworten senden").click()


def _responses(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Response))


def test_back_and_send_again_stores_one_response(phone_page, make, app):
    _, _, link = make.open_survey(features=1)
    page = phone_page
    other_tab = page.context.new_page()  # opened before sending, as a forgotten second tab
    other_tab.goto(f"/s/{link.token}")
    page.goto(f"/s/{link.token}")
    _answer_first_feature(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank!")

    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bereits beantwortet")
    _answer_first_feature(other_tab)
    expect(other_tab.get_by_role("heading", level=1)).to_have_text("Bereits beantwortet")
    assert _responses(app) == 1


def _counter_tablet_answered_once(page, make, app):
    """A branch's counter tablet (one link, many people) on which the first person answered."""
    _, _, link = make.open_survey(features=1)
    with app.app_context():
        db.session.get(SurveyLink, link.id).many_per_device = True
        db.session.commit()
    page.goto(f"/s/{link.token}")
    _answer_first_feature(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank!")
    return page


def test_a_counter_tablet_takes_answers_from_one_person_after_another(phone_page, make, app):
    page = _counter_tablet_answered_once(phone_page, make, app)
    page.get_by_role("link", name="Umfrage für die nächste Person starten").click()
    expect(page.locator("#q-f1 input:checked")).to_have_count(0)
    _answer_first_feature(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank!")
    assert _responses(app) == 2


def test_back_on_a_counter_tablet_shows_no_answers_and_sending_again_stores_none(
    phone_page, make, app
):
    """Back after thanks on a branch's counter tablet: the browser put the previous person's
    answers back into the fresh form (its form-state restore), so the next person read them and
    one more tap counted them twice for the branch."""
    page = _counter_tablet_answered_once(phone_page, make, app)
    page.go_back()
    expect(page.locator("#q-f1")).to_be_visible()
    expect(page.locator("#q-f1 input:checked")).to_have_count(0)
    page.get_by_role("button", name="Antworten senden").click()
    expect(page.get_by_role("alert")).to_be_visible()  # nothing answered: nothing stored
    assert _responses(app) == 1
