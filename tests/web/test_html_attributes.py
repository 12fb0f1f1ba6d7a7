"""No rendered page carries an attribute valued "None" or a table header without a name.

WTForms writes a keyword argument of ``None`` as ``attr="None"``, which screen readers take at its
word: ``aria-invalid="None"`` is not "false", and ``aria-describedby="None"`` points at an element
that does not exist. Every GET route of the URL map (tests/security/routes.py) is rendered for a
consultant, a shopper and an anonymous visitor (survey links), and every form page once more after
an empty submission, so that its validation errors are shown too. A column of buttons needs a
header too (hidden visually): a screen reader announces each cell with its column's header.
"""

from __future__ import annotations

import re

import pytest

from tests.security.conftest import RoleClient, Tenant, build_tenant
from tests.security.routes import ALL_ROUTES, MissingKind

NONE_ATTRIBUTE = re.compile(rb'[\w:-]+="None"')
EMPTY_HEADER = re.compile(rb"<th>\s*</th>")
ID = re.compile(rb'\bid="([^"]+)"')
ID_REFERENCE = re.compile(rb'\b(aria-describedby|aria-labelledby|aria-controls|for)="([^"]*)"')
SAME_PAGE_FORM = re.compile(rb'<form method="post" action=""')
GET_ROUTES = [route for route in ALL_ROUTES if "GET" in route.methods]


@pytest.fixture
def tenant(make) -> Tenant:
    return build_tenant(make, "Lindenau")


def _pages(tenant: Tenant) -> list[str]:
    urls = []
    for route in GET_ROUTES:
        try:
            urls += route.urls(tenant.ids)
        except MissingKind:
            continue
    return urls


def _none_attributes(response) -> list[str]:
    if response.mimetype != "text/html":
        return []
    return sorted({found.decode() for found in NONE_ATTRIBUTE.findall(response.get_data())})


def _dangling_references(response) -> list[str]:
    """``aria-describedby="x"`` and ``<label for="x">`` where no element has the id x."""
    if response.mimetype != "text/html":
        return []
    html = response.get_data()
    ids = set(ID.findall(html))
    return sorted(
        {
            f"{attribute.decode()}={target.decode()}"
            for attribute, targets in ID_REFERENCE.findall(html)
            for target in targets.split()
            if target not in ids
        }
    )


def _empty_headers(response) -> int:
    return len(EMPTY_HEADER.findall(response.get_data())) if response.mimetype == "text/html" else 0


@pytest.mark.parametrize("role", ["consultant", "shopper", "anonymous"])
def test_no_page_has_an_attribute_valued_none(app, tenant, role):
    user = RoleClient(app, None if role == "anonymous" else tenant.users[role])
    found = {}
    for url in _pages(tenant):
        page = user.open("GET", url)
        if bad := _none_attributes(page) + _dangling_references(page):
            found[url] = bad
        shows_form = page.status_code == 200 and SAME_PAGE_FORM.search(page.get_data())
        if shows_form:
            shown = user.open("POST", url, data={})
            if bad := _none_attributes(shown) + _dangling_references(shown):
                found[f"POST {url}"] = bad
    assert not found, f"attributes valued 'None' or naming no element, as {role}: {found}"


def test_every_table_column_has_a_header(app, tenant):
    consultant = RoleClient(app, tenant.users["consultant"])
    found = {url: n for url in _pages(tenant) if (n := _empty_headers(consultant.open("GET", url)))}
    assert not found, f"empty <th> per page: {found}"


def test_a_form_with_errors_marks_its_fields_without_none(app, tenant):
    """The touchpoint form after an empty submission: the field is invalid, the rest is absent."""
    consultant = RoleClient(app, tenant.users["consultant"])
    page = consultant.open("POST", f"/projects/{tenant.ids['project']}/touchpoints/new", data={})
    html = page.get_data(as_text=True)
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="name-error"' in html
    assert '="None"' not in html


def test_survey_answers_point_at_their_error_only_while_it_is_shown(app, tenant):
    visitor = RoleClient(app, None)
    url = f"/s/{tenant.ids['survey_token']}"
    page = visitor.open("GET", url)
    token = re.search(rb'name="form_token" value="([^"]+)"', page.get_data()).group(1).decode()
    shown = visitor.open("POST", url, data={"form_token": token, "f-f1": "1"})
    html = shown.get_data()
    assert b'id="e-f1"' in html and b'aria-describedby="e-f1"' in html
    assert _dangling_references(page) == [] and _dangling_references(shown) == []
