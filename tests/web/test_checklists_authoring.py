"""Consultants author a mystery-shopper checklist: sections, items of every type, publish."""

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Instrument, InstrumentVersion, Item
from tests.factories import _Ref


def _consultant(make, auth, project):
    auth.login(make.user("consultant", clients=(_Ref(project.client_id),)))


def _new_checklist(client, app, touchpoint):
    response = client.post(
        f"/touchpoints/{touchpoint.id}/instruments/new",
        data={"kind": "checklist", "name": "Store counter"},
    )
    assert response.status_code == 302
    with app.app_context():
        return db.session.scalar(select(Instrument.id).where(Instrument.kind == "checklist"))


def _items(app, instrument_id):
    with app.app_context():
        version = db.session.scalar(
            select(InstrumentVersion)
            .where(InstrumentVersion.instrument_id == instrument_id)
            .order_by(InstrumentVersion.number.desc())
        )
        return version.status, {
            item.item_type: (item.section, item.points, item.kano_tag, item.critical, item.settings)
            for item in version.items
        }


ITEMS = [
    {"item_type": "yes_no", "section": "Greeting", "text_en": "Greeted within 30 s?",
     "points": "2", "kano_tag": "basic", "critical": "y", "good_answer": "yes", "required": "y"},
    {"item_type": "scale", "section": "Advice", "text_en": "How friendly?", "points": "4",
     "kano_tag": "performance", "scale_min": "1", "scale_max": "5"},
    {"item_type": "choice", "section": "Advice", "text_de": "Zusatzangebot?",
     "kano_tag": "delighter", "options": "None | 0\nOne | 1\nSeveral | 2.5", "na_allowed": "y"},
    {"item_type": "number", "section": "Advice", "text_en": "Staff at the counter",
     "points": "1", "target": "2", "direction": "at_least"},
    {"item_type": "duration", "section": "Greeting", "text_en": "Waiting time", "points": "3",
     "target": "60", "limit": "180", "direction": "at_most"},
    {"item_type": "datetime", "section": "Farewell", "text_en": "When did you leave?",
     "points": "5"},
    {"item_type": "text", "section": "Farewell", "text_en": "Anything else?"},
    {"item_type": "photo", "section": "Farewell", "text_en": "Photo of the shop window",
     "instructions": "Only from outside, no people."},
]  # fmt: skip


def test_a_consultant_authors_items_of_every_type_and_publishes(client, auth, make, app):
    project = make.project()
    touchpoint = make.touchpoint(project, channel="store")
    _consultant(make, auth, project)
    instrument_id = _new_checklist(client, app, touchpoint)
    for data in ITEMS:
        response = client.post(f"/instruments/{instrument_id}/checklist-items/new", data=data)
        assert response.status_code == 302, (data["item_type"], response.text)
    status, items = _items(app, instrument_id)
    assert status == "draft"
    assert items["yes_no"] == ("Greeting", 2.0, "basic", True, {"good": "yes"})
    assert items["scale"][4] == {"min": 1, "max": 5}
    section, points, kano, _critical, settings = items["choice"]
    assert (section, kano) == ("Advice", "delighter")
    assert points == 2.5  # the best option's points
    assert [o["value"] for o in settings["options"]] == ["none", "one", "several"]
    assert items["number"][4] == {"target": 2.0, "direction": "at_least"}
    assert items["duration"][4] == {"target": 60.0, "direction": "at_most", "limit": 180.0}
    assert items["datetime"][1] == 0.0  # unscored types carry no points
    page = client.get(f"/instruments/{instrument_id}").text
    assert "Greeted within 30 s?" in page and "Only from outside, no people." in page

    assert client.post(f"/instruments/{instrument_id}/publish").status_code == 302
    status, _ = _items(app, instrument_id)
    assert status == "published"
    frozen = client.post(f"/instruments/{instrument_id}/checklist-items/new", data=ITEMS[0])
    assert frozen.status_code == 302
    assert len(_items(app, instrument_id)[1]) == len(ITEMS)


