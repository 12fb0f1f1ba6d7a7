"""A consultant chooses pilot branches on a phone and reads the effect, in German and English."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.pilot_scenario import pilot_project

pytestmark = pytest.mark.browser


def _log_in(page, user) -> None:
    page.goto("/login")
    page.locator("#email").fill(user.email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()


@pytest.mark.parametrize(
    ("locale", "heading", "finding", "save"),
    [
        ("de-DE", "Effekt des Pilots", "mehr als die übrigen", "Pilotstandorte speichern"),
        ("en-GB", "Effect of the pilot", "more than the others", "Save pilot locations"),
    ],
)
def test_pilot_page_on_a_phone(browser, live_server, make, locale, heading, finding, save):
    measure, _places, consultant = pilot_project(make)
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        base_url=live_server,
        locale=locale,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    _log_in(page, consultant)
    page.goto(f"/measures/{measure.id}/pilot")
    page.get_by_label("P1").check()
    page.get_by_label("P2").check()
    page.get_by_role("button", name=save).click()
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.locator(".findings li").first).to_contain_text(finding)
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], "the page scrolls sideways on a phone"
    page.screenshot(path=f"/tmp/surveyor-pilot-{locale}.png", full_page=True)
    context.close()
