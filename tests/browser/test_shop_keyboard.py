"""A mystery shopper fills in and sends a checklist with the keyboard alone (WCAG 2.1.1).

Every control is reached with Tab in the page's own order (``tab_to`` only reads which element
has the focus), radio groups are answered with Space and the arrow keys, fields by typing. A
submission with missing answers moves the focus to the first item to fix (WCAG 3.3.1).
"""

import json

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Answer, Assignment, Item
from tests.browser.conftest import wait_until
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser
MOST_TABS = 80
# Is the focused control (or the label that draws it) the topmost element at its own centre,
# or does something sticky (the app bar, the progress bar) cover it? WCAG 2.2: 2.4.11.
FOCUS_SEEN = """() => {
  if (document.activeElement === document.body) return true;  // past the last stop: wraps
  const drawn = document.activeElement.closest("label") || document.activeElement;
  const box = drawn.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return Boolean(hit) && (drawn.contains(hit) || hit.contains(drawn));
}"""


def tab_to(page, selector: str) -> None:
    """Press Tab until ``selector`` has the focus, checking that each stop is visible."""
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
        assert page.evaluate(FOCUS_SEEN), f"the focused {focused} is hidden behind something"
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"{selector} was not reached with Tab")


def test_shopper_sends_a_checklist_with_the_keyboard_alone(page, make, app):
    assignment = make.assignment(make.checklist_instrument())
    with app.app_context():
        shopper = db.session.get(Assignment, assignment.id).shopper
        db.session.expunge(shopper)

    page.goto(f"/login?next=/shop/assignments/{assignment.id}&lang=en")
    tab_to(page, "input[name=email]")
    page.keyboard.type(shopper.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("#checklist[data-ready=true]")).to_be_visible()

    tab_to(page, "#submit-shop")
    page.keyboard.press("Enter")  # too early: the focus goes to the first unanswered item
    greet = page.locator("input[name=a-greet]").first
    expect(greet).to_be_focused()
    expect(greet).to_have_attribute("aria-invalid", "true")
    expect(greet).to_have_attribute("aria-describedby", "e-greet")
    expect(page.locator("#e-greet")).to_have_text("Please answer this item.")
    page.keyboard.press("Space")  # the first option: Yes
    tab_to(page, "input[name=a-friendly]")
    for _ in range(4):  # arrow keys move through the scale and select: 1 -> 5
        page.keyboard.press("ArrowRight")
    tab_to(page, "input[name=a-offer]")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # none -> one -> several
    tab_to(page, "#a-staff")
    page.keyboard.type("2")
    tab_to(page, "#a-visited_at")
    # The 11th of November reads the same day-first and month-first, whichever the browser's
    # own locale shows; AM is ignored where the clock has 24 hours.
    page.keyboard.type("11112026")
    page.keyboard.press("ArrowRight")
    page.keyboard.type("1015AM")
    tab_to(page, "#a-notes")
    page.keyboard.type("Friendly and quick.")
    tab_to(page, "#submit-shop")
    page.keyboard.press("Enter")

    expect(page.locator("#shop-state")).to_have_attribute("data-state", "received")
    with app.app_context():
        stored = db.session.get(Assignment, assignment.id)
        assert stored.status == "submitted"
        answers = dict(
            db.session.execute(
                select(Item.key, Answer)
                .join(Item, Item.id == Answer.item_id)
                .where(Answer.response_id == stored.response_id)
            ).all()
        )
    assert answers["greet"].number == 1
    assert answers["friendly"].number == 5
    assert answers["offer"].text == "several"
    assert answers["staff"].number == 2
    assert answers["notes"].text == "Friendly and quick."
    assert answers["visited_at"].text.startswith("2026-11-11T10:15")


HEADING_SEEN = """(selector) => {
  const heading = document.querySelector(selector);
  const box = heading.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + 4, box.top + box.height / 2);
  return Boolean(hit) && heading.contains(hit);
}"""


def test_section_links_bring_the_section_out_from_under_the_sticky_bars(phone_page, make, app):
    assignment = make.assignment(make.checklist_instrument())
    with app.app_context():
        shopper = db.session.get(Assignment, assignment.id).shopper
        db.session.expunge(shopper)
    page = phone_page
    page.goto(f"/login?next=/shop/assignments/{assignment.id}&lang=en")
    page.locator("input[name=email]").fill(shopper.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#checklist[data-ready=true]")).to_be_visible()
    for section in ("#s-2", "#s-3", "#s-visit"):
        tab_to(page, f".shop-outline a[href='{section}']")
        page.keyboard.press("Enter")
        wait_until(page, f"() => location.hash === {json.dumps(section)}")
        assert page.evaluate(HEADING_SEEN, f"{section} h2"), f"{section}'s heading is covered"
