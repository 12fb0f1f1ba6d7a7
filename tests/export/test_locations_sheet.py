"""The Locations sheet: branches and regions ranked per wave and metric, the web ranking's numbers.

A client like the demo's in small: two regions, four branches (one named like a formula), a
competitor, CSAT and NPS answers in two waves, an answer without a location, an approved shop,
and a minimum n of 2, so that one branch is listed as a small sample and not ranked.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Location, Project, User, Wave
from surveyor.services.locations import results
from surveyor.services.locations.scores import METRICS
from surveyor.services.reports import exports
from surveyor.services.reports.scope import ExportScope
from surveyor.services.reports.workbooks import build_workbook
from tests.export.conftest import open_workbook, respond, rows_of

EVIL = '=HYPERLINK("http://x")'
# code -> CSAT answers in the baseline and the follow-up (one response each)
CSAT = {
    "NORD": ((5, 5, 4), (5, 4, 4)),
    "HAFEN": ((3, 3), (4, 3, 2)),
    "SUED": ((4,), (5,)),
    "EVIL": ((2, 3, 2), (3, 3)),
    "": ((1,), ()),
}
HEADER_ROW = 3


@dataclass
class Branches:
    project_id: int
    slug: str
    client: object
    waves: tuple[int, int]


@pytest.fixture
def branches(app, make) -> Branches:
    client = make.client("Stadtwerke Lindenau")
    project = make.project(client, "Service 2026")
    hotline = make.touchpoint(project, name="Hotline")
    instrument = make.kano_instrument(hotline, features=2, optional=("csat", "nps"))
    checklist = make.checklist_instrument(make.touchpoint(project, name="Counter"))
    waves = (make.wave(project, 0, label="Baseline"), make.wave(project, 1, label="Follow-up"))
    north = make.location(project, name="North", kind="region")
    south = make.location(project, name="South", kind="region")
    found = {
        "NORD": make.location(project, name="Nordstadt", code="NORD", parent_id=north.id),
        "HAFEN": make.location(project, name="Hafen", code="HAFEN", parent_id=north.id),
        "SUED": make.location(project, name="Südstadt", code="SUED", parent_id=south.id),
        "EVIL": make.location(project, name=EVIL, code="EVIL", parent_id=south.id),
    }
    rival = make.location(project, name="Rival shop", code="RIVAL", is_competitor=True)
    pairs = {"f1": (1, 5), "f2": (3, 3)}
    for code, per_wave in CSAT.items():
        location_id = found[code].id if code else None
        for wave, scores in zip(waves, per_wave, strict=True):
            for score in scores:
                numbers = {"csat": score, "nps": 2 * score}
                respond(app, instrument, wave, "customer", pairs, None, numbers, location_id)
    respond(app, instrument, waves[1], "customer", pairs, None, {"csat": 1}, rival.id)
    make.approved_shop(checklist, location=found["NORD"], wave=waves[1])
    with app.app_context():
        db.session.get(Project, project.id).min_location_n = 2
        db.session.commit()
    return Branches(project.id, project.slug, client, (waves[0].id, waves[1].id))


def _export(app, tmp_path, project_id: int, lang: str = "en"):
    path = tmp_path / f"locations-{lang}.xlsx"
    with app.app_context():
        build_workbook(ExportScope(project_id, lang=lang), path)
    return open_workbook(str(path))


def _service_rows(app, make, branches: Branches, wave_id: int, metric: str) -> list[tuple]:
    """What the web ranking shows a consultant, as (level, name, rank, value, low, high, n)."""
    consultant = make.user("consultant", clients=(branches.client,))
    with app.test_request_context():
        project = db.session.get(Project, branches.project_id)
        user = db.session.get(User, consultant.id)
        found = results.ranking(user, project, db.session.get(Wave, wave_id), metric)
        units = [("branch", u) for u in found.branches] + [("region", u) for u in found.regions]
        rows = [
            (level, unit.location.name, unit.rank, *_figures(unit.scores, metric))
            for level, unit in units
        ]
        return [*rows, ("client", None, None, *_figures(found.client.scores, metric))]


def _figures(scores, metric: str) -> tuple:
    estimate = None if metric == "index" else getattr(scores, metric)
    low, high = (estimate.low, estimate.high) if estimate is not None else (None, None)
    return (scores.value(metric), low, high, scores.size(metric))


def _sheet_rows(sheet, wave: str, metric_label: str) -> list[tuple]:
    levels = {"Branch": "branch", "Region": "region", "Whole client": "client"}
    return [
        (
            levels[row["Level"]],
            None if row["Level"] == "Whole client" else row["Location"].removeprefix("'"),
            row["Rank"],
            row["Value"],
            row["95 % CI low"],
            row["95 % CI high"],
            row["n"],
        )
        for row in rows_of(sheet, HEADER_ROW)
        if row["Wave"] == wave and row["Metric"] == metric_label
    ]


def test_every_metric_and_wave_equals_the_web_ranking(app, make, tmp_path, branches):
    workbook = _export(app, tmp_path, branches.project_id)
    sheet = workbook["Locations"]
    assert (
        workbook.sheetnames.index("Locations") == workbook.sheetnames.index("Mystery shopping") + 1
    )
    labels = {
        "index": "Touchpoint index (weighted)",
        "csat": "CSAT (1-5)",
        "nps": "NPS",
        "ces": "CES (1-7)",
        "contacts": "Contacts to resolution",
        "checklist": "Checklist score (%)",
    }
    assert set(labels) == set(METRICS)
    for wave_id, wave in zip(branches.waves, ("Baseline", "Follow-up"), strict=True):
        for metric, label in labels.items():
            expected = _service_rows(app, make, branches, wave_id, metric)
            found = _sheet_rows(sheet, wave, label)
            assert len(found) == len(expected) == 7, (wave, metric)
            for got, want in zip(found, expected, strict=True):
                assert got[:3] == want[:3] and got[6] == want[6], (wave, metric)
                assert got[3:6] == pytest.approx(want[3:6]), (wave, metric)
    csat = _sheet_rows(sheet, "Baseline", "CSAT (1-5)")
    assert [row[1] for row in csat if row[2] and row[0] == "branch"] == ["Nordstadt", "Hafen", EVIL]
    assert csat[0][3] == pytest.approx(14 / 3) and csat[0][4] == pytest.approx(4.013, abs=1e-3)
    assert csat[-1][6] == 10  # the whole client counts the answer without a location


def test_small_samples_are_marked_and_not_ranked_and_competitors_left_out(app, tmp_path, branches):
    sheet = _export(app, tmp_path, branches.project_id)["Locations"]
    assert [sheet.cell(1, 1).value, sheet.cell(1, 2).value] == ["Minimum n for a rank", 2]
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    rows = rows_of(sheet, HEADER_ROW)
    follow_up = [r for r in rows if r["Wave"] == "Follow-up" and r["Metric"] == "CSAT (1-5)"]
    sued = next(r for r in follow_up if r["Location"] == "Südstadt")
    assert (sued["Rank"], sued["n"], sued["Small sample"], sued["Region"]) == (
        None,
        1,
        "n under 2",
        "South",
    )
    assert all(r["Small sample"] is None for r in follow_up if r["Rank"] is not None)
    ces = [r for r in rows if r["Metric"] == "CES (1-7)" and r["Wave"] == "Follow-up"]
    assert all(r["Rank"] is None and r["Value"] is None for r in ces)  # nobody was asked
    assert {r["Location"] for r in ces if r["Small sample"]} == {"Südstadt"}
    checklist = [r for r in rows if r["Metric"] == "Checklist score (%)" and r["Level"] == "Branch"]
    assert {r["Location"] for r in checklist if r["Rank"]} == set()  # one shop < minimum 2
    assert not any(r["Location"] == "Rival shop" or r["Code"] == "RIVAL" for r in rows)
    evil = next(r for r in follow_up if r["Code"] == "EVIL")
    assert evil["Location"] == "'" + EVIL  # shown as text, never run as a formula


def test_the_newest_waves_ranked_index_is_a_native_bar_chart(app, tmp_path, branches):
    sheet = _export(app, tmp_path, branches.project_id)["Locations"]
    (chart,) = sheet._charts
    assert chart.tagname == "barChart" and chart.type == "bar"
    (series,) = chart.series
    values = series.val.numRef.f
    first, last = (int(part.split("$")[-1]) for part in values.split(":"))
    names = [sheet.cell(row, 6).value for row in range(first, last + 1)]
    ranks = [sheet.cell(row, 5).value for row in range(first, last + 1)]
    assert sheet.cell(first, 2).value == "Follow-up"
    assert sheet.cell(first, 3).value == "Touchpoint index (weighted)"
    assert ranks == sorted(ranks) and None not in ranks and "Südstadt" not in names
    assert len(names) == 3


def test_the_exported_waves_are_ranked_and_no_others(app, tmp_path, branches):
    path = tmp_path / "baseline.xlsx"
    with app.app_context():
        build_workbook(ExportScope(branches.project_id, wave_sequences=(0,)), path)
    sheet = open_workbook(str(path))["Locations"]
    rows = rows_of(sheet, HEADER_ROW)
    assert {row["Wave"] for row in rows} == {"Baseline"} and len(rows) == 6 * 7
    (chart,) = sheet._charts  # the newest exported wave's index
    first = int(chart.series[0].val.numRef.f.split(":")[0].split("$")[-1])
    assert sheet.cell(first, 2).value == "Baseline"


def test_german_headers_in_a_german_workbook(app, tmp_path, branches):
    sheet = _export(app, tmp_path, branches.project_id, "de")["Standorte"]
    rows = rows_of(sheet, HEADER_ROW)
    assert {"Rang", "Standort", "Region", "Kennzahl", "Ebene", "Wellen-Nr."} <= set(rows[0])
    sued = next(r for r in rows if r["Standort"] == "Südstadt" and r["Welle"] == "Follow-up")
    assert sued["Ebene"] == "Filiale" and sued["Kleine Stichprobe"] == "n unter 2"
    assert sheet.cell(1, 1).value == "Mindest-n für einen Rang"
    assert any(r["Standort"] == "Ganzer Kunde" for r in rows)


def test_a_project_without_locations_has_no_locations_sheet(app, tmp_path, export_project):
    workbook = _export(app, tmp_path, export_project.project.id)
    assert "Locations" not in workbook.sheetnames and "Mystery shopping" in workbook.sheetnames


def test_a_project_with_branches_but_no_answers_says_so(app, make, tmp_path):
    project = make.project(make.client(), "Empty")
    make.wave(project, 0)
    make.location(project, name="Lonely branch", code="LONE")
    sheet = _export(app, tmp_path, project.id)["Locations"]
    assert rows_of(sheet, HEADER_ROW) == [
        {
            "Wave no.": "No branch has customer answers or approved shops in these waves.",
            **dict.fromkeys([c.value for c in sheet[HEADER_ROW]][1:]),
        }
    ]


def test_the_cli_and_the_export_job_write_the_sheet(
    app, client, auth, make, runner, tmp_path, monkeypatch, branches
):
    out = tmp_path / "cli.xlsx"
    result = runner.invoke(args=["export", "--project", branches.slug, "--out", str(out)])
    assert result.exit_code == 0, result.output
    cli_rows = rows_of(open_workbook(str(out))["Locations"], HEADER_ROW)
    monkeypatch.setitem(app.config, "EXPORT_FOLDER", str(tmp_path / "exports"))
    auth.login(make.user("consultant", clients=(branches.client,)))
    asked = client.post(f"/projects/{branches.project_id}/exports", data={"lang": "en"})
    job_id = int(asked.headers["Location"].rstrip("/").split("/")[-1])
    exports.wait_for(job_id)
    download = client.get(f"/exports/{job_id}/download")
    assert download.status_code == 200
    assert rows_of(open_workbook(download.data)["Locations"], HEADER_ROW) == cli_rows
    assert len(cli_rows) == 2 * 6 * 7


def test_the_demo_workbook_ranks_twelve_branches_in_two_regions(runner, app, tmp_path):
    assert runner.invoke(args=["demo", "--responses", "400", "--no-serve"]).exit_code == 0
    with app.app_context():
        project_id = db.session.scalar(select(Project.id))
        own = db.session.scalars(
            select(Location).where(
                Location.project_id == project_id, Location.is_competitor.is_(False)
            )
        ).all()
    sheet = _export(app, tmp_path, project_id, "de")["Standorte"]
    rows = rows_of(sheet, HEADER_ROW)
    newest = rows[0]["Welle"]
    index = [r for r in rows if r["Welle"] == newest and r["Kennzahl"].startswith("Touchpoint")]
    regions = {r["Standort"] for r in index if r["Ebene"] == "Region"}
    assert regions == {"Region Nord", "Region Süd"}
    listed = {r["Standort"] for r in index if r["Ebene"] == "Filiale"}
    assert listed == {loc.name for loc in own if loc.kind == "branch"}
    assert sum(1 for r in index if r["Rang"]) >= 4
    assert len(sheet._charts) == 1
