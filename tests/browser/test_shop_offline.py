"""A shopper fills in the checklist on a phone without a connection; the shop arrives once."""

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Answer, Assignment, Response
from tests.browser.conftest import log_in, wait_until

pytestmark = pytest.mark.browser


def responses(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Response))


def test_shop_filled_in_offline_arrives_once_and_counts_after_approval(phone_page, make, app):
    instrument = make.checklist_instrument()
    assignment = make.assignment(instrument)
    with app.app_context():
        found = db.session.get(Assignment, assignment.id)
        shopper, client = found.shopper, found.location.project.client
        db.session.expunge_all()
    page = phone_page
    log_in(page, shopper, "/shop/")
    page.locator(f"a[href='/shop/assignments/{assignment.id}']").click()
    form = page.locator("#checklist[data-ready=true]")
    expect(form).to_be_visible()
    # The app says when it opens offline: the worker cached every module before it took over,
    # and it has kept this page, which it may not have served (loaded before it was active).
    # No wait for ``controllerchange``: an offline reload goes to the active worker either way.
    expect(page.locator("body[data-offline=ready]")).to_be_attached()

    page.context.set_offline(True)
    page.reload()
    expect(form).to_be_visible()
    expect(page.locator("#net-state")).to_have_attribute("data-online", "false")

    page.locator("#i-greet label", has_text="Yes").click()
    page.locator("#i-wait [data-stopwatch=start]").click()
    page.locator("#i-friendly label", has_text="5").click()
    page.locator("#i-offer label", has_text="Several offers").click()
    page.locator("#a-staff").fill("2")
    page.locator("#a-visited_at").fill("2026-11-20T10:15")
    page.locator("#a-notes").fill("Friendly, but the queue was long.")
    page.locator("#i-storefront input[name=na-storefront]").check()
    page.locator("[data-now=visit-time_in]").click()
    page.locator("#i-wait [data-stopwatch=start]").click()  # stop the stopwatch
    expect(page.locator("#shop-state")).to_have_attribute("data-state", "draft")
    # the last change (the stopwatch) is in IndexedDB only once no save is running
    expect(page.locator("#checklist:not([data-saving])")).to_be_attached()

    page.reload()  # still offline: the page comes from the cache, the answers from the device
    expect(form).to_be_visible()
    expect(page.locator("#i-greet input[value=yes]")).to_be_checked()
    expect(page.locator("#a-notes")).to_have_value("Friendly, but the queue was long.")
    page.locator("#i-farewell label", has_text="Yes").click()
    expect(page.locator("#progress-text")).to_contain_text("9 / 9")

    page.locator("#submit-shop").click()
    expect(page.locator("#shop-state")).to_have_attribute("data-state", "queued")
    page.screenshot(path="/tmp/surveyor-shop-offline.png", full_page=True)
    assert responses(app) == 0

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#shop-state")).to_have_attribute("data-state", "received")
    page.evaluate("window.dispatchEvent(new Event('online'))")  # a second sync sends nothing
    page.reload()
    expect(page.locator("#shop-state")).to_have_attribute("data-state", "received")
    with app.app_context():
        assert responses(app) == 1
        stored = db.session.get(Assignment, assignment.id)
        assert stored.status == "submitted"
        assert (
            db.session.scalar(
                select(func.count())
                .select_from(Answer)
                .where(Answer.response_id == stored.response_id)
            )
            == 9
        )

    consultant = make.user("consultant", clients=(client,))
    page.locator("#logout button").click()
    page.wait_for_url(re.compile(r"/login"))
    log_in(page, consultant, f"/shops/{assignment.id}")
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".shop-score")).to_contain_text("%")
    with app.app_context():
        assert db.session.get(Assignment, assignment.id).status == "approved"


@pytest.fixture
def stored_photos(app):
    """Photo files the live server writes into the instance folder; removed after the test."""
    from surveyor.models import Photo

    yield
    with app.app_context():
        keys = db.session.scalars(select(Photo.storage_key)).all()
    root = Path(app.instance_path) / "photos"
    for key in keys:
        (root / key).unlink(missing_ok=True)


