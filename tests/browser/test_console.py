"""A page loads without an error in the browser's console (a missing /favicon.ico was one on
every page)."""

from __future__ import annotations


def test_the_sign_in_page_logs_no_console_error(page):
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto("/login")
    page.wait_for_load_state("networkidle")
    assert errors == []


def test_the_checklist_preview_on_the_shoppers_layout_logs_no_console_error(page, make):
    """The shoppers' layout (app and checklist preview) asked for /favicon.ico, a 404."""
    from tests.browser.conftest import log_in

    instrument = make.checklist_instrument()
    admin = make.user("admin")
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    log_in(page, admin, f"/instruments/{instrument.id}/preview")
    page.wait_for_url(f"**/instruments/{instrument.id}/preview")
    page.wait_for_load_state("networkidle")
    assert page.locator(".shop-preview").count() == 1
    assert errors == []
