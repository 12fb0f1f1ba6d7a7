"""A real browser against a real server: Debian's Chromium driven by Playwright.

The server runs in a thread on the test database, with CSRF protection on as in production.
Playwright's own browser download does not work on the CI machine, so tests launch the system
Chromium; without one they are skipped, unless ``SURVEYOR_REQUIRE_BROWSER=1`` (as in CI) makes a
missing browser an error.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator

import pytest
from flask import Flask
from werkzeug.serving import make_server

from surveyor import create_app

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def log_in(page, user, next_path: str) -> None:
    """Sign in through the login form (English), landing on ``next_path``."""
    from tests.factories import PASSWORD

    page.goto(f"/login?next={next_path}&lang=en")
    page.locator("input[name=email]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def wait_until(page, script: str, timeout: float = 10.0) -> None:
    """Poll ``script`` (a JS function, may return a promise) until it returns something truthy.

    Not ``page.wait_for_function``: that re-runs its expression with ``eval()`` on every frame,
    which our Content-Security-Policy refuses, and it does not wait on a promise's value.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(script):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {script}")
        page.wait_for_timeout(50)


def chromium_path() -> str | None:
    return os.environ.get("SURVEYOR_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[str]:
    served = create_app({**app.config, "WTF_CSRF_ENABLED": True, "TESTING": False})
    server = make_server("127.0.0.1", 0, served, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        if os.environ.get("SURVEYOR_REQUIRE_BROWSER") == "1":
            pytest.fail("SURVEYOR_REQUIRE_BROWSER=1 but no Chromium was found")
        pytest.skip("no Chromium installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, base_url=live_server, locale="en-GB")
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        viewport=PHONE, base_url=live_server, locale="de-DE", is_mobile=True, has_touch=True
    )
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()
