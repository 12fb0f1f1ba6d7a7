"""A new version of the shop app reaches a phone whole, or not at all (issue 17).

The service worker caches every module of its version before it takes over and carries the
checklist pages kept by the previous version into its own cache, fetched anew; a download that
fails half-way (a flaky connection) leaves the previous version and its cache as they were.
Either way the shopper's checklist opens offline afterwards with modules of one version.
"""

import pytest
from playwright.sync_api import expect

from surveyor.extensions import db
from surveyor.models import Assignment
from surveyor.web import shop_worker
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

CACHE_NAMES = "caches.keys()"
UPDATE = """async () => {
  const registration = await navigator.serviceWorker.getRegistration("/shop/");
  await registration.update();
  const worker = registration.installing || registration.waiting;
  if (!worker) return registration.active.state;
  const settled = ["redundant", "activated"];
  if (!settled.includes(worker.state)) {
    await new Promise((resolve) => worker.addEventListener("statechange", () => {
      if (settled.includes(worker.state)) resolve();
    }));
  }
  return worker.state;
}"""


def open_checklist_ready_offline(page, make, app):
    assignment = make.assignment(make.checklist_instrument())
    with app.app_context():
        shopper = db.session.get(Assignment, assignment.id).shopper
        db.session.expunge_all()
    log_in(page, shopper, f"/shop/assignments/{assignment.id}")
    expect(page.locator("#checklist[data-ready=true]")).to_be_visible()
    expect(page.locator("body[data-offline=ready]")).to_be_attached()
    return page.evaluate(CACHE_NAMES)


def opens_offline(page, path: str) -> None:
    page.context.set_offline(True)
    page.goto(path)
    expect(page.locator("#checklist[data-ready=true]")).to_be_visible()
    page.context.set_offline(False)


def test_an_update_moves_the_kept_checklist_into_the_new_versions_cache(
    phone_page, make, app, monkeypatch
):
    """The shopper opened the checklist yesterday; today the app updates while the list of
    assignments is open; in the shop, offline, the checklist opens with the new modules."""
    page = phone_page
    assert len(open_checklist_ready_offline(page, make, app)) == 1
    checklist = page.evaluate("location.pathname")
    page.goto("/shop/")
    expect(page.locator("body[data-offline=ready]")).to_be_attached()
    monkeypatch.setattr(shop_worker, "version", lambda files: "next")
    assert page.evaluate(UPDATE) == "activated"
    assert page.evaluate(CACHE_NAMES) == ["surveyor-shop-next"]
    kept = page.evaluate(
        "caches.open('surveyor-shop-next').then((cache) => cache.keys())"
        ".then((requests) => requests.map((request) => new URL(request.url).pathname))"
    )
    assert checklist in kept and "/static/shop/visit.js" in kept and "/static/style.css" in kept
    opens_offline(page, checklist)


def test_an_update_that_fails_half_way_leaves_the_previous_version_serving(
    phone_page, make, app, monkeypatch
):
    page = phone_page
    before = open_checklist_ready_offline(page, make, app)
    monkeypatch.setattr(shop_worker, "version", lambda files: "broken")
    monkeypatch.setattr(
        shop_worker, "precached_files", lambda: ["style.css", "shop/checklist.js", "shop/gone.js"]
    )
    assert page.evaluate(UPDATE) == "redundant"
    assert page.evaluate(CACHE_NAMES) == before
    opens_offline(page, page.evaluate("location.pathname"))
