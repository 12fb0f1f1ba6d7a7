"""Consultants map a client's journey: projects, phases, touchpoints, locations."""

import re
from datetime import UTC, datetime

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Location, Phase, Project, Response, Touchpoint
from surveyor.services.instruments import instruments as instrument_services


def _consultant_with_project(make, auth):
    client = make.client("Stadtwerke Test")
    project = make.project(client, "Kundenkontakt")
    auth.login(make.user("consultant", clients=(client,)))
    return client, project


def test_admin_creates_a_client_and_a_project(client, auth, make, app):
    auth.login(make.user("admin"))
    response = client.post("/clients/new", data={"name": "Bäckerei Kühn"})
    assert response.status_code == 302
    client_page = client.get(response.headers["Location"])
    assert "Bäckerei Kühn".encode() in client_page.data
    client_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    response = client.post(
        f"/clients/{client_id}/projects/new",
        data={"name": "Filialen 2026", "description": "Baseline"},
    )
    assert response.status_code == 302
    with app.app_context():
        project = db.session.scalar(select(Project))
        assert project.slug == "baeckerei-kuehn-filialen-2026"
        assert [phase.kind for phase in project.phases] == ["pre_sales", "purchase", "after_sales"]


def test_client_and_project_pages_show_the_slugs_the_command_line_needs(client, auth, make):
    """A first-time admin reads the slug off the page instead of guessing it for the CLI."""
    customer, project = _consultant_with_project(make, auth)
    client_page = client.get(f"/clients/{customer.id}").data.decode()
    assert f"--client {customer.slug}</code>" in client_page
    project_page = client.get(f"/projects/{project.id}").data.decode()
    assert f"--project {project.slug} " in project_page


