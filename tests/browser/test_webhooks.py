"""A consultant manages webhooks on a phone, in German, by keyboard: create one (the secret is
shown once), open the demo's paused subscription and its delivery log, resume it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from surveyor import demo
from tests.browser.axe import Audit
from tests.browser.test_accessibility import demo_site, log_in

pytestmark = pytest.mark.browser
__all__ = ["demo_site"]


def _fits_the_screen(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_webhooks_on_a_phone_by_keyboard(phone_page, demo_site):
    page, audit = phone_page, Audit()
    path = f"/projects/{demo_site.project}/webhooks/"
    log_in(page, demo.CONSULTANT_EMAIL, demo_site.password, path)
    expect(page.get_by_text("Von einer Beraterin oder einem Berater pausiert.")).to_be_visible()
    assert _fits_the_screen(page)
    audit.check(page, "webhooks")

    page.locator("input[name=name]").fill("Teams-Kanal")
    page.locator("input[name=url]").fill("http://8.8.8.8/in")
    page.locator("input[value='response.stored']").focus()
    page.keyboard.press("Space")
    page.locator("input[name=url]").press("Enter")
    expect(page.locator("#url-error")).to_contain_text("nur über https")
    page.locator("input[name=url]").fill("https://8.8.8.8/in")
    page.locator("input[name=url]").press("Enter")
    secret = page.locator("input.api-token-value")
    expect(secret).to_have_value(re.compile(r"^whsec_.{40,}$"))
    audit.check(page, "webhook created, secret shown once")

    page.get_by_role("link", name="Ticketsystem (Beispiel)").click()
    expect(page.get_by_role("heading", name="Zustellprotokoll")).to_be_visible()
    expect(page.get_by_text("Kano-Drift erkannt").first).to_be_visible()
    assert _fits_the_screen(page)
    audit.check(page, "delivery log")
    page.get_by_role("button", name="Fortsetzen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Webhook fortgesetzt")).to_be_visible()
    expect(page.locator("dd .tag").first).to_have_text("aktiv")
    audit.assert_clean()
