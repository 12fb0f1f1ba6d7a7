"""Customers answer a Kano questionnaire through a public link or a personal invitation."""

import re
from datetime import timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.forms import survey as survey_form
from surveyor.labels import kano_answer_codes
from surveyor.models import (
    Answer,
    Instrument,
    InstrumentVersion,
    Invitation,
    Item,
    KanoAnswer,
    Response,
    SurveyLink,
    Wave,
)
from surveyor.services.instruments import instruments
from surveyor.services.surveys import surveys


def _form_token(page: bytes) -> str:
    return re.search(rb'name="form_token" value="([^"]+)"', page).group(1).decode()


def _answers(token: str, pairs=((1, 5), (2, 5), (1, 3)), **extra) -> dict:
    data = {"form_token": token}
    for number, (functional, dysfunctional) in enumerate(pairs, start=1):
        data[f"f-f{number}"] = str(functional)
        data[f"d-f{number}"] = str(dysfunctional)
    data.update(extra)
    return data


def _count(app, model=Response) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def survey(make):
    instrument, wave, link = make.open_survey()
    with make.app.app_context():
        version_id = instruments.published_version(db.session.merge(instrument)).id
    return {
        "instrument": instrument,
        "wave": wave,
        "link": link,
        "url": f"/s/{link.token}",
        "version_id": version_id,
    }


def test_customer_answers_and_one_response_is_stored(client, app, survey):
    page = client.get(survey["url"])
    assert page.status_code == 200
    assert b"Question 1 of 3" in page.data and b"Feature 2 is there." in page.data
    response = client.post(survey["url"], data=_answers(_form_token(page.data)))
    assert response.status_code == 303
    assert b"Thank you!" in client.get(response.headers["Location"]).data
    with app.app_context():
        stored = db.session.scalar(select(Response))
        assert (stored.wave_id, stored.respondent_group) == (survey["wave"].id, "customer")
        pairs = db.session.execute(
            select(KanoAnswer.functional, KanoAnswer.dysfunctional).order_by(KanoAnswer.item_id)
        ).all()
        assert [tuple(p) for p in pairs] == [(1, 5), (2, 5), (1, 3)]


def test_double_click_and_replay_store_exactly_one_response(client, app, survey):
    data = _answers(_form_token(client.get(survey["url"]).data))
    first = client.post(survey["url"], data=data)
    second = client.post(survey["url"], data=data)
    assert first.status_code == second.status_code == 303
    assert _count(app) == 1
    assert _count(app, KanoAnswer) == 3


def test_replay_with_different_content_is_a_conflict(client, app, survey):
    token = _form_token(client.get(survey["url"]).data)
    client.post(survey["url"], data=_answers(token))
    changed = client.post(survey["url"], data=_answers(token, pairs=((5, 1), (2, 5), (1, 3))))
    assert changed.status_code == 409
    assert _count(app) == 1


def test_missing_pair_keeps_answers_and_names_the_question(client, app, survey):
    token = _form_token(client.get(survey["url"]).data)
    data = _answers(token)
    del data["d-f2"]
    response = client.post(survey["url"], data=data)
    assert response.status_code == 422
    assert b"Please answer both questions about this feature." in response.data
    assert b'href="#q-f2"' in response.data
    assert re.search(rb'name="f-f1" value="1" checked', response.data)
    assert _count(app) == 0


@pytest.mark.parametrize("bad", ["0", "6", "x", "1.5", "99999999999999999999"])
def test_out_of_range_answers_are_refused(client, app, survey, bad):
    token = _form_token(client.get(survey["url"]).data)
    response = client.post(survey["url"], data=_answers(token) | {"f-f1": bad})
    assert response.status_code == 422
    assert b"Choose a whole number from 1 to 5." in response.data
    assert _count(app) == 0


def test_forged_form_token_is_refused(client, app, survey, make):
    response = client.post(survey["url"], data=_answers("forged.token"))
    assert response.status_code == 400
    _, _, other_link = make.open_survey()
    other_token = _form_token(client.get(f"/s/{other_link.token}").data)
    response = client.post(survey["url"], data=_answers(other_token))
    assert response.status_code == 400
    assert _count(app) == 0


def test_unknown_token_gets_a_friendly_page_and_guessing_is_throttled(client, app):
    response = client.get("/s/" + "x" * 32)
    assert response.status_code == 404
    assert b"Survey not found" in response.data
    for _ in range(app.config["SURVEY_TOKEN_MAX_MISSES"]):
        client.get("/s/" + "y" * 32)
    assert client.get("/s/" + "z" * 32).status_code == 429


def test_a_throttled_address_is_refused_even_a_valid_token(client, app, survey):
    for _ in range(app.config["SURVEY_TOKEN_MAX_MISSES"]):
        client.get("/s/" + "y" * 32)
    assert client.get(survey["url"]).status_code == 429
    other_address = {"REMOTE_ADDR": "192.0.2.7"}
    assert client.get(survey["url"], environ_overrides=other_address).status_code == 200


