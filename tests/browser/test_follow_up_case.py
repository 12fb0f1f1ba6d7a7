"""A detractor agrees to be contacted; the client's staff member sees the case on a phone."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_survey import _answer_first_feature
from tests.cases.helpers import detractor_survey
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_detractor_case_appears_for_client_staff_on_a_phone(phone_page, browser, live_server, make):
    setup = detractor_survey(make)
    page = phone_page
    page.goto(f"/s/{setup.link.token}")
    page.locator("#q-nps").get_by_label("2", exact=True).check()
    consent = page.locator("#q-follow_up")
    expect(consent).to_contain_text("Dürfen wir Sie zu Ihren Antworten kontaktieren?")
    consent.get_by_label("Ja, Sie dürfen mich zu meinen Antworten kontaktieren.").check()
    consent.get_by_label("Ihr Name (freiwillig)").fill("Kim Kunde")
    consent.get_by_label("Telefonnummer oder E-Mail-Adresse").fill("kim@example.org")
    _answer_first_feature(page)  # and send
    expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank!")

    staff = browser.new_context(
        viewport={"width": 390, "height": 844},
        base_url=live_server,
        locale="de-DE",
        is_mobile=True,
        has_touch=True,
    )
    phone = staff.new_page()
    phone.set_default_timeout(10_000)
    phone.goto("/login")
    phone.get_by_label("E-Mail").fill(setup.staff.email)
    phone.get_by_label("Passwort").fill(PASSWORD)
    phone.get_by_role("button", name="Anmelden").click()
    phone.goto("/cases")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Meine Fälle")
    card = phone.get_by_role("link", name="Weiterempfehlung 2 von 10")
    expect(card).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    card.click()
    expect(phone.locator("#case-contact")).to_contain_text("kim@example.org")
    phone.get_by_label("Status").select_option(label="erledigt")
    phone.get_by_label("Lösungsnotiz").fill("Zurückgerufen, Termin vereinbart.")
    phone.get_by_role("button", name="Speichern").click()
    expect(phone.get_by_role("status")).to_contain_text("gespeichert")
    phone.screenshot(path="/tmp/surveyor-case-phone.png", full_page=True)
    staff.close()
