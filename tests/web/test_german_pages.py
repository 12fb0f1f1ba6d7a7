"""A German consultant sees German pages: every workspace page of the demo, crawled by its links.

The crawl follows the links a signed-in user can click, starting at the client list, and checks
that it reached every GET page of the workspace blueprints, so a new page is checked unasked.
On each page the visible text (tags stripped) is searched for English interface wording: the
catalogue's messages that have a different German translation, raw codes (``yes_no``), common
English words and English number formats. Texts a consultant wrote (names, questions in English
only) are data, not interface, and are taken out before the search.
"""

from __future__ import annotations

import contextlib
import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from babel.messages.pofile import read_po
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from surveyor import demo
from surveyor.extensions import db
from surveyor.models import Item
from tests.demo_output import demo_password

CATALOGUE = Path(__file__).resolve().parents[2] / "surveyor/translations/de/LC_MESSAGES/messages.po"
NOT_PAGES = re.compile(r"\.(xlsx|json|csv|png|svg|js)$|/download$|^/(api|s|shop)/|^/logout")
NOT_WORKSPACE = (
    "api",
    "static",
    "survey",
    "shop",
    "shop_sync",
    "workshop_join",  # participants' phones: tests/web/test_workshops.py and the browser test
    "public",
    "auth.login",
    "passwords.forgot",
    "passwords.reset",  # public pages, before any login
)
# the API reference documents the English API contract
ENGLISH_REFERENCE = ("/api-docs/",)
# endpoints no link leads to on the demo, with the reason
UNLINKED = {
    "exports.show": "a job page appears after submitting the export form",
    "auth.settings": "checked below with an explicit request",
    **{
        endpoint: "edits a draft version; the demo's instruments are published"
        for endpoint in (
            "instruments.create_feature",
            "instruments.edit_item",
            "instruments.edit_texts",
            "checklists.create_item",
            "checklists.edit_item",
        )
    },
}
# consultant-written columns: shown as written, in whichever language the consultant used
DATA_COLUMNS = {
    "Client": ("name",),
    "Project": ("name", "description"),
    "Phase": ("name", "name_de"),
    "Touchpoint": ("name", "name_de", "description"),
    "Location": ("name", "city", "address", "competitor_name"),
    "Instrument": ("name",),
    "Wave": ("label",),
    "Measure": ("title", "title_de", "description", "owner"),
    "User": ("name", "email"),
    "Answer": ("text",),
    "ReviewComment": ("text",),
    "Assignment": ("return_comment",),
    "AnswerCorrection": ("old_value", "new_value", "reason"),
    "Invitation": ("name", "email"),
    "ApiToken": ("name",),
}
AUTONYMS = ("English", "Deutsch")  # a language offered in its own name
# the headers an assignment upload must carry, typed as they are
FILE_COLUMNS = ("location, checklist, wave, visit_from, visit_to",)
ENGLISH_WORDS = re.compile(
    r"\b(the|and|of|with|your|to|is|are|not|no|yes|open|closed|draft|published|before|after"
    r"|weighted|index|test|Open|Closed|Save|Edit|Delete|Back|Download|Touchpoint index"
    r"|Project index|Contacts to resolution|Resolved at first contact|kano|checklist"
    r"|phone|store|portal|web|email|chat|seconds|Baseline Baseline)\b"
)
RAW_CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")
# a sentence with a colon tacked on where a label meets what follows it: "…your choice.:"
UNTIDY = re.compile(r"[.!?]:(?!\d)")
ENGLISH_NUMBER = re.compile(r"(?<![\d.])\d+\.\d{1,2}(?![\d.])|\b\d{4}-\d{2}-\d{2}\b")


