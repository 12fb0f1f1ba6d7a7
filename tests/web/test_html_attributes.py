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


def _empty_headers(response) -> int:
    return len(EMPTY_HEADER.findall(response.get_data())) if response.mimetype == "text/html" else 0


@pytest.mark.parametrize("role", ["consultant", "shopper", "anonymous"])
def test_no_page_has_an_attribute_valued_none(app, tenant, role):
    user = RoleClient(app, None if role == "anonymous" else tenant.users[role])
    found = {}
    for url in _pages(tenant):
        page = user.open("GET", url)
        if bad := _none_attributes(page):
            found[url] = bad
        shows_form = page.status_code == 200 and SAME_PAGE_FORM.search(page.get_data())
        if shows_form and (bad := _none_attributes(user.open("POST", url, data={}))):
            found[f"POST {url}"] = bad
    assert not found, f"attributes valued 'None' as {role}: {found}"


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
