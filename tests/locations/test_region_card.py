"""A regional manager reads their region's report card: the region against the whole client,
wave over wave, and its branches, on the page, in a workbook and through the API.

The case of ``answered``: CSAT Nordstadt 5, 5, 4 and Hafen 3, 3 (region North), Südstadt 4
(South), one answer without a location (1); min n = 2. North pools 5, 5, 4, 3, 3: mean 4.00,
s = 1, 1.96 / sqrt(5) = 0.88, so (3.12-4.88). The client: 25 / 7 = 3.57 over 7 answers.
"""

from __future__ import annotations

import io
import math

import pytest
from openpyxl import load_workbook

from tests.locations.test_results import answered

__all__ = ["answered"]


def test_a_consultant_reads_a_region_against_the_client_with_its_branches(client, auth, answered):
    auth.login(answered["consultant"])
    north = answered["north"].id
    page = client.get(f"/regions/{north}/card?metric=csat").get_data(as_text=True)
    assert "Region report card: North" in page
    assert "The only ranked region by CSAT (1-5)." in page  # South (1 answer) is not ranked
    waves = page[: page.index('id="region-branches"')]
    assert "4.00" in waves and "(3.12\u20134.88)" in waves and "3.57" in waves
    branches = page[page.index('id="region-branches"') :]
    assert branches.index("Nordstadt") < branches.index("Hafen") and "Südstadt" not in branches
    assert f'href="/locations/{answered["nord"].id}/card?metric=csat"' in branches
    assert f"/regions/{north}/card.xlsx?metric=csat" in page


def test_the_region_card_is_linked_from_the_ranking_and_the_project(client, auth, answered):
    auth.login(answered["consultant"])
    north = answered["north"].id
    project = answered["project_id"]
    ranking = client.get(f"/projects/{project}/locations/results?metric=nps").get_data(as_text=True)
    assert f'href="/regions/{north}/card?metric=nps"' in ranking
    overview = client.get(f"/projects/{project}").get_data(as_text=True)
    assert f'href="/regions/{north}/card"' in overview
    assert f'href="/locations/{answered["hafen"].id}/card"' in overview
    assert f'href="/locations/{answered["rival"].id}/card"' not in overview  # a competitor


def test_a_small_region_and_its_branches_are_marked_not_ranked(client, auth, answered):
    auth.login(answered["consultant"])
    page = client.get(f"/regions/{answered['south'].id}/card?metric=csat").get_data(as_text=True)
    assert "Not ranked: fewer than 2 answers." in page
    branches = page[page.index('id="region-branches"') :]
    assert "Südstadt" in branches and "n under 2" in branches


def test_the_api_region_equals_its_pooled_branches(api_as, answered):
    api = api_as(answered["consultant"])
    body = api.get(f"/regions/{answered['north'].id}/report-card?metric=csat").json
    assert (body["region_id"], body["name"], body["min_n"]) == (answered["north"].id, "North", 2)
    newest = body["waves"][-1]
    assert body["branches_wave_id"] == newest["wave_id"]
    assert (newest["rank"], newest["ranked"]) == (1, 1)
    region, client = newest["region"], newest["client"]
    csat = region["csat"]
    assert csat["value"] == pytest.approx(4.0) and csat["n"] == 5
    assert csat["low"] == pytest.approx(4 - 1.96 / math.sqrt(5), abs=1e-4)
    assert client["responses"] == 7 and client["csat"]["value"] == pytest.approx(25 / 7)
    branches = body["branches"]
    assert [(b["code"], b["rank"], b["small_sample"]) for b in branches] == [
        ("NORD", 1, False),
        ("HAFEN", 2, False),
    ]
    assert body["ranked_branches"] == 2  # Südstadt, in South, holds no rank
    # The region is its branches pooled: every answer weighs the same.
    pooled = [b["scores"]["csat"] for b in branches]
    assert region["responses"] == sum(b["scores"]["responses"] for b in branches)
    assert csat["n"] == sum(e["n"] for e in pooled)
    assert csat["value"] == pytest.approx(sum(e["value"] * e["n"] for e in pooled) / csat["n"])
    f2 = next(f for f in region["features"] if f["key"] == "f2")
    assert f2["n"] == 5  # Kano pairs of the newest wave pooled too


def test_the_api_reference_lists_the_region_card(client, auth, answered):
    auth.login(answered["consultant"])
    reference = client.get("/api-docs/").get_data(as_text=True)
    assert "/api/v1/regions/{region_id}/report-card" in reference
    assert "A region against the whole client, wave over wave, with its branches" in reference


def test_the_api_refuses_a_branch_id_and_an_unknown_metric(api_as, answered):
    api = api_as(answered["consultant"])
    assert api.get(f"/regions/{answered['nord'].id}/report-card").status_code == 404
    assert api.get(f"/regions/{answered['north'].id}/report-card?metric=x").status_code == 422
    assert api.get("/regions/999999/report-card").status_code == 404