def test_photo_taken_offline_follows_its_shop(phone_page, make, app, stored_photos):
    from surveyor.models import Photo

    assignment = make.assignment(make.checklist_instrument())
    with app.app_context():
        shopper = db.session.get(Assignment, assignment.id).shopper
        db.session.expunge(shopper)
    page = phone_page
    log_in(page, shopper, f"/shop/assignments/{assignment.id}")
    expect(page.locator("#checklist[data-ready=true]")).to_be_visible()
    page.context.set_offline(True)
    page.locator("#i-greet label", has_text="No").click()
    page.locator("#i-friendly label", has_text="3").click()
    page.locator("#a-staff").fill("1")
    page.locator("#a-visited_at").fill("2026-11-21T09:00")
    page.locator("#a-notes").fill("Closed early.")
    page.locator("#i-storefront [data-photo-input]").set_input_files(
        files=[{"name": "front.jpg", "mimeType": "image/jpeg", "buffer": small_jpeg()}]
    )
    expect(page.locator("#i-storefront .shop-photos img")).to_have_count(1)
    page.locator("#submit-shop").click()
    expect(page.locator("#shop-state")).to_have_attribute("data-state", "queued")

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#shop-state")).to_have_attribute("data-state", "received")
    expect(page.locator("#shop-state")).not_to_contain_text("photos are still")
    with app.app_context():
        photo = db.session.scalar(select(Photo))
        stored = db.session.get(Assignment, assignment.id)
        assert photo.response_id == stored.response_id
        assert photo.mime == "image/jpeg" and (photo.width, photo.height) == (80, 60)
    assert (
        page.evaluate(
            "new Promise((done) => { const open = indexedDB.open('surveyor-shop');"
            " open.onsuccess = () => { const count = open.result.transaction('photos')"
            ".objectStore('photos').count(); count.onsuccess = () => done(count.result); }; })"
        )
        == 0
    )


def small_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (20, 120, 200)).save(out, format="JPEG")
    return out.getvalue()


def test_the_offline_pill_never_covers_the_answered_counter(phone_page, make, app):
    """Offline, the header grows to two lines on a phone; the counter stays below it."""
    instrument = make.checklist_instrument()
    assignment = make.assignment(instrument)
    with app.app_context():
        shopper = db.session.get(Assignment, assignment.id).shopper
        db.session.expunge_all()
    page = phone_page
    log_in(page, shopper, f"/shop/assignments/{assignment.id}")
    expect(page.locator("#checklist[data-ready=true]")).to_be_visible()
    page.context.set_offline(True)
    expect(page.locator("#net-state")).to_have_attribute("data-online", "false")
    page.mouse.wheel(0, 2000)
    wait_until(page, "() => window.scrollY > 300")
    bar = page.locator(".shop-bar").bounding_box()
    counter = page.locator("#progress-text").bounding_box()
    assert counter["y"] >= bar["y"] + bar["height"] - 1, (bar, counter)
    page.context.set_offline(False)


def test_a_checklist_the_worker_took_over_while_it_was_loading_opens_offline(phone_page, make, app):
    """The race behind the flaky offline test (issue 17): the checklist was requested before
    any worker existed, and the worker (registered by another tab) claimed it while its modules
    were still arriving. Neither the worker nor the page had cached it; now the page asks."""
    page = phone_page
    assignment = make.assignment(make.checklist_instrument())
    with app.app_context():
        shopper = db.session.get(Assignment, assignment.id).shopper
        db.session.expunge_all()
    log_in(page, shopper, "/password/")
    held = []
    page.route("**/static/shop/checklist.js", lambda route: held.append(route))
    page.goto(f"/shop/assignments/{assignment.id}", wait_until="commit")
    other = page.context.new_page()
    other.goto("/shop/")
    expect(other.locator("body[data-offline=ready]")).to_be_attached()
    other.close()
    assert page.evaluate("navigator.serviceWorker.controller !== null")  # claimed while loading
    held[0].continue_()
    expect(page.locator("#checklist[data-ready=true]")).to_be_visible()
    expect(page.locator("body[data-offline=ready]")).to_be_attached()
    page.context.set_offline(True)
    page.reload()
    expect(page.locator("#checklist[data-ready=true]")).to_be_visible()
