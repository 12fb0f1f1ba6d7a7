"""A client's own deck template: consultants upload it, decks of the client use it, a file that
cannot carry a deck is refused with the reason; viewers and other clients cannot change it."""

from __future__ import annotations

from io import BytesIO

import pytest
from pptx import Presentation

from surveyor.services.reports import exports
from tests.deck.conftest import open_deck


@pytest.fixture(autouse=True)
def folders(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "EXPORT_FOLDER", str(tmp_path / "exports"))
    monkeypatch.setitem(app.config, "DECK_TEMPLATE_FOLDER", str(tmp_path / "templates"))


def _pptx() -> bytes:
    buffer = BytesIO()
    Presentation().save(buffer)  # the 4:3 Office master with its usual layouts
    return buffer.getvalue()


def _upload(client, project_id: int, data: bytes, name: str = "house.pptx"):
    return client.post(
        f"/projects/{project_id}/deck-template",
        data={"template": (BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def _deck(client, project_id: int):
    asked = client.post(f"/projects/{project_id}/exports", data={"lang": "en", "kind": "deck"})
    job_id = int(asked.headers["Location"].rstrip("/").split("/")[-1])
    exports.wait_for(job_id)
    return open_deck(client.get(f"/exports/{job_id}/download").data)


def test_a_consultant_uploads_the_clients_template_and_decks_use_it(
    client, auth, make, deck_project
):
    auth.login(make.user("consultant", clients=(deck_project.client,)))
    project_id = deck_project.project.id
    assert _deck(client, project_id).slides[0].slide_layout.name != "Title Slide"
    saved = _upload(client, project_id, _pptx())
    assert saved.status_code == 302
    page = client.get(saved.headers["Location"])
    assert b"New client decks of Stadtwerke Deck use this template." in page.data
    assert b"Use the default design again" in page.data
    deck = _deck(client, project_id)
    assert deck.slides[0].slide_layout.name == "Title Slide"
    assert deck.slide_width * 3 == deck.slide_height * 4
    removed = client.post(f"/projects/{project_id}/deck-template/delete")
    assert removed.status_code == 302
    assert _deck(client, project_id).slides[0].slide_layout.name != "Title Slide"


def test_a_file_that_is_no_presentation_is_refused_with_the_reason(
    client, auth, make, deck_project
):
    auth.login(make.user("consultant", clients=(deck_project.client,)))
    answer = _upload(client, deck_project.project.id, b"PK not really a zip")
    assert answer.status_code == 422
    assert b"is not a PowerPoint presentation (.pptx)" in answer.data
    answer = _upload(client, deck_project.project.id, _pptx(), name="house.potx")
    assert answer.status_code == 422 and b"Upload a .pptx file." in answer.data
    page = client.get(f"/projects/{deck_project.project.id}/exports")
    assert b"Client decks use the default design." in page.data


def test_viewers_and_other_clients_cannot_change_the_template(client, auth, make, deck_project):
    auth.login(make.user("viewer", clients=(deck_project.client,)))
    assert _upload(client, deck_project.project.id, _pptx()).status_code == 403
    page = client.get(f"/projects/{deck_project.project.id}/exports")
    assert b"deck-template" not in page.data
    auth.logout()
    auth.login(make.user("consultant", clients=(make.client("Other utility"),)))
    assert _upload(client, deck_project.project.id, _pptx()).status_code == 404
    delete = client.post(f"/projects/{deck_project.project.id}/deck-template/delete")
    assert delete.status_code == 404
