"""Consultants review submitted shops: comment, correct with an audit trail, return, approve."""

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Answer, AnswerCorrection, Assignment, Item, ReviewComment
from tests.factories import _Ref


def _shop(make, answers=None):
    project = make.project()
    instrument = make.checklist_instrument(make.touchpoint(project, channel="store"))
    assignment = make.submitted_shop(make.assignment(instrument), answers)
    return project, assignment


def _consultant(make, auth, project):
    user = make.user("consultant", clients=(_Ref(project.client_id),))
    auth.login(user)
    return user


def _item_id(app, key):
    with app.app_context():
        return db.session.scalar(select(Item.id).where(Item.key == key))


def _assignment(app, assignment_id):
    with app.app_context():
        found = db.session.get(Assignment, assignment_id)
        db.session.expunge(found)
        return found


def test_the_review_page_shows_answers_score_and_critical_failures(client, auth, make):
    project, assignment = _shop(make, {"greet": 0, "offer": "one", "farewell": None})
    _consultant(make, auth, project)
    listing = client.get(f"/projects/{project.id}/assignments?status=submitted").text
    assert f"/shops/{assignment.id}" in listing
    page = client.get(f"/shops/{assignment.id}").text
    # greet 0/2, wait 3/3, friendly 4/4, offer 1/2, farewell N/A: 8 / 11
    assert "72.7 %" in page
    assert "1 critical failure<" in page
    assert "One offer" in page and "N/A" in page and "0:45 min" in page


def test_a_correction_is_audited_and_rescored(client, auth, make, app):
    project, assignment = _shop(make, {"friendly": 2})
    user = _consultant(make, auth, project)
    friendly = _item_id(app, "friendly")
    response = client.post(
        f"/shops/{assignment.id}/corrections",
        data={"item_id": friendly, "value": "4", "reason": "Audio recording shows a warm tone."},
    )
    assert response.status_code == 302
    with app.app_context():
        answer = db.session.get(Answer, (assignment.response_id, friendly))
        assert (answer.number, answer.earned) == (4.0, 3.0)
        correction = db.session.scalar(select(AnswerCorrection))
        assert correction.user_id == user.id
        assert correction.old_value == {"number": 2.0, "text": None, "not_applicable": False}
        assert correction.new_value["number"] == 4.0
        assert (correction.old_earned, correction.new_earned) == (1.0, 3.0)
        assert correction.reason == "Audio recording shows a warm tone."
        assert db.session.get(Assignment, assignment.id).status == "in_review"
    page = client.get(f"/shops/{assignment.id}").text
    assert "Audio recording shows a warm tone." in page


def test_corrections_can_set_na_and_choices_by_label(client, auth, make, app):
    project, assignment = _shop(make)
    _consultant(make, auth, project)
    offer = _item_id(app, "offer")
    client.post(
        f"/shops/{assignment.id}/corrections",
        data={"item_id": offer, "value": "No offer", "reason": "Misread"},
    )
    wait = _item_id(app, "wait")
    client.post(
        f"/shops/{assignment.id}/corrections",
        data={"item_id": wait, "not_applicable": "y", "reason": "No queue at all"},
    )
    with app.app_context():
        assert db.session.get(Answer, (assignment.response_id, offer)).text == "none"
        waited = db.session.get(Answer, (assignment.response_id, wait))
        assert (waited.not_applicable, waited.number, waited.earned) == (True, None, None)


def test_bad_corrections_get_a_clear_422_and_change_nothing(client, auth, make, app):
    project, assignment = _shop(make)
    _consultant(make, auth, project)
    url = f"/shops/{assignment.id}/corrections"
    friendly, greet = _item_id(app, "friendly"), _item_id(app, "greet")
    cases = [
        ({"item_id": friendly, "value": "9", "reason": "x"}, "from 1 to 5"),
        ({"item_id": friendly, "value": "lots", "reason": "x"}, "Enter a number"),
        ({"item_id": greet, "value": "maybe", "reason": "x"}, "Answer yes or no"),
        ({"item_id": greet, "not_applicable": "y", "reason": "x"}, "does not allow N/A"),
        ({"item_id": _item_id(app, "offer"), "value": "Lots", "reason": "x"}, "Choose one of"),
        ({"item_id": _item_id(app, "storefront"), "value": "x", "reason": "x"}, "Photos"),
        ({"item_id": friendly, "value": "3"}, "give a reason"),
    ]
    for data, message in cases:
        response = client.post(url, data=data)
        assert response.status_code == 422, data
        assert message in response.text, (data, response.text[-800:])
    with app.app_context():
        assert db.session.scalar(select(AnswerCorrection)) is None
        assert db.session.get(Answer, (assignment.response_id, friendly)).number == 5.0


