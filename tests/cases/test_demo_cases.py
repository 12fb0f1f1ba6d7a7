"""The demo shows alert rules and open and closed follow-up cases, with loop metrics."""

from __future__ import annotations

from sqlalchemy import select

from surveyor import demo
from surveyor.extensions import db
from surveyor.models import AlertRule, FollowUpCase, Response
from surveyor.services.cases import metrics


def test_demo_has_rules_open_and_closed_cases_and_metrics(app):
    with app.app_context():
        summary = demo.create_demo(responses=200)
        kinds = set(db.session.scalars(select(AlertRule.kind)))
        statuses = [case.status for case in db.session.scalars(select(FollowUpCase))]
        report = metrics.loop_report(summary.project)
        total = report.total[0].figures
    assert {"nps_detractor", "critical_failure", "wave_drop"} <= kinds
    assert "open" in statuses and "resolved" in statuses
    assert total.opened == len(statuses) and 0 < total.closed < total.opened
    assert total.median_hours is not None and total.median_hours > 0
    assert len(report.by_wave) >= 2


def test_demo_cases_of_branch_answers_are_at_their_branch(app):
    """The demo's customer answers are spread over branches: their cases follow them, so the
    loop metrics by location and a branch's staff have something to show."""
    with app.app_context():
        summary = demo.create_demo(responses=200)
        pairs = db.session.execute(
            select(FollowUpCase.location_id, Response.location_id)
            .join(Response, Response.id == FollowUpCase.response_id)
            .where(FollowUpCase.kind == "nps_detractor")
        ).all()
        by_location = metrics.loop_report(summary.project).by_location
    assert pairs and all(case == response for case, response in pairs)
    assert any(case is not None for case, _response in pairs)
    assert any(row.key is not None and row.name.startswith("Kundencenter") for row in by_location)