def test_consultant_adds_a_touchpoint_to_a_phase(client, auth, make, app):
    _, project = _consultant_with_project(make, auth)
    with app.app_context():
        phase_id = db.session.scalar(select(Phase.id).where(Phase.kind == "after_sales"))
    response = client.post(
        f"/projects/{project.id}/touchpoints/new",
        data={
            "name": "Service hotline",
            "phase_id": phase_id,
            "channel": "phone",
            "weight": "2.5",
            "description": "0800 number",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/projects/{project.id}")
    assert b"Service hotline" in page.data
    with app.app_context():
        touchpoint = db.session.scalar(select(Touchpoint))
        assert (touchpoint.phase_id, touchpoint.channel, touchpoint.weight) == (
            phase_id,
            "phone",
            2.5,
        )


def test_touchpoint_form_rejects_bad_input_with_messages(client, auth, make, app):
    _, project = _consultant_with_project(make, auth)
    response = client.post(
        f"/projects/{project.id}/touchpoints/new",
        data={
            "name": "x" * 121,
            "phase_id": 0,
            "channel": "pigeon",
            "weight": "-1",
        },
    )
    assert response.status_code == 200
    assert b"Field cannot be longer than 120 characters." in response.data
    assert b"Not a valid choice." in response.data
    assert b"Number must be between 0.01 and 1000." in response.data
    with app.app_context():
        assert db.session.scalar(select(Touchpoint)) is None


def test_touchpoint_cannot_be_put_into_another_projects_phase(client, auth, make, app):
    _, project = _consultant_with_project(make, auth)
    other_project = make.project()
    with app.app_context():
        foreign_phase = db.session.scalar(
            select(Phase.id).where(Phase.project_id == other_project.id)
        )
    response = client.post(
        f"/projects/{project.id}/touchpoints/new",
        data={
            "name": "Hotline",
            "phase_id": foreign_phase,
            "channel": "phone",
            "weight": "1",
        },
    )
    assert b"Not a valid choice." in response.data


def test_edit_and_delete_a_touchpoint(client, auth, make, app):
    _, project = _consultant_with_project(make, auth)
    touchpoint = make.touchpoint(project, name="Chat")
    response = client.post(
        f"/touchpoints/{touchpoint.id}/edit",
        data={"name": "Live chat", "phase_id": 0, "channel": "chat", "weight": "0.8"},
    )
    assert response.status_code == 302
    assert b"Live chat" in client.get(f"/touchpoints/{touchpoint.id}").data
    assert client.post(f"/touchpoints/{touchpoint.id}/delete").status_code == 302
    assert client.get(f"/touchpoints/{touchpoint.id}").status_code == 404


def test_competitor_location_is_marked(client, auth, make, app):
    _, project = _consultant_with_project(make, auth)
    client.post(
        f"/projects/{project.id}/locations/new",
        data={
            "name": "Energie Nord Zentrum",
            "city": "Lindenau",
            "is_competitor": "y",
            "competitor_name": "Energie Nord",
        },
    )
    page = client.get(f"/projects/{project.id}")
    assert b"Competitor: Energie Nord" in page.data
    with app.app_context():
        assert db.session.scalar(select(Location.is_competitor)) is True


def test_add_a_phase(client, auth, make, app):
    _, project = _consultant_with_project(make, auth)
    client.post(f"/projects/{project.id}/phases/new", data={"name": "Loyalty", "kind": "other"})
    with app.app_context():
        names = db.session.scalars(
            select(Phase.name).where(Phase.project_id == project.id).order_by(Phase.position)
        ).all()
    assert names == ["Pre-sales", "Purchase", "After-sales", "Loyalty"]


def test_unknown_ids_are_404(client, auth, make):
    _consultant_with_project(make, auth)
    for url in (
        "/projects/999999",
        "/touchpoints/999999",
        "/clients/999999",
        "/locations/999999/edit",
        "/phases/999999/edit",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post("/locations/999999/delete").status_code == 404


def test_a_touchpoint_or_location_with_responses_is_kept(client, auth, make, app):
    instrument, wave, _link = make.open_survey()
    with app.app_context():
        touchpoint = db.session.get(Touchpoint, instrument.touchpoint_id)
        project = touchpoint.project
        location = Location(project_id=project.id, name="Hauptstelle", city="Lindenau")
        db.session.add(location)
        db.session.flush()
        version = instrument_services.published_version(touchpoint.instruments[0])
        db.session.add(
            Response(
                submission_id="kept-1",
                content_hash="0" * 64,
                version_id=version.id,
                wave_id=wave.id,
                respondent_group="customer",
                location_id=location.id,
            )
        )
        touchpoint_id, location_id = touchpoint.id, location.id
        db.session.commit()
    auth.login(make.user("admin"))
    for url in (f"/touchpoints/{touchpoint_id}/delete", f"/locations/{location_id}/delete"):
        refused = client.post(url)
        assert refused.status_code == 409
        assert b"has 1 recorded response and cannot be deleted" in refused.data
    assert client.get(f"/touchpoints/{touchpoint_id}").status_code == 200
    with app.app_context():
        assert db.session.get(Location, location_id) is not None


def test_project_page_words_waves_in_the_readers_language(client, auth, make):
    """Status and dates localised; a baseline called "Baseline" is not tagged "Baseline" again."""
    _, project = _consultant_with_project(make, auth)
    opens = datetime(2026, 3, 2, 8, tzinfo=UTC)
    make.wave(project, 0, label="Baseline", status="open", opens_at=opens)
    english = _visible_text(client.get(f"/projects/{project.id}").get_data(as_text=True))
    assert "Baseline Baseline" not in english and "Mar 2, 2026" in english
    page = client.get(f"/projects/{project.id}", headers={"Accept-Language": "de"})
    german = _visible_text(page.get_data(as_text=True))
    assert "02.03.2026" in german and "offen" in german
    assert "2026-03-02" not in german and " open" not in german


def _visible_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_german_project_starts_with_german_phases(client, auth, make, app):
    auth.login(make.user("admin"))
    owner = make.client("Stadtwerke Nord")
    response = client.post(
        f"/clients/{owner.id}/projects/new", data={"name": "Kontakt 2027", "language": "de"}
    )
    assert response.status_code == 302
    with app.app_context():
        project = db.session.scalar(select(Project))
        assert project.language == "de"
        assert [phase.name for phase in project.phases] == [
            "Vor dem Kauf",
            "Kauf",
            "Nach dem Kauf",
        ]


def test_german_texts_of_touchpoints_phases_and_measures_show_to_german_readers(
    client, auth, make, app
):
    """Optional German texts beside the first-written ones; readers get theirs, with fallback."""
    _, project = _consultant_with_project(make, auth)
    response = client.post(
        f"/projects/{project.id}/phases/new",
        data={"name": "Complaint", "name_de": "Beschwerde", "kind": "other"},
    )
    assert response.status_code == 302
    with app.app_context():
        phase_id = db.session.scalar(select(Phase.id).where(Phase.name == "Complaint"))
    response = client.post(
        f"/projects/{project.id}/touchpoints/new",
        data={
            "name": "Service hotline",
            "name_de": "Service-Hotline",
            "phase_id": phase_id,
            "channel": "phone",
            "weight": "1",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        touchpoint_id = db.session.scalar(select(Touchpoint.id))
    response = client.post(
        f"/touchpoints/{touchpoint_id}/measures/new",
        data={
            "title": "Call-back booking",
            "title_de": "Rückrufbuchung",
            "cluster": "process",
            "status": "planned",
        },
    )
    assert response.status_code == 302
    german = client.get(f"/touchpoints/{touchpoint_id}", headers={"Accept-Language": "de"}).text
    assert "Service-Hotline" in german and "Beschwerde" in german and "Rückrufbuchung" in german
    assert "Service hotline" not in german and "Call-back booking" not in german
    english = client.get(f"/touchpoints/{touchpoint_id}").text
    assert "Service hotline" in english and "Call-back booking" in english
    assert "Service-Hotline" not in english
    project_page = client.get(f"/projects/{project.id}", headers={"Accept-Language": "de"}).text
    assert "Beschwerde" in project_page and "Service-Hotline" in project_page