def test_refusals_are_worded_in_the_reviewers_language(client, auth, make, app):
    project, assignment = _shop(make)
    _consultant(make, auth, project)
    url = f"/shops/{assignment.id}/corrections"
    data = {"item_id": _item_id(app, "friendly"), "value": "9", "reason": "x"}
    german = client.post(url, data=data, headers={"Accept-Language": "de"})
    assert german.status_code == 422
    assert "Geben Sie einen Wert von 1 bis 5 ein." in german.text


def test_items_of_another_checklist_or_tenant_are_refused(client, auth, make, app):
    project, assignment = _shop(make)
    other = make.checklist_instrument(make.touchpoint(project), name="Other")
    _consultant(make, auth, project)
    with app.app_context():
        foreign_item = db.session.scalar(
            select(Item.id).where(Item.version.has(instrument_id=other.id))
        )
    response = client.post(
        f"/shops/{assignment.id}/corrections",
        data={"item_id": foreign_item, "value": "1", "reason": "x"},
    )
    assert response.status_code == 422
    _elsewhere, stranger_shop = _shop(make)
    assert client.get(f"/shops/{stranger_shop.id}").status_code == 404
    assert client.post(f"/shops/{stranger_shop.id}/approve").status_code == 404


def test_comment_return_resubmit_and_approve(client, auth, make, app):
    project, assignment = _shop(make)
    _consultant(make, auth, project)
    greet = _item_id(app, "greet")
    assert (
        client.post(
            f"/shops/{assignment.id}/comments", data={"item_id": greet, "text": "Who greeted?"}
        ).status_code
        == 302
    )
    assert "Who greeted?" in client.get(f"/shops/{assignment.id}").text
    response = client.post(f"/shops/{assignment.id}/return", data={"comment": "Add the photo."})
    assert response.status_code == 302
    returned = _assignment(app, assignment.id)
    assert (returned.status, returned.return_comment) == ("returned", "Add the photo.")
    assert client.post(f"/shops/{assignment.id}/approve").status_code == 422
    make.submitted_shop(returned)  # the shopper sends the shop again
    assert client.post(f"/shops/{assignment.id}/approve").status_code == 302
    approved = _assignment(app, assignment.id)
    assert approved.status == "approved" and approved.reviewed_at is not None
    with app.app_context():
        assert db.session.scalar(select(ReviewComment.text)) == "Who greeted?"


def test_the_shopper_sees_the_reviewers_item_comments_while_the_shop_is_returned(
    client, auth, make, app
):
    project, assignment = _shop(make)
    _consultant(make, auth, project)
    greet = _item_id(app, "greet")
    client.post(f"/shops/{assignment.id}/comments", data={"item_id": greet, "text": "Who greeted?"})
    client.post(f"/shops/{assignment.id}/comments", data={"text": "Receipt photo is blurred."})
    client.post(f"/shops/{assignment.id}/return", data={"comment": "Please fix the marked items."})
    auth.logout()
    with app.app_context():
        shopper = db.session.get(Assignment, assignment.id).shopper
    auth.login(shopper)
    page = client.get(f"/shop/assignments/{assignment.id}").text
    item_block = page[page.index('id="i-greet"') :]
    item_block = item_block[: item_block.index("</fieldset>")]
    assert "Who greeted?" in item_block
    assert "Receipt photo is blurred." in page and "Please fix the marked items." in page
    make.submitted_shop(_assignment(app, assignment.id))  # sent again: the notes are done
    assert "Who greeted?" not in client.get(f"/shop/assignments/{assignment.id}").text


def test_return_needs_a_comment_and_viewers_cannot_review(client, auth, make, app):
    project, assignment = _shop(make)
    _consultant(make, auth, project)
    assert client.post(f"/shops/{assignment.id}/return", data={"comment": ""}).status_code == 422
    auth.logout()
    auth.login(make.user("viewer", clients=(_Ref(project.client_id),)))
    assert client.post(f"/shops/{assignment.id}/approve").status_code == 403
    assert client.get(f"/shops/{assignment.id}").status_code == 404  # not approved yet
    assert _assignment(app, assignment.id).status == "submitted"


def test_a_german_reviewer_reads_german_options_and_numbers(client, auth, make, app):
    """Choice options in the reader's language where the consultant wrote one; 72,7 %."""
    project, assignment = _shop(make, {"greet": 0, "offer": "one", "farewell": None})
    with app.app_context():
        offer = db.session.scalar(select(Item).where(Item.key == "offer"))
        options = [dict(option) for option in offer.settings["options"]]
        options[1]["label_de"] = "Ein Angebot"
        offer.settings = {**offer.settings, "options": options}
        db.session.commit()
    _consultant(make, auth, project)
    page = client.get(f"/shops/{assignment.id}", headers={"Accept-Language": "de"}).text
    assert "Ein Angebot" in page and "One offer" not in page
    assert "72,7 %" in page and "72.7" not in page
