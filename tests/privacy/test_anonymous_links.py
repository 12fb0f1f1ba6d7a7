"""An anonymous link stores answers without any link to the invitation that opened it."""

from __future__ import annotations

import json

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Invitation, Response, SurveyLink, Touchpoint
from tests.factories import _Ref
from tests.privacy.helpers import answer_survey


def _anonymous_link(client, auth, make):
    """A consultant creates the customer link of a wave with "anonymous" ticked."""
    touchpoint = make.touchpoint()
    instrument = make.kano_instrument(touchpoint)
    with make.app.app_context():
        project = db.session.get(Touchpoint, touchpoint.id).project
        client_ref, project_ref = _Ref(project.client_id), _Ref(project.id)
    wave = make.wave(project_ref)
    auth.login(make.user("consultant", clients=(client_ref,)))
    created = client.post(
        f"/instruments/{instrument.id}/links",
        data={"wave_id": str(wave.id), "group": "customer", "anonymous": "y"},
    )
    assert created.status_code == 302
    with make.app.app_context():
        return db.session.scalar(select(SurveyLink))


def test_the_respondent_is_told_and_the_response_carries_no_invitation(app, client, auth, make):
    link = _anonymous_link(client, auth, make)
    assert link.anonymous
    invitation = make.invitation(link, "kim@example.com")
    page = client.get(f"/s/{invitation.token}").get_data(as_text=True)
    assert "Your answers are stored without your name or e-mail address." in page
    assert answer_survey(client, invitation.token).status_code == 303
    with app.app_context():
        used = db.session.get(Invitation, invitation.id)
        assert used.used_at is not None and used.response_id is None
        # the day only: an exact time would match the response's submitted_at
        assert (used.used_at.hour, used.used_at.minute, used.used_at.second) == (0, 0, 0)
        assert db.session.scalar(select(Response.id)) is not None
    assert client.get(f"/s/{invitation.token}").status_code == 410
    auth.login(make.user("admin"))
    copy = client.post("/privacy/requests/export.json", data={"email": "kim@example.com"})
    document = json.loads(copy.data)
    assert document["invitations"][0]["anonymous"] is True
    assert document["responses"] == []


def test_a_personal_link_says_nothing_about_anonymity(client, make):
    _instrument, _wave, link = make.open_survey()
    invitation = make.invitation(link)
    page = client.get(f"/s/{invitation.token}").get_data(as_text=True)
    assert "stored without your name" not in page


def test_a_link_can_be_made_anonymous_later_but_not_back(app, client, auth, make):
    _instrument, _wave, link = make.open_survey()
    with app.app_context():
        client_id = db.session.get(SurveyLink, link.id).wave.project.client_id
    auth.login(make.user("consultant", clients=(_Ref(client_id),)))
    assert "Make anonymous" in client.get(f"/links/{link.id}").get_data(as_text=True)
    assert client.post(f"/links/{link.id}/anonymous").status_code == 302
    page = client.get(f"/links/{link.id}").get_data(as_text=True)
    assert "Make anonymous" not in page
    assert "answers are stored without a link to the invitation" in page
