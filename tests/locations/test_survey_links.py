"""A customer scans a branch's QR code, answers, and the answer is counted for that branch."""

from __future__ import annotations

import io
import re

from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Invitation, Location, Response


def _form_token(page: bytes) -> str:
    return re.search(rb'name="form_token" value="([^"]+)"', page).group(1).decode()


def _filled(page) -> dict:
    return {
        "form_token": _form_token(page.data),
        "f-f1": "1",
        "d-f1": "5",
        "f-f2": "2",
        "d-f2": "4",
    }


def _answer(client, url: str):
    page = client.get(url)
    assert page.status_code == 200, page.data[:300]
    return client.post(url, data=_filled(page))


def _stored(app) -> list[tuple]:
    with app.app_context():
        return [
            tuple(row)
            for row in db.session.execute(
                select(Response.location_id, Response.channel, Response.reference)
            )
        ]


def test_an_answer_through_a_branch_link_counts_for_the_branch(client, app, branches):
    _, _, link = branches["survey"]
    url = f"/s/{link.token}?loc=NORD&ch=store&ref=E-17"
    first = _answer(client, url)
    assert first.status_code == 303
    assert "loc=NORD" in first.headers["Location"]
    assert _stored(app) == [(branches["nord"].id, "store", "E-17")]


def test_a_double_click_with_a_location_stores_one_response(client, app, branches):
    _, _, link = branches["survey"]
    url = f"/s/{link.token}?loc=HAFEN"
    data = _filled(client.get(url))
    assert client.post(url, data=data).status_code == 303
    assert client.post(url, data=data).status_code == 303
    assert _stored(app) == [(branches["hafen"].id, None, None)]


def test_unknown_foreign_region_and_competitor_codes_are_refused(client, app, branches):
    _, _, link = branches["survey"]
    for code in ("NOPE", "ELSE", "RIVAL", ""):
        query = f"loc={code}" if code else "ch=pigeon"
        page = client.get(f"/s/{link.token}?{query}")
        assert page.status_code == 404
        assert b"This link is not valid" in page.data
        refused = client.post(f"/s/{link.token}?{query}", data={"form_token": "x"})
        assert refused.status_code in (400, 404)
    assert _stored(app) == []


def test_the_qr_sheet_has_one_code_per_branch_with_its_name(client, auth, branches):
    _, _, link = branches["survey"]
    auth.login(branches["consultant"])
    page = client.get(f"/links/{link.id}/locations")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    for name, code in (("Nordstadt", "NORD"), ("Hafen", "HAFEN"), ("Südstadt", "SUED")):
        assert name in text and f"?loc={code}" in text
    assert "RIVAL" not in text and text.count("<svg") == 3
    svg = client.get(f"/links/{link.id}/locations/{branches['nord'].id}/qr.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"


def _upload(client, link, content: bytes):
    return client.post(
        f"/links/{link.id}/invitations",
        data={"recipients": (io.BytesIO(content), "list.csv")},
        content_type="multipart/form-data",
    )


def test_the_recipient_list_gives_each_invitation_its_location(client, app, auth, branches):
    _, _, link = branches["survey"]
    auth.login(branches["consultant"])
    upload = b"email,name,location\nann@example.com,Ann,NORD\nbo@example.com,Bo,\n"
    response = _upload(client, link, upload)
    assert response.status_code == 302
    with app.app_context():
        invitations = db.session.execute(
            select(Invitation.email, Invitation.location_id, Invitation.token).order_by(
                Invitation.email
            )
        ).all()
    assert [(i.email, i.location_id) for i in invitations] == [
        ("ann@example.com", branches["nord"].id),
        ("bo@example.com", None),
    ]
    auth.logout()
    assert _answer(client, f"/s/{invitations[0].token}").status_code == 303
    assert _stored(app) == [(branches["nord"].id, None, None)]


def test_a_recipient_list_with_a_foreign_location_creates_nothing(client, app, auth, branches):
    _, _, link = branches["survey"]
    auth.login(branches["consultant"])
    upload = b"email,location\nann@example.com,NORD\nbo@example.com,ELSE\n"
    response = _upload(client, link, upload)
    assert response.status_code == 422
    assert b"ELSE is not a location of this project" in response.data
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Invitation)) == 0


