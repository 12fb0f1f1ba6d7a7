"""Consultants record improvement measures per touchpoint; others cannot touch them."""

from datetime import date

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Measure

FORM = {
    "title": "Call-back booking",
    "description": "Book a slot instead of waiting.",
    "cluster": "it_support",
    "owner": "Head of service",
    "due_date": "2026-03-01",
    "go_live": "2026-03-15",
    "status": "live",
}


def _consultant_touchpoint(make, auth):
    client = make.client()
    touchpoint = make.touchpoint(make.project(client))
    auth.login(make.user("consultant", clients=(client,)))
    return client, touchpoint


def test_consultant_creates_lists_and_edits_a_measure(client, auth, make, app):
    _, touchpoint = _consultant_touchpoint(make, auth)
    response = client.post(f"/touchpoints/{touchpoint.id}/measures/new", data=FORM)
    assert response.status_code == 302
    page = client.get(f"/touchpoints/{touchpoint.id}/measures")
    assert page.status_code == 200
    assert b"Call-back booking" in page.data
    assert b"IT support" in page.data
    assert b"Mar 15, 2026" in page.data  # the go-live, as an English reader writes it
    with app.app_context():
        measure = db.session.scalar(select(Measure))
        assert (measure.cluster, measure.go_live, measure.owner) == (
            "it_support",
            date(2026, 3, 15),
            "Head of service",
        )
    response = client.post(
        f"/measures/{measure.id}/edit", data={**FORM, "title": "IVR call-back", "status": "dropped"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Measure, measure.id).status == "dropped"
    assert b"IVR call-back" in client.get(f"/touchpoints/{touchpoint.id}").data


def test_bad_measure_input_gets_a_message_not_a_500(client, auth, make):
    _, touchpoint = _consultant_touchpoint(make, auth)
    for bad in (
        {**FORM, "title": ""},
        {**FORM, "cluster": "magic"},
        {**FORM, "go_live": "15.03.2026x"},
        {**FORM, "title": "x" * 201},
    ):
        response = client.post(f"/touchpoints/{touchpoint.id}/measures/new", data=bad)
        assert response.status_code == 422
        assert b'class="error"' in response.data


def test_measures_of_another_client_are_404_and_viewers_cannot_edit(client, auth, make):
    own_client, touchpoint = _consultant_touchpoint(make, auth)
    foreign = make.measure(make.touchpoint())
    assert client.get(f"/measures/{foreign.id}/edit").status_code == 404
    assert client.post(f"/measures/{foreign.id}/delete").status_code == 404
    assert client.get(f"/touchpoints/{foreign.touchpoint_id}/measures").status_code == 404
    own = make.measure(touchpoint)
    auth.logout()
    auth.login(make.user("viewer", clients=(own_client,)))
    assert client.get(f"/touchpoints/{touchpoint.id}/measures").status_code == 200
    assert client.post(f"/measures/{own.id}/edit", data=FORM).status_code == 403
    assert client.post(f"/touchpoints/{touchpoint.id}/measures/new", data=FORM).status_code == 403


def test_consultant_deletes_a_measure(client, auth, make, app):
    _, touchpoint = _consultant_touchpoint(make, auth)
    measure = make.measure(touchpoint)
    assert client.post(f"/measures/{measure.id}/delete").status_code == 302
    with app.app_context():
        assert db.session.get(Measure, measure.id) is None


def test_the_new_measure_page_names_the_touchpoint_in_the_readers_language(client, auth, make):
    client_ = make.client()
    touchpoint = make.touchpoint(make.project(client_), name="Hotline", name_de="Servicetelefon")
    auth.login(make.user("consultant", clients=(client_,), locale="de"))
    page = client.get(f"/touchpoints/{touchpoint.id}/measures/new").text
    assert "Servicetelefon" in page
    assert "Hotline" not in page
