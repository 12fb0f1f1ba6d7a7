"""An administrator serves an access and an erasure request in the browser, then checks the log."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_admin_finds_exports_and_erases_a_person_and_the_log_shows_it(page, make):
    _instrument, _wave, link = make.open_survey()
    make.invitation(link, "kim@example.com")
    admin = make.user("admin", email="dpo@consultancy.example")

    page.goto("/login")
    page.get_by_label("E-mail").fill(admin.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Privacy requests").click()
    page.get_by_label("E-mail address of the person").fill("kim@example.com")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Stored about kim@example.com")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("button", name="Download as JSON").click()
    copy = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert copy["invitations"][0]["email"] == "kim@example.com"

    page.get_by_label("I have checked the request").check()
    page.get_by_role("button", name="Erase this person's data").click()
    expect(page.get_by_text("The person's data has been erased.")).to_be_visible()

    page.get_by_role("link", name="Audit log").click()
    rows = page.locator("tbody tr")
    expect(rows.filter(has_text="Personal data erased (Art. 17)")).to_have_count(1)
    expect(rows.filter(has_text="Personal data exported (Art. 15)")).to_have_count(1)
    expect(page.locator("tbody")).not_to_contain_text("kim@example.com")
