"""Every workspace page of the demo, in a German Chromium, reads German.

tests/web/test_german_pages.py reads the HTML the server sends; this crawl reads what a German
consultant sees after the browser ran the page's scripts (``innerText``), and it checks the
DOM for attributes valued "None". The detector is the same, so both agree on what counts as
English interface text.
"""

from __future__ import annotations

from collections import deque
from urllib.parse import urlsplit

import pytest

from surveyor import demo
from tests.web.test_german_pages import (
    ENGLISH_REFERENCE,
    NOT_PAGES,
    _consultant_texts,
    _translated_messages,
    english_on,
)

pytestmark = pytest.mark.browser

LINKS = """() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"""
NONE_ATTRIBUTES = """() => [...document.querySelectorAll('*')].flatMap(element =>
    [...element.attributes]
        .filter(a => a.value === 'None')
        .map(a => element.tagName + ' ' + a.name))
"""


@pytest.fixture
def german_page(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="de-DE")
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()


def _links(page) -> list[str]:
    found = []
    for href in page.evaluate(LINKS):
        parts = urlsplit(href)
        if parts.netloc or not parts.path.startswith("/") or "lang=" in parts.query:
            continue
        if NOT_PAGES.search(parts.path) or parts.path.startswith(("/login", "/password/")):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def test_a_german_consultant_sees_german_on_every_workspace_page(app, german_page):
    with app.app_context():
        summary = demo.create_demo(responses=40)
        password = summary.password
        data = _consultant_texts()
    page = german_page
    page.goto("/login?next=/clients/")
    page.locator("input[name=email]").fill(demo.ADMIN_EMAIL)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/clients/")
    messages = _translated_messages()
    seen: set[str] = set()
    queue = deque(["/clients/", "/settings"])
    english: dict[str, list[str]] = {}
    none_attributes: dict[str, list[str]] = {}
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        answer = page.goto(url)
        assert answer is not None and answer.status == 200, url
        queue.extend(link for link in _links(page) if link not in seen)
        if nones := page.evaluate(NONE_ATTRIBUTES):
            none_attributes[url] = nones
        if url.startswith(ENGLISH_REFERENCE):
            continue
        lines = [line.strip() for line in page.locator("body").inner_text().splitlines()]
        segments = [part.strip() for line in lines for part in line.split("\t") if part.strip()]
        if found := english_on(segments, messages, data):
            english[url] = sorted(set(found))
    assert len(seen) > 30, sorted(seen)
    assert none_attributes == {}
    assert english == {}
