"""Moving a clustered card on a phone-sized screen with the keyboard only: the control fits
390 px, is reachable with Tab, and works as a plain form (no script involved)."""

import pytest
from playwright.sync_api import expect

from surveyor.extensions import db
from surveyor.models import Project, WorkshopCard, WorkshopCluster, WorkshopParticipant
from surveyor.services.workshops import setup
from tests.browser.axe import Audit
from tests.browser.conftest import PHONE, log_in

pytestmark = pytest.mark.browser


def test_a_card_moves_between_clusters_by_keyboard_at_390_px(browser, live_server, make, app):
    tenant = make.client()
    project = make.project(tenant)
    facilitator = make.user("consultant", clients=(tenant,))
    with app.app_context():
        workshop = setup.create_workshop(
            db.session.get(Project, project.id), facilitator.id, "Hotline workshop"
        )
        db.session.flush()
        kim = WorkshopParticipant(workshop_id=workshop.id, name="Kim", role="customer")
        clusters = [WorkshopCluster(workshop_id=workshop.id, title=t) for t in ("Waiting", "Staff")]
        db.session.add_all([kim, *clusters])
        db.session.flush()
        for number, text in enumerate(("I waited twenty minutes", "Rude agent")):
            db.session.add(
                WorkshopCard(
                    workshop_id=workshop.id,
                    participant_id=kim.id,
                    client_id=f"card-{number}",
                    world="perception",
                    text=text,
                    cluster_id=clusters[0].id,
                )
            )
        db.session.commit()
        workshop_id, staff_id = workshop.id, clusters[1].id

    context = browser.new_context(viewport=PHONE, base_url=live_server, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, facilitator, f"/workshops/{workshop_id}/converge")
    moves = page.locator("#clustered-cards form.move-card")
    expect(moves).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    first = moves.first
    first.locator("select").focus()
    first.locator("select").select_option(str(staff_id))  # what arrow keys do on a select
    page.keyboard.press("Tab")
    expect(first.get_by_role("button", name="Move card")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(f"#cluster-cards-{staff_id}")).to_contain_text("I waited twenty minutes")
    expect(page.locator(f"#cluster-cards-{staff_id} select")).to_have_value(str(staff_id))
    audit = Audit()
    audit.check(page, "moving cards between clusters at 390 px")
    audit.assert_clean()
    context.close()
