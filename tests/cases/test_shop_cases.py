"""Approving a shop with a failed critical item opens a case for the location's staff."""

from __future__ import annotations

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import FollowUpCase, Instrument, Project
from surveyor.services.cases import rules


def _rule(make, instrument, kind, threshold=None):
    with make.app.app_context():
        project = db.session.get(Instrument, instrument.id).touchpoint.project
        client = project.client
        project_id = project.id
    staff = make.user("viewer", clients=(client,))
    consultant = make.user("consultant", clients=(client,))
    with make.app.app_context():
        rules.save_rule(
            db.session.get(Project, project_id),
            rules.RuleInput(name="K.o.", kind=kind, threshold=threshold, recipient_ids=(staff.id,)),
        )
    return staff, consultant


def test_approval_of_a_shop_with_a_critical_failure_opens_a_case(app, client, auth, make):
    instrument = make.checklist_instrument()
    staff, consultant = _rule(make, instrument, "critical_failure")
    failed = make.submitted_shop(make.assignment(instrument), {"greet": 0})
    fine = make.submitted_shop(make.assignment(instrument))
    auth.login(consultant)
    assert client.post(f"/shops/{failed.id}/approve").status_code == 302
    assert client.post(f"/shops/{fine.id}/approve").status_code == 302
    with app.app_context():
        cases = db.session.scalars(select(FollowUpCase)).all()
        assert [(c.summary, c.owner_id, c.location_id) for c in cases] == [
            ({"critical_failures": 1}, staff.id, failed.location_id)
        ]


def test_a_shop_below_the_threshold_opens_a_case(app, client, auth, make):
    instrument = make.checklist_instrument()
    _, consultant = _rule(make, instrument, "shop_score_below", threshold=99.5)
    shop = make.submitted_shop(make.assignment(instrument), {"friendly": 1})
    auth.login(consultant)
    client.post(f"/shops/{shop.id}/approve")
    with app.app_context():
        [case] = db.session.scalars(select(FollowUpCase)).all()
        assert case.kind == "shop_score_below" and case.summary["score"] < 99.5
