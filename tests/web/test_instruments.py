"""Consultants author a Kano questionnaire: features, texts, publish, new draft, links."""

import io
import re

from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import (
    Instrument,
    InstrumentVersion,
    Invitation,
    Item,
    Response,
    SurveyLink,
    Wave,
)
from tests.factories import _Ref


def _login_editor(make, auth, touchpoint):
    with make.app.app_context():
        from surveyor.models import Project, Touchpoint

        project = db.session.get(Project, db.session.get(Touchpoint, touchpoint.id).project_id)
        client_ref = _Ref(project.client_id)
    auth.login(make.user("consultant", clients=(client_ref,)))


def _version(app, instrument_id, number):
    with app.app_context():
        version = db.session.scalar(
            select(InstrumentVersion).where(
                InstrumentVersion.instrument_id == instrument_id, InstrumentVersion.number == number
            )
        )
        return version.status, [(i.key, i.text_en) for i in version.items]


def test_author_publish_and_edit_as_new_draft(client, auth, make, app):
    touchpoint = make.touchpoint()
    _login_editor(make, auth, touchpoint)
    response = client.post(
        f"/touchpoints/{touchpoint.id}/instruments/new",
        data={"kind": "kano", "name": "Hotline expectations"},
    )
    assert response.status_code == 302
    with app.app_context():
        instrument_id = db.session.scalar(select(Instrument.id))
    feature = {
        "text_en": "The hotline calls you back within an hour.",
        "negative_text_en": "The hotline does not call you back within an hour.",
        "text_de": "Die Hotline ruft Sie innerhalb einer Stunde zurück.",
        "asks_importance": "y",
    }
    assert (
        client.post(f"/instruments/{instrument_id}/features/new", data=feature).status_code == 302
    )
    client.post(
        f"/instruments/{instrument_id}/texts",
        data={"title_en": "Your call", "optional_items": ["csat", "comment"]},
    )
    assert _version(app, instrument_id, 1)[1] == [
        ("the-hotline-calls-you-back-wit", feature["text_en"]),
        ("csat", "Overall, how satisfied are you with this contact?"),
        ("comment", "Is there anything else you would like to tell us?"),
    ]
    assert client.post(f"/instruments/{instrument_id}/publish").status_code == 302
    assert _version(app, instrument_id, 1)[0] == "published"

    with app.app_context():
        item_id = db.session.scalar(select(Item.id).where(Item.item_type == "kano_feature"))
    client.post(f"/items/{item_id}/edit", data=feature | {"text_en": "Changed"})
    assert _version(app, instrument_id, 1)[1][0][1] == feature["text_en"], "published is frozen"

    client.post(f"/instruments/{instrument_id}/draft")
    status, items = _version(app, instrument_id, 2)
    assert status == "draft" and items == _version(app, instrument_id, 1)[1]


def test_feature_needs_both_questions(client, auth, make, app):
    touchpoint = make.touchpoint()
    instrument = make.kano_instrument(touchpoint, features=0, publish=False)
    _login_editor(make, auth, touchpoint)
    response = client.post(
        f"/instruments/{instrument.id}/features/new", data={"text_en": "x" * 2001}
    )
    assert b"Field cannot be longer than 2000 characters." in response.data
    assert b"Give the dysfunctional question in English or German." in response.data


def test_empty_questionnaire_cannot_be_published(client, auth, make, app):
    touchpoint = make.touchpoint()
    instrument = make.kano_instrument(touchpoint, features=0, optional=("nps",), publish=False)
    _login_editor(make, auth, touchpoint)
    page = client.post(f"/instruments/{instrument.id}/publish", follow_redirects=True)
    assert b"Add at least one question before publishing." in page.data
    assert _version(app, instrument.id, 1)[0] == "draft"


def test_reorder_and_delete_features(client, auth, make, app):
    touchpoint = make.touchpoint()
    instrument = make.kano_instrument(touchpoint, features=3, publish=False)
    _login_editor(make, auth, touchpoint)
    with app.app_context():
        ids = dict(db.session.execute(select(Item.key, Item.id)).all())
    client.post(f"/items/{ids['f3']}/up")
    client.post(f"/items/{ids['f1']}/delete")
    assert [key for key, _ in _version(app, instrument.id, 1)[1]] == ["f3", "f2"]