def test_a_german_consultant_reads_what_is_wrong_with_the_list_in_german(client, auth, branches):
    _, _, link = branches["survey"]
    auth.login(branches["consultant"])
    client.get("/?lang=de")
    unknown = _upload(client, link, b"email,location\nann@example.com,ELSE\n")
    assert "Das Standortkürzel ELSE gehört zu keinem Standort" in unknown.get_data(as_text=True)
    rows = _upload(client, link, b"email\nnot-an-address\nbo@example.com\nbo@example.com\n")
    text = rows.get_data(as_text=True)
    assert "Zeile 2: &#39;not-an-address&#39; ist keine E-Mail-Adresse." in text
    assert "Zeile 4: bo@example.com steht doppelt in der Liste." in text
    assert "Zeile 1 braucht" in _upload(client, link, b"name\nAnn\n").get_data(as_text=True)
    assert _upload(client, link, b"email\nann@example.com\n").status_code == 302
    page = client.get(f"/links/{link.id}").get_data(as_text=True)
    # The invitations table scrolls inside its own region on a phone, not the page.
    assert 'role="region" tabindex="0" aria-label="Persönliche Einladungen"' in page


def test_codes_are_unique_per_project_and_branches_sit_in_regions(client, app, auth, branches):
    auth.login(branches["consultant"])
    project_id = branches["project_id"]
    taken = client.post(
        f"/projects/{project_id}/locations/new",
        data={"name": "Copy", "kind": "branch", "code": "NORD", "parent_id": "0"},
    )
    assert taken.status_code == 200
    assert b"no other location of this project has" in taken.data
    bad_parent = client.post(
        f"/projects/{project_id}/locations/new",
        data={"name": "Odd", "kind": "branch", "code": "ODD", "parent_id": branches["hafen"].id},
    )
    assert bad_parent.status_code == 200 and b"parent_id-error" in bad_parent.data
    saved = client.post(
        f"/projects/{project_id}/locations/new",
        data={
            "name": "Altstadt",
            "kind": "branch",
            "code": "ALT",
            "parent_id": branches["south"].id,
        },
    )
    assert saved.status_code == 302
    with app.app_context():
        altstadt = db.session.scalar(select(Location).where(Location.code == "ALT"))
        assert altstadt.parent_id == branches["south"].id
        assert db.session.scalar(select(Location).where(Location.code == "ODD")) is None
    page = client.get(f"/projects/{project_id}").get_data(as_text=True)
    assert "ALT" in page and "South" in page


def test_an_address_is_invited_once_per_link_whatever_its_capitals(client, app, auth, branches):
    _, _, link = branches["survey"]
    auth.login(branches["consultant"])
    twice = _upload(client, link, b"email\nKim@example.org\nkim@EXAMPLE.org\n")
    assert twice.status_code == 422
    assert b"kim@example.org appears twice" in twice.data
    assert _upload(client, link, b"email,location\nKim@Example.org,NORD\n").status_code == 302
    again = _upload(client, link, b"email,name\nKIM@example.org,Kim\nlu@example.org,Lu\n")
    assert again.status_code == 302
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "1 invitation created." in page
    assert "1 address had been invited to this link already and was skipped." in page
    with app.app_context():
        invited = db.session.execute(
            select(Invitation.email, Invitation.location_id).order_by(Invitation.id)
        ).all()
    assert [tuple(row) for row in invited] == [
        ("kim@example.org", branches["nord"].id),
        ("lu@example.org", None),
    ]


def test_staff_limited_to_a_branch_print_only_their_branchs_qr_code(
    client, auth, app, make, branches
):
    """The QR sheet names branches: staff limited to Nordstadt read no other branch on it."""
    _, _, link = branches["survey"]
    viewer = make.user("viewer", clients=(branches["client"],))
    make.limit_to(viewer, branches["nord"])
    auth.login(viewer)
    page = client.get(f"/links/{link.id}/locations")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Nordstadt" in text and "?loc=NORD" in text
    for other in ("Hafen", "HAFEN", "Südstadt", "SUED", "South"):  # North: its own region
        assert other not in text
    assert text.count("<svg") == 1
    own = client.get(f"/links/{link.id}/locations/{branches['nord'].id}/qr.svg")
    assert own.status_code == 200
    assert (
        client.get(f"/links/{link.id}/locations/{branches['hafen'].id}/qr.svg").status_code == 404
    )


def test_the_consultant_sees_each_invitations_location_after_the_upload(
    client, app, auth, make, branches
):
    """The list's location column is what counts the answer: the consultant checks it on the
    link page. Client staff read no location there (it could name another branch)."""
    _, _, link = branches["survey"]
    auth.login(branches["consultant"])
    _upload(client, link, b"email,location\nann@example.com,HAFEN\nbo@example.com,\n")
    page = client.get(f"/links/{link.id}").get_data(as_text=True)
    table = page[page.index("ann@example.com") - 400 :]
    assert "<th>Location</th>" in table and "Hafen (HAFEN)" in table
    auth.logout()
    viewer = make.user("viewer", clients=(branches["client"],))
    make.limit_to(viewer, branches["nord"])
    auth.login(viewer)
    assert "Hafen" not in client.get(f"/links/{link.id}").get_data(as_text=True)
