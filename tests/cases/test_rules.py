"""Consultants author alert rules; a rule that can never match is refused with a clear message."""

from __future__ import annotations

from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import AlertRule, Touchpoint


def _project_with_survey(make, optional=("nps",)):
    instrument = make.kano_instrument(optional=optional)
    with make.app.app_context():
        touchpoint = db.session.get(Touchpoint, instrument.touchpoint_id)
        return touchpoint.project_id, touchpoint.id, touchpoint.project.client


def _rules(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(AlertRule))


def test_consultant_adds_a_detractor_rule(app, client, auth, make):
    project_id, touchpoint_id, owner = _project_with_survey(make)
    staff = make.user("viewer", clients=(owner,))
    auth.login(make.user("consultant", clients=(owner,)))
    page = client.post(
        f"/projects/{project_id}/alert-rules",
        data={
            "name": "Detractors",
            "kind": "nps_detractor",
            "touchpoint_ids": [str(touchpoint_id)],
            "recipient_ids": [str(staff.id)],
            "due_days": "5",
        },
    )
    assert page.status_code == 303
    listing = client.get(f"/projects/{project_id}/alert-rules")
    assert b"Detractors" in listing.data and b"NPS detractor (0-6)" in listing.data


def test_rules_that_can_never_match_are_refused(app, client, auth, make):
    project_id, _, owner = _project_with_survey(make, optional=("nps",))
    staff = make.user("viewer", clients=(owner,))
    auth.login(make.user("consultant", clients=(owner,)))
    base = {"name": "R", "recipient_ids": [str(staff.id)], "due_days": "7"}

    low = client.post(
        f"/projects/{project_id}/alert-rules",
        data={**base, "kind": "csat_at_most", "threshold": "0"},
    )
    assert low.status_code == 422
    assert b"a rule for at most this value never matches" in low.data
    no_csat = client.post(
        f"/projects/{project_id}/alert-rules",
        data={**base, "kind": "csat_at_most", "threshold": "2"},
    )
    assert b"None of these touchpoints asks the CSAT question" in no_csat.data
    no_checklist = client.post(
        f"/projects/{project_id}/alert-rules", data={**base, "kind": "critical_failure"}
    )
    assert b"critical item: the rule never matches" in no_checklist.data
    assert _rules(app) == 0


def test_recipients_need_access_to_the_client(app, client, auth, make):
    project_id, _, owner = _project_with_survey(make)
    outsider = make.user("viewer", clients=(make.client(),))
    shopper = make.user("shopper", clients=(owner,))
    auth.login(make.user("consultant", clients=(owner,)))
    for person in (outsider, shopper):
        page = client.post(
            f"/projects/{project_id}/alert-rules",
            data={"name": "R", "kind": "nps_detractor", "recipient_ids": [str(person.id)]},
        )
        assert page.status_code == 422
    assert _rules(app) == 0


def test_client_staff_cannot_author_rules(app, client, auth, make):
    project_id, _, owner = _project_with_survey(make)
    auth.login(make.user("viewer", clients=(owner,)))
    assert client.get(f"/projects/{project_id}/alert-rules").status_code == 403
