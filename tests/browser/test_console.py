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