def test_editing_an_item_keeps_its_settings_in_the_form(client, auth, make, app):
    project = make.project()
    touchpoint = make.touchpoint(project)
    _consultant(make, auth, project)
    instrument_id = _new_checklist(client, app, touchpoint)
    client.post(f"/instruments/{instrument_id}/checklist-items/new", data=ITEMS[2])
    with app.app_context():
        item_id = db.session.scalar(select(Item.id))
    form = client.get(f"/checklist-items/{item_id}/edit").text
    assert "Several | 2.5" in form
    changed = {**ITEMS[2], "options": "None | 0\nSeveral | 3"}
    assert client.post(f"/checklist-items/{item_id}/edit", data=changed).status_code == 302
    _, items = _items(app, instrument_id)
    assert items["choice"][1] == 3.0


def test_bad_item_input_names_the_field_and_stores_nothing(client, auth, make, app):
    project = make.project()
    touchpoint = make.touchpoint(project)
    _consultant(make, auth, project)
    instrument_id = _new_checklist(client, app, touchpoint)
    bad = [
        {**ITEMS[2], "options": "Only one | 1"},
        {**ITEMS[2], "options": "Fine | lots"},
        {**ITEMS[1], "scale_min": "5", "scale_max": "1"},
        {**ITEMS[4], "limit": "30"},
        {**ITEMS[0], "text_en": ""},
        {**ITEMS[0], "item_type": "kano_feature"},
        {**ITEMS[0], "points": "-1"},
        {**ITEMS[0], "section": ""},
    ]
    for data in bad:
        response = client.post(f"/instruments/{instrument_id}/checklist-items/new", data=data)
        assert response.status_code == 200, data
        assert 'class="error"' in response.text
    assert _items(app, instrument_id)[1] == {}


def test_viewers_and_other_tenants_cannot_author(client, auth, make, app):
    project = make.project()
    instrument = make.checklist_instrument(make.touchpoint(project), publish=False)
    auth.login(make.user("viewer", clients=(_Ref(project.client_id),)))
    url = f"/instruments/{instrument.id}/checklist-items/new"
    assert client.post(url, data=ITEMS[0]).status_code == 403
    auth.logout()
    auth.login(make.user("consultant", clients=(make.client(),)))
    assert client.post(url, data=ITEMS[0]).status_code == 404


def test_kano_questionnaires_have_no_checklist_items(client, auth, make):
    project = make.project()
    instrument = make.kano_instrument(make.touchpoint(project), publish=False)
    _consultant(make, auth, project)
    url = f"/instruments/{instrument.id}/checklist-items/new"
    assert client.post(url, data=ITEMS[0]).status_code == 404


def test_a_section_may_have_a_german_name_for_german_readers(client, auth, make, app):
    project = make.project()
    touchpoint = make.touchpoint(project)
    _consultant(make, auth, project)
    instrument_id = _new_checklist(client, app, touchpoint)
    data = {**ITEMS[0], "section_de": "Begrüßung"}
    assert (
        client.post(f"/instruments/{instrument_id}/checklist-items/new", data=data).status_code
        == 302
    )
    german = client.get(f"/instruments/{instrument_id}", headers={"Accept-Language": "de"}).text
    assert "Begrüßung" in german and ">Greeting<" not in german
    assert ">Greeting<" in client.get(f"/instruments/{instrument_id}").text


def test_the_edit_form_keeps_and_changes_a_sections_german_name(client, auth, make, app):
    project = make.project()
    _consultant(make, auth, project)
    instrument_id = _new_checklist(client, app, make.touchpoint(project))
    data = {**ITEMS[0], "section_de": "Begrüßung"}
    client.post(f"/instruments/{instrument_id}/checklist-items/new", data=data)
    with app.app_context():
        item_id = db.session.scalar(select(Item.id))
    form = client.get(f"/checklist-items/{item_id}/edit").text
    assert 'name="section_de"' in form and 'value="Begrüßung"' in form
    data["section_de"] = "Empfang"
    assert client.post(f"/checklist-items/{item_id}/edit", data=data).status_code == 302
    german = client.get(f"/instruments/{instrument_id}", headers={"Accept-Language": "de"}).text
    assert "Empfang" in german and "Begrüßung" not in german