def test_survey_link_qr_and_invitations(client, auth, make, app):
    touchpoint = make.touchpoint()
    instrument = make.kano_instrument(touchpoint)
    wave = make.wave(_Ref(touchpoint.project_id))
    _login_editor(make, auth, touchpoint)
    response = client.post(
        f"/instruments/{instrument.id}/links", data={"wave_id": wave.id, "group": "employee"}
    )
    link_page = client.get(response.headers["Location"])
    assert b"<svg" in link_page.data and b"/s/" in link_page.data
    with app.app_context():
        link = db.session.scalar(select(SurveyLink))
    assert client.get(f"/links/{link.id}/qr.png").data.startswith(b"\x89PNG")
    upload = io.BytesIO(b"email;name\nanna@example.com;Anna\n=cmd@x.de;=HYPERLINK()\n")
    response = client.post(
        f"/links/{link.id}/invitations",
        data={"recipients": (upload, "list.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    csv_text = client.get(f"/links/{link.id}/invitations.csv").data.decode()
    assert "anna@example.com,Anna,http://localhost/s/" in csv_text
    assert "'=cmd@x.de,'=HYPERLINK()" in csv_text
    with app.app_context():
        assert len(db.session.scalars(select(Invitation)).all()) == 2


def test_bad_recipient_lists_name_the_row(client, auth, make, app):
    touchpoint = make.touchpoint()
    instrument = make.kano_instrument(touchpoint)
    link = make.survey_link(instrument, make.wave(_Ref(touchpoint.project_id)))
    _login_editor(make, auth, touchpoint)
    for content, name, message in (
        (b"email\nnot-an-address\n", "a.csv", b"Row 2: &#39;not-an-address&#39; is not an e-mail"),
        (b"mail\nx@y.de\n", "b.csv", b"Row 1 needs a column headed"),
        (b"PK\x03\x04garbage", "c.xlsx", b"not a readable Excel workbook"),
        (b"MZ\x90\x00", "d.exe", b"Upload a .csv or .xlsx file."),
    ):
        response = client.post(
            f"/links/{link.id}/invitations",
            data={"recipients": (io.BytesIO(content), name)},
            content_type="multipart/form-data",
        )
        assert response.status_code == 422, name
        assert message in response.data, name
    with app.app_context():
        assert db.session.scalar(select(Invitation)) is None


def test_other_tenants_instruments_are_404(client, auth, make):
    instrument = make.kano_instrument()
    auth.login(make.user("consultant", clients=(make.client(),)))
    for url in (
        f"/instruments/{instrument.id}",
        f"/instruments/{instrument.id}/texts",
        f"/instruments/{instrument.id}/features/new",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/instruments/{instrument.id}/publish",
        f"/instruments/{instrument.id}/draft",
        f"/instruments/{instrument.id}/links",
    ):
        assert client.post(url).status_code == 404, url


def test_viewer_cannot_author(client, auth, make):
    touchpoint = make.touchpoint()
    instrument = make.kano_instrument(touchpoint, publish=False)
    with make.app.app_context():
        from surveyor.models import Project, Touchpoint

        client_id = db.session.get(
            Project, db.session.get(Touchpoint, touchpoint.id).project_id
        ).client_id
    auth.login(make.user("viewer", clients=(_Ref(client_id),)))
    assert client.get(f"/instruments/{instrument.id}").status_code == 200
    assert client.post(f"/instruments/{instrument.id}/publish").status_code == 403


def test_counter_tablet_is_an_explicit_choice_of_the_link(client, auth, make, app):
    touchpoint = make.touchpoint()
    instrument = make.kano_instrument(touchpoint)
    wave = make.wave(_Ref(touchpoint.project_id))
    _login_editor(make, auth, touchpoint)
    form = client.get(f"/instruments/{instrument.id}").data
    assert b"Counter tablet: many answers from one device" in form
    created = client.post(
        f"/instruments/{instrument.id}/links",
        data={"wave_id": wave.id, "group": "customer", "many_per_device": "y"},
    )
    assert (
        b"after each answer the form starts afresh" in client.get(created.headers["Location"]).data
    )
    with app.app_context():
        link = db.session.scalar(select(SurveyLink))
        assert link.many_per_device is True
    client.post(f"/links/{link.id}/device-mode", data={})
    assert b"One answer per device" in client.get(f"/links/{link.id}").data
    with app.app_context():
        assert db.session.get(SurveyLink, link.id).many_per_device is False


def test_no_new_link_for_a_closed_wave(client, auth, make, app):
    """A QR code that could only ever say "closed" is refused with the reason."""
    touchpoint = make.touchpoint()
    instrument = make.kano_instrument(touchpoint)
    closed = make.wave(_Ref(touchpoint.project_id), label="Baseline", status="closed")
    _login_editor(make, auth, touchpoint)
    response = client.post(
        f"/instruments/{instrument.id}/links", data={"wave_id": closed.id, "group": "customer"}
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).data
    assert b"Baseline is closed, so a new link would not accept answers." in page
    with app.app_context():
        assert db.session.scalar(select(SurveyLink)) is None


def test_the_link_of_a_closed_wave_says_so(client, auth, make, app):
    touchpoint = make.touchpoint()
    instrument = make.kano_instrument(touchpoint)
    wave = make.wave(_Ref(touchpoint.project_id))
    link = make.survey_link(instrument, wave)
    _login_editor(make, auth, touchpoint)
    assert b"This wave is closed" not in client.get(f"/links/{link.id}").data
    with app.app_context():
        db.session.get(Wave, wave.id).status = "closed"
        db.session.commit()
    assert b"This wave is closed" in client.get(f"/links/{link.id}").data


def test_consultant_previews_a_draft_as_customers_will_see_it(client, auth, make, app):
    touchpoint = make.touchpoint()
    draft = make.kano_instrument(touchpoint, publish=False, optional=("nps",))
    _login_editor(make, auth, touchpoint)
    assert (
        f"/instruments/{draft.id}/preview".encode() in client.get(f"/instruments/{draft.id}").data
    )
    german = client.get(f"/instruments/{draft.id}/preview?language=de")
    assert german.status_code == 200
    page = german.data.decode()
    assert "Merkmal 1 ist da." in page and "Das würde mich sehr freuen" in page
    assert "Nothing can be sent from here" not in page and "survey-preview" in page
    assert 'method="post"' not in page and "form_token" not in page
    assert re.search(r'<button type="submit" class="primary wide"\s+disabled>', page)
    english = client.get(f"/instruments/{draft.id}/preview?language=en").data.decode()
    assert "Feature 1 is there." in english and "Nothing can be sent from here" in english
    assert 'href="?language=de"' in english
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Response)) == 0


def test_consultant_previews_a_checklist_as_shoppers_will_see_it(client, auth, make):
    touchpoint = make.touchpoint(channel="store")
    checklist = make.checklist_instrument(touchpoint, publish=False)
    _login_editor(make, auth, touchpoint)
    page = client.get(f"/instruments/{checklist.id}/preview?language=en").data.decode()
    assert "This is how shoppers see the newest version on a phone." in page
    assert "shop/checklist.js" not in page and 'id="checklist"' not in page
    assert re.search(r'id="submit-shop"\s+disabled>', page)
    german = client.get(f"/instruments/{checklist.id}/preview?language=de").data.decode()
    assert "Testkauf absenden" in german and "Submit shop" not in german


def test_client_staff_see_how_many_were_invited_not_who(client, auth, make, app):
    """Invitees' addresses stay with those who send the links (docs/privacy.md); client staff
    read how many were invited and answered."""
    from surveyor.models import Project, SurveyLink, Touchpoint
    from surveyor.models.base import utcnow
    from surveyor.services.surveys import surveys

    touchpoint = make.touchpoint()
    instrument = make.kano_instrument(touchpoint)
    link = make.survey_link(instrument, make.wave(_Ref(touchpoint.project_id)))
    with app.app_context():
        stored = db.session.get(SurveyLink, link.id)
        invited = surveys.add_invitations(
            stored, [("anna@example.com", "Anna", ""), ("bo@example.com", "", "")]
        )
        invited[0].used_at = utcnow()
        db.session.commit()
        project_id = db.session.get(Touchpoint, touchpoint.id).project_id
        client_ref = _Ref(db.session.get(Project, project_id).client_id)
    auth.login(make.user("viewer", clients=(client_ref,)))
    page = client.get(f"/links/{link.id}").get_data(as_text=True)
    assert "2 personal invitations, 1 answered." in page
    assert "anna@example.com" not in page and "Anna" not in page
    auth.logout()
    auth.login(make.user("consultant", clients=(client_ref,)))
    page = client.get(f"/links/{link.id}").get_data(as_text=True)
    assert "anna@example.com" in page and "invitation-count" not in page
