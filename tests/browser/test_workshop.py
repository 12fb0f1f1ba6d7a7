"""A small workshop end to end in a real browser: the facilitator opens a world, three phones
join (one loses the Wi-Fi for a while), cards reach the board without a reload and are stored
once, the facilitator clusters, the phones vote, and a cause becomes a measure of a touchpoint."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Project, WorkshopCard
from surveyor.services.workshops import setup
from tests.browser.axe import Audit
from tests.browser.conftest import PHONE, log_in

pytestmark = pytest.mark.browser


def a_phone(browser, live_server, locale: str):
    context = browser.new_context(
        viewport=PHONE, base_url=live_server, locale=locale, is_mobile=True, has_touch=True
    )
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    return phone


def join(phone, code: str, name: str, role_label: str) -> None:
    phone.goto(f"/join/{code}")
    phone.locator("input[name=name]").fill(name)
    phone.get_by_label(role_label, exact=True).check()
    phone.locator("main form button[type=submit]").click()
    expect(phone.locator("#card-form")).to_be_visible()


def add_card(phone, text: str) -> None:
    phone.locator("#card-text").fill(text)
    phone.locator("#card-submit").click()


def test_a_workshop_from_cards_to_a_measure(page, browser, live_server, make, app):
    tenant = make.client()
    project = make.project(tenant)
    touchpoint = make.touchpoint(project, name="Service hotline", name_de="Servicehotline")
    facilitator = make.user("consultant", clients=(tenant,))
    with app.app_context():
        workshop = setup.create_workshop(
            db.session.get(Project, project.id), facilitator.id, "Hotline workshop", vote_budget=3
        )
        db.session.commit()
        workshop_id, code = workshop.id, workshop.join_code

    audit = Audit()
    log_in(page, facilitator, f"/workshops/{workshop_id}")
    page.get_by_role("button", name="Perception world").click()
    expect(page.locator("#board-world")).to_have_text("Perception world")
    audit.check(page, "facilitator's board")

    phones = [a_phone(browser, live_server, locale) for locale in ("de-DE", "en-GB", "en-GB")]
    join(phones[0], code, "Petra", "Mitarbeitende")
    join(phones[1], code, "Kim", "Customer")
    join(phones[2], code, "Sam", "Customer")
    expect(phones[0].locator("#board-world")).to_have_text("Wahrnehmungswelt")
    audit.check(phones[0], "phone (de)")

    add_card(phones[0], "Anrufer legen montags auf")
    add_card(phones[1], "I waited twenty minutes")
    board = page.locator("#board-cards .board-card")
    expect(board).to_have_count(2)  # no reload: the board polls

    offline = phones[2]
    offline.context.set_offline(True)
    add_card(offline, "Nobody called me back")
    add_card(offline, "I had to call three times")
    waiting = offline.locator("#my-cards [data-state=waiting]")
    expect(waiting).to_have_count(2)
    expect(offline.locator("#net-state")).to_have_attribute("data-online", "false")
    offline.wait_for_timeout(2000)
    expect(board).to_have_count(2)
    offline.context.set_offline(False)
    expect(offline.locator("#my-cards [data-state=sent]")).to_have_count(2)
    expect(board).to_have_count(4)
    expect(page.locator("#board-cards")).to_contain_text("Nobody called me back")
    offline.reload()  # the queue survives a reload and sends nothing twice
    expect(offline.locator("#my-cards [data-state=sent]")).to_have_count(2)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(WorkshopCard)) == 4

    page.get_by_role("link", name="Clusters, causes and measures").click()
    for checkbox in page.locator("input[name=card_ids]").all():
        checkbox.check()
    page.locator("#cluster-title").fill("Waiting and call-backs")
    page.get_by_role("button", name="Create cluster").click()
    page.get_by_label("Waiting and call-backs", exact=True).check()
    page.locator("#reason-title").fill("No call-back at peak times")
    page.get_by_role("button", name="Add possible reason").click()
    page.get_by_role("button", name="This is a cause").click()
    page.get_by_role("button", name="Open dot voting").click()
    expect(page.locator("#voting-state")).to_have_text("Voting is open")
    audit.check(page, "clusters, causes and measures")

    for phone, add in ((phones[0], "Punkt vergeben"), (phones[1], "Add a dot")):
        phone.reload()
        phone.get_by_role("button", name=add).click()
        phone.get_by_role("button", name=add).click()
    expect(phones[1].locator("#dots-left")).to_contain_text("1 of 3")
    audit.check(phones[1], "phone voting (en)")

    page.reload()
    expect(page.locator("#causes .dots")).to_have_text("4 dots")
    page.locator("#causes summary").click()
    page.get_by_label("Touchpoint").select_option(label="Service hotline")
    page.get_by_label("Cluster", exact=True).select_option("it_support")
    page.get_by_role("button", name="Create measure").click()
    page.goto(f"/touchpoints/{touchpoint.id}/measures")
    expect(page.locator("main table").first).to_contain_text("No call-back at peak times")
    page.get_by_role("link", name="Origin").click()
    expect(page.locator("main")).to_contain_text("I waited twenty minutes")
    page.locator("#effect-link").click()  # forward: the trend page marks the measure once live
    expect(page).to_have_url(f"{live_server}/touchpoints/{touchpoint.id}/trends")
    page.goto(f"/workshops/{workshop_id}/report")
    audit.check(page, "workshop report")
    audit.assert_clean()
    for phone in phones:
        phone.context.close()
