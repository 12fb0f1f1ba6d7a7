"""Consultants write a project's privacy notice; respondents read it in their language."""

from __future__ import annotations

from surveyor.extensions import db
from surveyor.models import Project, SurveyLink
from tests.factories import _Ref

SETTINGS = {
    "privacy_controller": "Stadtwerke Musterstadt GmbH, Hauptstr. 1",
    "privacy_contact": "datenschutz@stadtwerke.example",
    "privacy_purpose_en": "Improving our hotline (Art. 6(1)(f) GDPR).",
    "privacy_purpose_de": "Verbesserung unserer Hotline (Art. 6 Abs. 1 lit. f DSGVO).",
    "retention_days": "90",
}


def _project_of(app, link) -> tuple[int, int]:
    with app.app_context():
        project = db.session.get(SurveyLink, link.id).wave.project
        return project.id, project.client_id


def test_the_notice_is_edited_and_shown_on_the_survey_in_both_languages(app, client, auth, make):
    _instrument, _wave, link = make.open_survey()
    assert "privacy-notice" not in client.get(f"/s/{link.token}").get_data(as_text=True)
    project_id, client_id = _project_of(app, link)
    auth.login(make.user("consultant", clients=(_Ref(client_id),)))
    saved = client.post(f"/projects/{project_id}/privacy", data=SETTINGS)
    assert saved.status_code == 302
    auth.logout()
    english = client.get(f"/s/{link.token}?lang=en").get_data(as_text=True)
    assert "Stadtwerke Musterstadt GmbH" in english
    assert "Improving our hotline" in english
    assert "deleted 90 days after the survey period ends" in english
    assert "datenschutz@stadtwerke.example" in english
    german = client.get(f"/s/{link.token}?lang=de").get_data(as_text=True)
    assert "Verbesserung unserer Hotline" in german
    assert "Datenschutzhinweis" in german


def test_viewers_cannot_edit_it_and_bad_values_get_a_422(app, client, auth, make):
    _instrument, _wave, link = make.open_survey()
    project_id, client_id = _project_of(app, link)
    auth.login(make.user("viewer", clients=(_Ref(client_id),)))
    assert client.post(f"/projects/{project_id}/privacy", data=SETTINGS).status_code == 404
    auth.logout()
    auth.login(make.user("consultant", clients=(_Ref(client_id),)))
    bad = client.post(f"/projects/{project_id}/privacy", data={"retention_days": "-3"})
    assert bad.status_code == 422


def test_the_shopper_app_shows_the_notice(app, client, auth, make):
    project = make.project()
    with app.app_context():
        found = db.session.get(Project, project.id)
        found.privacy_controller = SETTINGS["privacy_controller"]
        found.privacy_purpose_de = SETTINGS["privacy_purpose_de"]
        db.session.commit()
    instrument = make.checklist_instrument(make.touchpoint(project, channel="store"))
    shopper = make.shopper(name="Kim")
    assignment = make.assignment(instrument, shopper=shopper)
    auth.login(shopper)
    page = client.get(f"/shop/assignments/{assignment.id}?lang=de").get_data(as_text=True)
    assert "Datenschutzhinweis" in page
    assert "Verbesserung unserer Hotline" in page