def test_reused_version_ids_never_show_cached_wording(client, app, survey):
    """A database restored from a backup under a running process can hold other content under
    a version id the process has cached; the publication time in the key tells them apart."""
    assert b"Feature 2 is there." in client.get(survey["url"]).data
    with app.app_context():
        version = db.session.get(InstrumentVersion, survey["version_id"])
        version.items[1].text_en = "Restored wording."
        version.published_at = version.published_at + timedelta(seconds=1)
        db.session.commit()
    page = client.get(survey["url"]).data
    assert b"Restored wording." in page and b"Feature 2 is there." not in page


def test_a_form_of_the_previous_version_is_stored_against_its_own_items(client, app, survey):
    old_form = _form_token(client.get(survey["url"]).data)
    with app.app_context():
        instrument = db.session.get(Instrument, survey["instrument"].id)
        draft = instruments.new_draft(instrument)
        draft.items[0].text_en = "Feature 1, reworded."
        instruments.publish(draft)
        db.session.commit()
        old_items = set(
            db.session.scalars(select(Item.id).where(Item.version_id == survey["version_id"]))
        )
    assert b"Feature 1, reworded." in client.get(survey["url"]).data
    assert client.post(survey["url"], data=_answers(old_form)).status_code == 303
    with app.app_context():
        stored = set(db.session.scalars(select(KanoAnswer.item_id)))
    assert stored and stored <= old_items


def test_closed_wave_shows_a_closed_page_and_stores_nothing(client, app, survey):
    token = _form_token(client.get(survey["url"]).data)
    with app.app_context():
        db.session.get(Wave, survey["wave"].id).status = "closed"
        db.session.commit()
    assert b"This survey is closed" in client.get(survey["url"]).data
    response = client.post(survey["url"], data=_answers(token))
    assert response.status_code == 410
    assert _count(app) == 0


def test_a_retry_after_the_wave_closed_is_still_acknowledged(client, app, survey):
    data = _answers(_form_token(client.get(survey["url"]).data))
    client.post(survey["url"], data=data)
    with app.app_context():
        db.session.get(Wave, survey["wave"].id).status = "closed"
        db.session.commit()
    assert client.post(survey["url"], data=data).status_code == 303
    assert _count(app) == 1


def test_invitation_is_single_use(client, app, make, survey):
    invitation = make.invitation(survey["link"])
    url = f"/s/{invitation.token}"
    first_form = _form_token(client.get(url).data)
    second_form = _form_token(client.get(url).data)
    assert client.post(url, data=_answers(first_form)).status_code == 303
    assert client.post(url, data=_answers(second_form)).status_code == 410
    assert b"Already answered" in client.get(url).data
    assert _count(app) == 1
    with app.app_context():
        assert db.session.scalar(select(Invitation.response_id)) is not None


def test_tokens_have_at_least_128_bits(survey, make):
    invitation = make.invitation(survey["link"])
    for token in (survey["link"].token, invitation.token):
        assert len(token) * 6 >= 128


def test_optional_touchpoint_questions(client, app, make):
    _, _, link = make.open_survey(optional=("csat", "nps", "contacts", "comment"))
    url = f"/s/{link.token}"
    page = client.get(url)
    assert b"Question 7 of 7" in page.data
    data = _answers(
        _form_token(page.data),
        **{
            "n-csat": "4",
            "n-nps": "10",
            "n-contacts": "3",
            "c-contacts": ["phone", "email"],
            "t-comment": '=HYPERLINK("http://evil")',
        },
    )
    assert client.post(url, data=data).status_code == 303
    with app.app_context():
        stored = {row.number: row.text for row in db.session.scalars(select(Answer))}
    assert stored == {4.0: None, 10.0: None, 3.0: "email,phone", None: '=HYPERLINK("http://evil")'}


def test_optional_questions_may_be_skipped_but_not_out_of_range(client, app, make):
    _, _, link = make.open_survey(optional=("nps",))
    url = f"/s/{link.token}"
    token = _form_token(client.get(url).data)
    assert client.post(url, data=_answers(token) | {"n-nps": "11"}).status_code == 422
    assert client.post(url, data=_answers(token)).status_code == 303


def test_survey_in_german(client, survey):
    page = client.get(survey["url"], headers={"Accept-Language": "de"})
    assert b"Merkmal 1 ist da." in page.data
    assert "Das würde mich sehr freuen".encode() in page.data


def test_unpublished_questionnaire_is_not_answerable(client, make):
    touchpoint = make.touchpoint()
    instrument = make.kano_instrument(touchpoint, publish=False)
    from tests.factories import _Ref

    wave = make.wave(_Ref(touchpoint.project_id))
    link = make.survey_link(instrument, wave)
    assert client.get(f"/s/{link.token}").status_code == 410