def test_the_workbook_holds_the_region_the_client_and_the_branches(client, auth, answered):
    auth.login(answered["consultant"])
    response = client.get(f"/regions/{answered['north'].id}/card.xlsx?metric=csat")
    assert response.status_code == 200
    assert "region-report-card-" in response.headers["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Region report card", "Kano by location", "Branches"]
    card = workbook.worksheets[0]
    header = next(r for r in card.iter_rows(values_only=True) if r[0] == "Wave")
    assert header[2:] == (
        "Region",
        "95 % CI low",
        "95 % CI high",
        "n",
        "Client",
        "Client n",
        "Rank",
        "Ranked regions",
    )
    csat = next(r for r in card.iter_rows(values_only=True) if r[1] == "CSAT (1-5)")
    assert csat[2] == pytest.approx(4.0) and csat[5] == 5
    assert csat[6] == pytest.approx(25 / 7) and csat[7] == 7 and csat[8:10] == (1, 1)
    branches = workbook["Branches"]
    rows = [r for r in branches.iter_rows(values_only=True) if r[2] == "CSAT (1-5)"]
    assert [(r[0], r[7]) for r in rows] == [("Nordstadt", 1), ("Hafen", 2)]
    assert rows[0][3] == pytest.approx(14 / 3) and rows[0][6] == 3


def test_the_branch_workbook_keeps_its_columns(client, auth, answered):
    """The branch card's sheet is the same writer: location, region and client columns."""
    auth.login(answered["consultant"])
    response = client.get(f"/locations/{answered['hafen'].id}/card.xlsx?metric=csat")
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Report card", "Kano by location"]
    csat = next(
        r for r in workbook.worksheets[0].iter_rows(values_only=True) if r[1] == "CSAT (1-5)"
    )
    assert csat[2] == pytest.approx(3.0) and csat[6:8] == (pytest.approx(4.0), 5)
    assert csat[10:12] == (2, 2)


def test_staff_limited_to_a_region_open_only_that_regions_card(
    client, auth, app, make, api_as, answered
):
    viewer = make.user("viewer", clients=(answered["client"],))
    make.limit_to(viewer, answered["north"])
    auth.login(viewer)
    north, south = answered["north"].id, answered["south"].id
    page = client.get(f"/regions/{north}/card?metric=csat")
    assert page.status_code == 200 and "Hafen" in page.get_data(as_text=True)
    assert client.get(f"/regions/{north}/card.xlsx").status_code == 200
    assert client.get(f"/regions/{south}/card").status_code == 404
    assert client.get(f"/regions/{south}/card.xlsx").status_code == 404
    api = api_as(viewer)
    assert api.get(f"/regions/{north}/report-card").status_code == 200
    assert api.get(f"/regions/{south}/report-card").status_code == 404
    overview = client.get(f"/projects/{answered['project_id']}").get_data(as_text=True)
    assert f'href="/regions/{north}/card"' in overview
    assert f'href="/regions/{south}/card"' not in overview
    branch = client.get(f"/locations/{answered['nord'].id}/card?metric=csat").get_data(as_text=True)
    assert f'href="/regions/{north}/card?metric=csat"' in branch  # up to its region's card


def test_staff_limited_to_a_branch_may_not_open_its_region(
    client, auth, app, make, api_as, answered
):
    viewer = make.user("viewer", clients=(answered["client"],))
    make.limit_to(viewer, answered["nord"])
    auth.login(viewer)
    north = answered["north"].id
    branch = client.get(f"/locations/{answered['nord'].id}/card")
    assert branch.status_code == 200
    assert f'href="/regions/{north}/card' not in branch.get_data(as_text=True)  # no dead link
    assert client.get(f"/regions/{north}/card").status_code == 404
    assert client.get(f"/regions/{north}/card.xlsx").status_code == 404
    assert api_as(viewer).get(f"/regions/{north}/report-card").status_code == 404


def test_another_clients_consultant_finds_no_region(client, auth, make, answered):
    auth.login(make.user("consultant"))
    assert client.get(f"/regions/{answered['north'].id}/card").status_code == 404


def test_the_region_card_reads_german(client, auth, answered):
    auth.login(answered["consultant"])
    page = client.get(
        f"/regions/{answered['north'].id}/card?metric=csat", headers={"Accept-Language": "de"}
    ).get_data(as_text=True)
    assert "Regionen-Zeugnis: North" in page
    assert "Die einzige gerankte Region nach Zufriedenheit CSAT (1-5)." in page
    assert "Filialen dieser Region" in page and "Ganzer Kunde" in page
    assert "Excel-Datei herunterladen" in page or "Arbeitsmappe herunterladen" in page


def test_the_region_workbook_reads_german(client, auth, answered):
    """The sheet is named like the page (Regionen-Zeugnis), not like a branch's card."""
    auth.login(answered["consultant"])
    response = client.get(
        f"/regions/{answered['north'].id}/card.xlsx", headers={"Accept-Language": "de"}
    )
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Regionen-Zeugnis", "Kano nach Standort", "Filialen"]


def test_a_region_card_without_any_ranked_branch_says_so(client, auth, answered):
    """Not "Ranks among all 0 ranked branches of the client"."""
    auth.login(answered["consultant"])
    project = answered["project_id"]
    assert (
        client.post(f"/projects/{project}/locations/minimum", data={"min_n": "50"}).status_code
        == 302
    )
    page = client.get(f"/regions/{answered['north'].id}/card").get_data(as_text=True)
    assert "all 0 ranked branches" not in page
    assert "No branch of the client has 50 answers for a rank yet" in page
