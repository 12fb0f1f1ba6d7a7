"""A detractor's survey opens a follow-up case for the client's staff, with consent to contact."""

from __future__ import annotations

from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Answer, FollowUpCase, OutboxMessage
from tests.cases.helpers import answer, detractor_survey


def _cases(app) -> list[FollowUpCase]:
    with app.app_context():
        found = db.session.scalars(select(FollowUpCase).order_by(FollowUpCase.id)).all()
        for case in found:
            db.session.expunge(case)
        return found


def test_detractor_opens_a_case_owned_by_client_staff_who_is_mailed(app, client, make):
    setup = detractor_survey(make)
    assert answer(client, setup.link, nps=3).status_code == 303

    [case] = _cases(app)
    assert case.owner_id == setup.staff.id
    assert case.summary == {"nps": 3}
    assert case.contact_details == "+49 170 1234567"
    assert case.status == "open"
    with app.app_context():
        recipients = set(db.session.scalars(select(OutboxMessage.recipient)))
        stored_texts = db.session.scalars(select(Answer.text)).all()
    assert recipients == {setup.staff.email, setup.consultant.email}
    assert "+49 170 1234567" not in " ".join(t or "" for t in stored_texts)


def test_promoter_and_unconsenting_detractor(app, client, make):
    setup = detractor_survey(make)
    answer(client, setup.link, nps=9)
    assert _cases(app) == []
    other = app.test_client()
    answer(other, setup.link, nps=6, consent=False)
    [case] = _cases(app)
    assert case.summary == {"nps": 6} and case.contact_details == ""


def test_consent_without_contact_details_is_asked_again(app, client, make):
    setup = detractor_survey(make)
    page = answer(client, setup.link, nps=2, contact="")
    assert page.status_code == 422
    assert b"how we may reach you" in page.data
    assert _cases(app) == []


def test_only_the_owner_sees_the_contact_details(app, client, make, auth):
    setup = detractor_survey(make)
    answer(app.test_client(), setup.link, nps=1)
    [case] = _cases(app)

    auth.login(setup.staff)
    mine = client.get("/cases")
    assert b"Recommendation 1 of 10" in mine.data
    page = client.get(f"/cases/{case.id}")
    assert b"+49 170 1234567" in page.data and b"Kim Kunde" in page.data
    auth.logout()

    auth.login(setup.consultant)
    page = client.get(f"/cases/{case.id}")
    assert page.status_code == 200
    assert b"+49 170 1234567" not in page.data


def test_other_clients_staff_cannot_see_the_case(app, client, make, auth):
    setup = detractor_survey(make)
    answer(app.test_client(), setup.link, nps=1)
    [case] = _cases(app)
    stranger = make.user("viewer", clients=(make.client(),))
    auth.login(stranger)
    assert client.get(f"/cases/{case.id}").status_code == 404
    assert b"Recommendation" not in client.get("/cases").data


def test_owner_closes_the_case_with_a_note(app, client, make, auth):
    setup = detractor_survey(make)
    answer(app.test_client(), setup.link, nps=4)
    [case] = _cases(app)
    auth.login(setup.staff)

    refused = client.post(f"/cases/{case.id}", data={"status": "resolved", "resolution_note": ""})
    assert refused.status_code == 422
    assert b"before closing the case" in refused.data
    done = client.post(
        f"/cases/{case.id}", data={"status": "resolved", "resolution_note": "Called back."}
    )
    assert done.status_code == 303
    [closed] = _cases(app)
    assert closed.status == "resolved" and closed.closed_in_time is True
    assert closed.hours_to_close == 0
    again = client.post(f"/cases/{case.id}", data={"status": "open", "resolution_note": ""})
    assert again.status_code == 409


def test_anonymous_link_never_keeps_contact_details(app, client, make):
    setup = detractor_survey(make)
    with app.app_context():
        from surveyor.models import SurveyLink

        db.session.get(SurveyLink, setup.link.id).anonymous = True
        db.session.commit()
    page = client.get(f"/s/{setup.link.token}")
    assert b"May we contact you" not in page.data
    answer(client, setup.link, nps=0)
    [case] = _cases(app)
    assert case.contact_details == ""


def test_a_retried_submission_opens_one_case(app, client, make):
    setup = detractor_survey(make)
    url = f"/s/{setup.link.token}"
    from tests.cases.helpers import form_token

    data = {"form_token": form_token(client.get(url).data), "f-f1": "1", "d-f1": "5", "n-nps": "2"}
    client.post(url, data=data)
    app.test_client().post(url, data=data)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(FollowUpCase)) == 1


def test_consultant_hands_the_case_to_client_staff_only(app, client, make, auth):
    setup = detractor_survey(make)
    answer(app.test_client(), setup.link, nps=1)
    [case] = _cases(app)
    colleague = make.user("viewer", clients=(make.client(),))
    auth.login(setup.consultant)
    refused = client.post(f"/cases/{case.id}/owner", data={"owner_id": str(colleague.id)})
    assert refused.status_code == 422
    moved = client.post(f"/cases/{case.id}/owner", data={"owner_id": str(setup.consultant.id)})
    assert moved.status_code == 303
    [after] = _cases(app)
    assert after.owner_id == setup.consultant.id


def test_case_lists_do_not_grow_with_cases(app, client, make, auth, queries):
    setup = detractor_survey(make)
    answer(app.test_client(), setup.link, nps=1)
    auth.login(setup.staff)

    def cost(url: str) -> int:
        with queries:
            assert client.get(url).status_code == 200
        return queries.count

    few = (cost("/cases"), cost(f"/projects/{setup.project_id}/cases"))
    for nps in (2, 3, 4):
        answer(app.test_client(), setup.link, nps=nps)
    assert (cost("/cases"), cost(f"/projects/{setup.project_id}/cases")) == few


def test_an_answer_through_a_branch_link_opens_the_case_for_that_branch(app, client, make):
    """The branch's QR code ties the answer to the branch, and so the case it opens: a rule
    limited to the branch (or to its region) applies, and the branch's staff find it there."""
    from surveyor.models import Project
    from surveyor.services.cases import rules
    from tests.factories import _Ref

    setup = detractor_survey(make)
    region = make.location(_Ref(setup.project_id), name="North", kind="region")
    branch = make.location(
        _Ref(setup.project_id), name="Nordstadt", code="NORD", parent_id=region.id
    )
    other = make.location(_Ref(setup.project_id), name="Hafen", code="HAFEN")
    with app.app_context():
        project = db.session.get(Project, setup.project_id)
        for name, location in (("North only", region), ("Hafen only", other)):
            rules.save_rule(
                project,
                rules.RuleInput(
                    name=name,
                    kind="nps_detractor",
                    location_ids=(location.id,),
                    recipient_ids=(setup.consultant.id,),
                ),
            )
        db.session.commit()

    answer(client, _AtBranch(setup.link, "NORD"), nps=2)

    opened = _cases(app)
    with app.app_context():
        names = {case.id: case.rule.name for case in db.session.scalars(select(FollowUpCase)).all()}
    assert sorted(names[case.id] for case in opened) == ["North only", "Rule nps_detractor"]
    assert {case.location_id for case in opened} == {branch.id}


class _AtBranch:
    """A survey link as the branch's QR code prints it (``answer`` reads ``token``)."""

    def __init__(self, link, code: str):
        self.token = f"{link.token}?loc={code}"