def test_a_form_token_with_an_impossible_version_id_is_refused(client, app, survey):
    """Only a leaked key could sign one, but it must still be a 400, not a database error."""
    token = survey["link"].token
    forged = survey_form.form_token(app.secret_key, "a" * 32, token, 2**31)
    assert client.post(survey["url"], data=_answers(forged)).status_code == 400
    assert _count(app) == 0


def test_a_form_of_a_deleted_version_gets_the_closed_page(client, app, survey):
    token = survey["link"].token
    gone = survey_form.form_token(app.secret_key, "b" * 32, token, survey["version_id"] + 1000)
    response = client.post(survey["url"], data=_answers(gone))
    assert response.status_code == 410
    assert _count(app) == 0


def test_back_and_send_again_from_one_device_is_counted_once(client, app, survey):
    """The customer sends, presses Back (a fresh form, a new submission id) and sends again."""
    stale_form = client.get(survey["url"])  # e.g. a second tab opened before sending
    sent = client.post(survey["url"], data=_answers(_form_token(client.get(survey["url"]).data)))
    assert sent.status_code == 303
    back = client.get(survey["url"])
    assert back.status_code == 200
    assert b"Already answered" in back.data and b"form_token" not in back.data
    again = client.post(survey["url"], data=_answers(_form_token(stale_form.data), ((2, 4),) * 3))
    assert again.status_code == 200 and b"Already answered" in again.data
    assert _count(app) == 1


def test_the_survey_form_is_never_kept_for_back(client, survey):
    assert client.get(survey["url"]).headers["Cache-Control"] == "no-store"


def test_a_device_that_answered_one_link_may_answer_another(client, app, make, survey):
    client.post(survey["url"], data=_answers(_form_token(client.get(survey["url"]).data)))
    _, _, other = make.open_survey()
    page = client.get(f"/s/{other.token}")
    assert b"form_token" in page.data


def test_a_forged_answered_cookie_is_ignored(client, survey):
    client.set_cookie("surveyor_answered", "forged.value", path=survey["url"])
    assert b"form_token" in client.get(survey["url"]).data


def test_counter_tablet_takes_many_answers_from_one_device(client, app, survey):
    with app.app_context():
        db.session.get(SurveyLink, survey["link"].id).many_per_device = True
        db.session.commit()
    for pairs in (((1, 5),) * 3, ((2, 4),) * 3):
        sent = client.post(
            survey["url"], data=_answers(_form_token(client.get(survey["url"]).data), pairs)
        )
        thanks = client.get(sent.headers["Location"])
        assert b"next person" in thanks.data and f'href="{survey["url"]}"'.encode() in thanks.data
    assert _count(app) == 2


def test_an_invitation_is_not_remembered_by_cookie(client, app, make, survey):
    with app.app_context():
        link = db.session.get(SurveyLink, survey["link"].id)
        invitation = surveys.add_invitations(link, [("anna@example.com", "Anna")])[0]
        db.session.commit()
        url = f"/s/{invitation.token}"
    sent = client.post(url, data=_answers(_form_token(client.get(url).data)))
    assert sent.status_code == 303 and "surveyor_answered" not in sent.headers.get("Set-Cookie", "")


def test_optional_questions_are_mentioned_only_when_there_are_some(client, make, survey):
    """Every feature needs an answer: no note about optional questions, every question starred."""
    page = client.get(survey["url"]).data.decode()
    assert "optional" not in page
    assert page.count(" *</legend>") == 3
    _, _, link = make.open_survey(features=1, optional=("nps",))
    page = client.get(f"/s/{link.token}").data.decode()
    assert "2 questions. Questions without a star are optional." in " ".join(page.split())
    assert page.count(" *</legend>") == 1


def test_german_survey_words_the_kano_answers_as_the_workbook_codebook(client, app, survey):
    """One wording of the Kano scale: the survey and the codebook read the same labels."""
    page = client.get(survey["url"], headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "Das nehme ich gerade noch hin" in page
    assert "in Kauf" not in page
    with app.test_request_context(), force_locale("de"):
        codebook = kano_answer_codes()
    for code, label in enumerate(
        ("Das würde mich sehr freuen", "Das setze ich voraus", "Das ist mir egal"), start=1
    ):
        assert f"{code} {label}" in codebook and label in page


def test_a_submission_costs_three_statements_when_nobody_listens(client, app, survey, queries):
    """The busiest write path: the link (with its wave, version and whether the project has
    response rules or webhooks), the response and its answers. Rules and webhooks are looked up
    only in projects that have them (tests/cases, tests/webhooks show they still fire)."""
    page = client.get(survey["url"])
    with queries:
        sent = client.post(survey["url"], data=_answers(_form_token(page.data)))
    assert sent.status_code == 303 and "surveyor_answered" in sent.headers.get("Set-Cookie", "")
    begin = 1 if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite") else 0
    assert queries.count == 3 + begin  # SQLite's BEGIN IMMEDIATE is a statement of its own
