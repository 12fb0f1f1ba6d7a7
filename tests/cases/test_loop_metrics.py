"""Loop metrics per wave and location, on the trend page, in the API and in the workbook."""

from __future__ import annotations

from datetime import timedelta

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from surveyor.export.sheets import loop as loop_sheet
from surveyor.extensions import db
from surveyor.models import FollowUpCase, Project
from surveyor.models.base import as_utc
from surveyor.scoring.alerts import LoopFigures
from surveyor.services.accounts import api_tokens
from surveyor.services.cases import metrics, work
from surveyor.services.cases.metrics import FollowUpEffect, LoopRow
from tests.cases.helpers import answer, detractor_survey


def _close(app, case_id: int, hours: int, status: str = "resolved") -> None:
    with app.app_context():
        case = db.session.get(FollowUpCase, case_id)
        work.move(case, status, "Done.", as_utc(case.opened_at) + timedelta(hours=hours))
        db.session.commit()


def _case_ids(app) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(FollowUpCase.id).order_by(FollowUpCase.id)))


def test_metrics_count_in_time_and_median_per_wave(app, make):
    setup = detractor_survey(make)
    for nps in (1, 2, 3):
        answer(app.test_client(), setup.link, nps=nps)
    first, second, _third = _case_ids(app)
    _close(app, first, 10)
    _close(app, second, 24 * 5)  # due after 3 days: late
    with app.app_context():
        project = db.session.get(Project, setup.project_id)
        [row] = metrics.loop_metrics(project, "wave")
        [total] = metrics.loop_metrics(project, "project")
    assert row.key == setup.link.wave_id and row.name == "Wave 0"
    assert row.figures == LoopFigures(opened=3, closed=2, closed_in_time=1, median_hours=65.0)
    assert total.figures == row.figures


@pytest.mark.parametrize("later_address", ["kim@example.org", "Kim@Example.ORG"])
def test_followed_up_customer_who_answers_better_next_wave(app, make, later_address):
    """The later invitation is the same customer whatever the capitals of its address (one
    stored before addresses were lower-cased)."""
    setup = detractor_survey(make)
    first = make.invitation(setup.link, "kim@example.org")
    answer(app.test_client(), first, nps=2)
    [case_id] = _case_ids(app)
    _close(app, case_id, 5)
    with app.app_context():
        project = db.session.get(Project, setup.project_id)
        instrument = project.touchpoints[0].instruments[0]
    later_wave = make.wave(project, sequence=1)
    later = make.invitation(make.survey_link(instrument, later_wave), later_address)
    answer(app.test_client(), later, nps=9, consent=False)
    stranger = make.invitation(make.survey_link(instrument, later_wave), "other@example.org")
    answer(app.test_client(), stranger, nps=10, consent=False)
    with app.app_context():
        effects = metrics.follow_up_effects(db.session.get(Project, setup.project_id))
    assert effects == [FollowUpEffect("nps", customers=1, improved=1, mean_change=7.0)]


def test_trend_page_and_api_show_the_loop(app, client, auth, make):
    setup = detractor_survey(make)
    answer(app.test_client(), setup.link, nps=1)
    auth.login(setup.consultant)
    page = client.get(f"/touchpoints/{setup.touchpoint_id}/trends")
    assert b"Closing the loop" in page.data and b"Cases opened" in page.data
    with app.app_context():
        _, secret = api_tokens.create_token(db.session.merge(setup.consultant), "bi")
        db.session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    body = client.get(
        f"/api/v1/projects/{setup.project_id}/loop-metrics?by=touchpoint", headers=headers
    ).get_json()
    [row] = body["rows"]
    assert row["key"] == setup.touchpoint_id and row["opened"] == 1
    assert row["share_closed_in_time"] == 0.0 and row["median_hours_to_close"] is None
    bad = client.get(f"/api/v1/projects/{setup.project_id}/loop-metrics?by=shoe", headers=headers)
    assert bad.status_code == 422


def test_the_sheet_writes_plain_rows(app, tmp_path):
    rows = [LoopRow("wave", 1, "=Baseline", LoopFigures(4, 2, 1, 12.5))]
    with app.test_request_context():
        workbook = Workbook(write_only=True)
        loop_sheet.write(workbook, rows, [FollowUpEffect("nps", 3, 2, 1.5)])
        workbook.save(tmp_path / "loop.xlsx")
    sheet = load_workbook(tmp_path / "loop.xlsx")["Closing the loop"]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[1] == ["Wave", "'=Baseline", 4, 2, 1, 0.25, 12.5]
    assert "2 answered better" in values[-1][0]
