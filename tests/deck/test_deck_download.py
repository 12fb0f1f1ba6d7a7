"""The workspace download: ask for the client deck beside the workbook, download it when built;
the same people as for the workbook, nobody else."""

from __future__ import annotations

import pytest

from surveyor.services.reports import exports
from tests.deck.conftest import charts, open_deck, slide_titled

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@pytest.fixture(autouse=True)
def export_folder(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "EXPORT_FOLDER", str(tmp_path / "exports"))


def _ask_for_deck(client, project_id: int, **fields):
    data = {"lang": "de", "kind": "deck", **fields}
    return client.post(f"/projects/{project_id}/exports", data=data)


def test_a_viewer_downloads_the_german_deck(client, auth, make, deck_project):
    auth.login(make.user("viewer", clients=(deck_project.client,)))
    page = client.get(f"/projects/{deck_project.project.id}/exports")
    assert b'name="kind" value="deck"' in page.data
    asked = _ask_for_deck(client, deck_project.project.id, waves=["0", "1"])
    assert asked.status_code == 302
    job_id = int(asked.headers["Location"].rstrip("/").split("/")[-1])
    exports.wait_for(job_id)
    shown = client.get(f"/exports/{job_id}")
    assert shown.status_code == 200 and "Refresh" not in shown.headers
    assert b"The client deck is ready." in shown.data
    download = client.get(f"/exports/{job_id}/download")
    assert download.status_code == 200 and download.mimetype == PPTX
    assert download.headers["Content-Disposition"].endswith(".pptx")
    deck = open_deck(download.data)
    assert len(charts(slide_titled(deck, "Hotline: Kano-Ergebnisse"))) == 1
    listed = client.get(f"/projects/{deck_project.project.id}/exports")
    assert b"<td>Client deck</td>" in listed.data


def test_the_deck_is_for_the_clients_users_only(client, auth, make, deck_project):
    auth.login(make.user("consultant", clients=(make.client("Other utility"),)))
    assert _ask_for_deck(client, deck_project.project.id).status_code == 404
    auth.logout()
    auth.login(make.shopper())  # the workspace does not exist for shoppers (issue 18)
    assert _ask_for_deck(client, deck_project.project.id).status_code == 404


def test_the_workbook_button_still_builds_a_workbook(client, auth, make, deck_project):
    auth.login(make.user("consultant", clients=(deck_project.client,)))
    asked = client.post(f"/projects/{deck_project.project.id}/exports", data={"lang": "en"})
    job_id = int(asked.headers["Location"].rstrip("/").split("/")[-1])
    exports.wait_for(job_id)
    download = client.get(f"/exports/{job_id}/download")
    assert download.mimetype.endswith("spreadsheetml.sheet")
