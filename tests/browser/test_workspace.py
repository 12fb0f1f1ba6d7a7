"""A consultant works in the browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_consultant_logs_in_and_creates_a_touchpoint(page, make):
    client = make.client("Stadtwerke Lindenau")
    project = make.project(client, "Customer contact 2026")
    consultant = make.user("consultant", clients=(client,))

    page.goto("/")
    page.get_by_label("E-mail").fill(consultant.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Stadtwerke Lindenau").click()
    page.get_by_role("link", name="Customer contact 2026").click()

    page.get_by_role("link", name="New touchpoint").click()
    page.get_by_label("Touchpoint name", exact=True).fill("Service hotline")
    page.get_by_label("Journey phase").select_option(label="After-sales")
    page.get_by_label("Channel").select_option(label="Phone")
    page.get_by_label("Weight").fill("2")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(rf"/projects/{project.id}$"))
    after_sales = page.locator(".phase", has=page.get_by_role("heading", name="After-sales"))
    expect(after_sales.get_by_role("link", name="Service hotline")).to_be_visible()
    page.screenshot(path="/tmp/surveyor-touchpoint.png", full_page=True)


def test_form_errors_are_shown_next_to_the_field(page, make):
    client = make.client("Stadtwerke")
    project = make.project(client)
    consultant = make.user("consultant", clients=(client,))
    page.goto("/login")
    page.get_by_label("E-mail").fill(consultant.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"/projects/{project.id}/touchpoints/new")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#name-error")).to_have_text("This field is required.")
    expect(page.get_by_label("Touchpoint name", exact=True)).to_have_attribute(
        "aria-invalid", "true"
    )


def test_plan_page_button_and_checkbox_have_the_workspace_style(page, make):
    """The plan's "Open the current period now" is a real button; "Active" a normal checkbox."""
    client = make.client("Stadtwerke")
    project = make.project(client)
    make.plan(project)
    consultant = make.user("consultant", clients=(client,))
    page.goto("/")
    page.get_by_label("E-mail").fill(consultant.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"/projects/{project.id}/plan")
    open_now = page.get_by_role("button", name="Open the current period now")
    expect(open_now).to_have_css("border-radius", "8px")
    expect(open_now).to_have_css("min-height", "44px")
    active = page.get_by_label("Active (the scheduler opens and closes waves)")
    assert active.bounding_box()["width"] <= 24


def test_consultant_previews_a_draft_questionnaire_on_a_phone_frame(page, make, app):
    from surveyor.extensions import db
    from surveyor.models import Instrument

    draft = make.kano_instrument(publish=False)
    with app.app_context():
        client = db.session.get(Instrument, draft.id).touchpoint.project.client
        db.session.expunge(client)
    consultant = make.user("consultant", clients=(client,))
    page.goto("/")
    page.get_by_label("E-mail").fill(consultant.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"/instruments/{draft.id}")
    page.get_by_role("link", name="Preview as respondents see it").click()

    expect(page.get_by_text("Feature 1 is there.")).to_be_visible()
    assert page.locator(".survey-main").bounding_box()["width"] == 390
    page.get_by_role("link", name="Deutsch").click()
    expect(page.get_by_text("Merkmal 1 ist da.")).to_be_visible()
    expect(page.get_by_role("button", name="Antworten senden")).to_be_disabled()
    page.screenshot(path="/tmp/surveyor-preview.png", full_page=True)
    page.get_by_role("link", name="Zurück zum Fragebogen").click()
    expect(page.get_by_role("link", name="Preview as respondents see it")).to_be_visible()


def test_consultant_previews_a_checklist_on_a_phone_frame(page, make, app):
    from surveyor.extensions import db
    from surveyor.models import Instrument

    draft = make.checklist_instrument(publish=False)
    with app.app_context():
        client = db.session.get(Instrument, draft.id).touchpoint.project.client
        db.session.expunge(client)
    consultant = make.user("consultant", clients=(client,))
    page.goto("/")
    page.get_by_label("E-mail").fill(consultant.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"/instruments/{draft.id}")
    page.get_by_role("link", name="Preview as respondents see it").click()

    expect(page.get_by_role("button", name="Submit shop")).to_be_disabled()
    assert page.locator(".shop-main").bounding_box()["width"] == 390
    page.locator("#i-greet label", has_text="Yes").click()
    expect(page.locator("#i-greet input[value=yes]")).to_be_checked()
    page.get_by_role("link", name="Deutsch").click()
    expect(page.get_by_role("button", name="Testkauf absenden")).to_be_disabled()
    page.screenshot(path="/tmp/surveyor-checklist-preview.png", full_page=True)
