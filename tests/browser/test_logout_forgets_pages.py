"""After logout the shop's offline copies of checklist pages are gone from the device (issue 18).

Before, logging out anywhere but the checklist page left the service worker's cache of the
shopper's pages on the phone, readable offline by the next person holding it.
"""

import pytest
from playwright.sync_api import expect

from surveyor.extensions import db
from surveyor.models import Assignment
from tests.browser.conftest import log_in, wait_until

pytestmark = pytest.mark.browser

HAS_SHOP_CACHE = "caches.keys().then((names) => names.some((n) => n.startsWith('surveyor-shop-')))"


def test_logging_out_from_any_page_deletes_the_cached_shop_pages(phone_page, make, app):
    instrument = make.checklist_instrument()
    assignment = make.assignment(instrument)
    with app.app_context():
        shopper = db.session.get(Assignment, assignment.id).shopper
        db.session.expunge_all()
    page = phone_page
    log_in(page, shopper, f"/shop/assignments/{assignment.id}")
    expect(page.locator("#checklist[data-ready=true]")).to_be_visible()
    expect(page.locator("body[data-offline=ready]")).to_be_attached()
    assert page.evaluate(HAS_SHOP_CACHE) is True
    page.goto("/password/")
    page.locator("header form button[type=submit]").click()
    expect(page.locator("input[name=email]")).to_be_visible()
    wait_until(page, f"() => {HAS_SHOP_CACHE}.then((found) => !found)")
    assert page.evaluate(HAS_SHOP_CACHE) is False
