"""A customer scans a branch's QR code on a phone, answers, and the consultant sees the answer
counted for that branch."""

from __future__ import annotations

import re

import pytest
import segno
from playwright.sync_api import expect

from tests.browser.axe import Audit
from tests.browser.test_accessibility import assert_reflows
from tests.factories import PASSWORD
from tests.locations.conftest import api_as, branches, token_for
from tests.locations.test_results import answered

__all__ = ["answered", "api_as", "branches", "token_for"]
pytestmark = pytest.mark.browser


def _path_of(svg: str) -> str:
    return re.search(r'<path[^>]* d="([^"]+)"', svg).group(1)


def test_a_branch_qr_code_counts_the_answer_for_its_branch(page, phone_page, branches):
    _, _, link = branches["survey"]
    page.goto("/login")
    page.get_by_label("E-mail").fill(branches["consultant"].email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"/links/{link.id}/locations")
    card = page.locator(".qr-card", has=page.get_by_role("heading", name="Nordstadt"))
    url = card.locator(".qr-url a").inner_text()
    assert url.endswith(f"/s/{link.token}?loc=NORD")
    # The printed QR code encodes exactly the printed link: segno draws the same modules.
    printed = card.locator(".qr-image svg").evaluate("svg => svg.outerHTML")
    assert _path_of(printed) == _path_of(segno.make(url, error="m").svg_inline(scale=4))
    page.screenshot(path="/tmp/surveyor-location-qr-sheet.png", full_page=True)
    audit = Audit()
    audit.check(page, "QR sheet")

    phone_page.goto(url)
    for number, dislike in ((1, "Das würde mich sehr stören"), (2, "Das ist mir egal")):
        question = phone_page.locator(f"#q-f{number}")
        question.get_by_role("group", name="Wenn das so ist").get_by_label(
            "Das würde mich sehr freuen"
        ).check()
        question.get_by_role("group", name=f"Merkmal {number} fehlt.").get_by_label(dislike).check()
    phone_page.get_by_role("button", name="Antworten senden").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Vielen Dank!")

    page.goto(f"/projects/{branches['project_id']}/locations/results")
    row = page.locator("#branch-ranking tr[data-location-code='NORD']")
    expect(row.locator("td.num").first).to_have_text("1")
    expect(
        page.locator("#branch-ranking tr[data-location-code='HAFEN'] td.num").first
    ).to_have_text("0")
    page.screenshot(path="/tmp/surveyor-location-ranking.png", full_page=True)
    audit.check(page, "location ranking")
    page.goto(f"/locations/{branches['nord'].id}/card")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nordstadt")
    audit.check(page, "report card")
    audit.check(phone_page, "survey thanks page")
    audit.assert_clean()


def test_a_regional_manager_reads_the_region_card_on_a_phone(phone_page, make, answered):
    """A region-limited manager opens the region card from the project page at 390 px: German,
    the branches listed and linked, and the wide tables scroll inside their own regions."""
    viewer = make.user("viewer", clients=(answered["client"],))
    make.limit_to(viewer, answered["north"])
    page = phone_page
    page.goto("/login")
    page.locator("#email").fill(viewer.email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.goto(f"/projects/{answered['project_id']}")
    page.get_by_role("link", name="North", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regionen-Zeugnis: North")
    branches = page.locator("#region-branches")
    expect(branches.get_by_role("link", name="Nordstadt")).to_be_visible()
    expect(branches.get_by_role("link", name="Hafen")).to_be_visible()
    assert_reflows(page, "region report card")
    audit = Audit()
    audit.check(page, "region report card (phone)")
    audit.assert_clean()
    branches.get_by_role("link", name="Hafen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hafen")