class VisibleText(HTMLParser):
    """The text nodes a reader sees, plus the wording of buttons and placeholders."""

    def __init__(self) -> None:
        super().__init__()
        self.segments: list[str] = []
        self.texts: list[str] = []
        """Text nodes only, in reading order, to find untidy joins across tags."""
        self.links: list[str] = []
        self._hidden = 0
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self._in_body = self._in_body or tag == "body"
        if tag in ("script", "style", "template", "svg"):
            self._hidden += 1
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        for name in ("placeholder", "title", "aria-label", "alt"):
            if values.get(name):
                self.segments.append(values[name])
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.segments.append(values["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "svg"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.segments.append(" ".join(data.split()))
            if self._in_body:
                self.texts.append(self.segments[-1])


def _translated_messages() -> set[str]:
    with open(CATALOGUE, "rb") as po:
        catalogue = read_po(po)
    return {
        message.id
        for message in catalogue
        if isinstance(message.id, str)
        and message.string
        and message.string != message.id
        and "%(" not in message.id
        and len(message.id) > 3
    }


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _consultant_texts() -> list[str]:
    """What consultants and shoppers wrote; English item texts only where no German exists."""
    texts: list[str] = []
    for mapper in db.Model.registry.mappers:
        for column in DATA_COLUMNS.get(mapper.class_.__name__, ()):
            texts.extend(
                value for value in db.session.scalars(select(getattr(mapper.class_, column)))
            )
    for item in db.session.scalars(select(Item)):
        texts.extend((item.section or "", item.section_de or ""))
        texts.append(item.instructions or "")
        texts.append(item.text_de or item.text_en or "")
        texts.append(item.negative_text_de or item.negative_text_en or "")
        for option in (item.settings or {}).get("options", ()):
            texts.append(option.get("label_de") or option.get("label_en") or "")
    for mapper in db.Model.registry.mappers:
        if mapper.class_.__name__ == "InstrumentVersion":
            for version in db.session.scalars(select(mapper.class_)):
                texts.append(version.title_de or version.title_en or "")
                texts.append(version.intro_de or version.intro_en or "")
    return sorted({t.strip() for t in texts if t and t.strip()}, key=len, reverse=True)


def english_on(segments: list[str], messages: set[str], data: list[str]) -> list[str]:
    found = []
    for segment in segments:
        text = segment
        for written in (*data, *AUTONYMS, *FILE_COLUMNS):
            text = text.replace(written, " ")
        text = text.strip()
        if not text:
            continue
        interface = text in messages or text.rstrip(":.") in messages
        if interface or any(p.search(text) for p in (ENGLISH_WORDS, RAW_CODE, ENGLISH_NUMBER)):
            found.append(text)
    return found


@pytest.fixture
def german_demo(app, runner, client):
    result = runner.invoke(args=["demo", "--responses", "40", "--no-serve"])
    assert result.exit_code == 0, result.output
    password = demo_password(result.output)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "de"
    response = client.post("/login", data={"email": demo.ADMIN_EMAIL, "password": password})
    assert response.status_code == 302
    return client


def crawl(client, start: str) -> dict[str, str]:
    pages: dict[str, str] = {}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        if url in pages:
            continue
        response = client.get(url)
        if response.status_code in (301, 302, 303):
            queue.append(urlsplit(response.location).path)
            pages[url] = ""
            continue
        assert response.status_code == 200, url
        pages[url] = response.get_data(as_text=True)
        parser = VisibleText()
        parser.feed(pages[url])
        for href in parser.links:
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith("/") or "lang=" in parts.query:
                continue
            if NOT_PAGES.search(parts.path):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in pages:
                queue.append(target)
    return pages


def test_every_workspace_page_reads_german(app, german_demo):
    pages = crawl(german_demo, "/clients/")
    pages["/settings"] = german_demo.get("/settings").get_data(as_text=True)
    adapter = app.url_map.bind("localhost")
    reached = set()
    for url in pages:
        with contextlib.suppress(HTTPException):
            reached.add(adapter.match(urlsplit(url).path, method="GET")[0])
    workspace = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in (rule.methods or ())
        and not rule.endpoint.startswith(NOT_WORKSPACE)
        and not NOT_PAGES.search(rule.rule)
    }
    assert workspace - reached - set(UNLINKED) == set()
    messages = _translated_messages()
    with app.app_context():
        data = _consultant_texts()
    english = {}
    for url, html in pages.items():
        if url.startswith(ENGLISH_REFERENCE):
            continue
        parser = VisibleText()
        parser.feed(html)
        found = english_on(parser.segments, messages, data)
        found += [match.group(0) for match in UNTIDY.finditer("".join(parser.texts))]
        if found:
            english[url] = sorted(set(found))
    assert english == {}


def test_the_check_catches_english_interface_text():
    """The detector itself: interface wording and English numbers are found, German is not."""
    messages = {"Touchpoint index", "Save"}
    assert english_on(["Touchpoint index"], messages, []) == ["Touchpoint index"]
    assert english_on(["Status: open"], messages, []) == ["Status: open"]
    assert english_on(["yes_no"], messages, []) == ["yes_no"]
    assert english_on(["Mittelwert 3.32"], messages, []) == ["Mittelwert 3.32"]
    assert english_on(["Mittelwert 3,32 am 27.11.2026"], messages, []) == []
    assert english_on(["Wenn nicht: the agent is polite."], messages, []) != []
    assert english_on(["Hotline: the agent"], messages, ["Hotline: the agent"]) == []
    assert UNTIDY.search("".join(["Ihrer Wahl.", ": Begeisterung"]))
    assert not UNTIDY.search("Uhrzeit 10:30. Nächster Satz: gut")
