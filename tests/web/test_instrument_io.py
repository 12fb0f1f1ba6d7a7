"""Consultants export instruments as JSON or Excel and import them back into a draft."""

from __future__ import annotations

import html
import io
import json
import zipfile

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Instrument, InstrumentVersion, Item, Project, Touchpoint
from tests.factories import _Ref
from tests.upload_files import zip_bomb


def _login_editor(make, auth, touchpoint, role="consultant", locale=None):
    with make.app.app_context():
        project = db.session.get(Project, db.session.get(Touchpoint, touchpoint.id).project_id)
        client_ref = _Ref(project.client_id)
    auth.login(make.user(role, clients=(client_ref,), locale=locale))


def _definition(client, instrument_id, version=None):
    query = f"?version={version}" if version else ""
    response = client.get(f"/instruments/{instrument_id}/definition.json{query}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    return json.loads(response.data)


def _upload(client, url, content: bytes, filename: str):
    return client.post(
        url,
        data={"definition": (io.BytesIO(content), filename)},
        content_type="multipart/form-data",
    )


def _page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def _versions(app, instrument_id):
    with app.app_context():
        rows = db.session.execute(
            select(InstrumentVersion.number, InstrumentVersion.status)
            .where(InstrumentVersion.instrument_id == instrument_id)
            .order_by(InstrumentVersion.number)
        )
        return [tuple(row) for row in rows]


def _items(app, instrument_id, number):
    with app.app_context():
        return db.session.execute(
            select(Item.key, Item.text_en, Item.points, Item.settings)
            .join(InstrumentVersion)
            .where(
                InstrumentVersion.instrument_id == instrument_id,
                InstrumentVersion.number == number,
            )
            .order_by(Item.position)
        ).all()


@pytest.fixture
def kano(make, auth):
    touchpoint = make.touchpoint()
    instrument = make.kano_instrument(
        touchpoint, features=3, optional=("csat", "contacts", "comment"), importance=True
    )
    _login_editor(make, auth, touchpoint)
    return instrument


@pytest.fixture
def checklist(make, auth):
    touchpoint = make.touchpoint(channel="store")
    instrument = make.checklist_instrument(touchpoint)
    _login_editor(make, auth, touchpoint)
    return instrument


@pytest.mark.parametrize("kind", ["kano", "checklist"])
@pytest.mark.parametrize("suffix", ["json", "xlsx"])
def test_export_then_import_gives_an_identical_draft(client, app, request, kind, suffix):
    instrument = request.getfixturevalue(kind)
    published = _definition(client, instrument.id)
    published_items = _items(app, instrument.id, 1)
    exported = client.get(f"/instruments/{instrument.id}/definition.{suffix}")
    assert exported.status_code == 200

    response = _upload(
        client, f"/instruments/{instrument.id}/import", exported.data, f"export.{suffix}"
    )

    assert response.status_code == 302
    assert _versions(app, instrument.id) == [(1, "published"), (2, "draft")]
    assert _definition(client, instrument.id, version=2) == published
    assert _items(app, instrument.id, 1) == published_items, "the published version is frozen"


def test_exported_definition_reads_like_the_instrument(client, kano):
    kano_definition = _definition(client, kano.id)
    assert kano_definition["format"] == "surveyor.instrument/1"
    assert kano_definition["languages"] == ["en", "de"]
    assert kano_definition["items"][0] == {
        "key": "f1",
        "type": "kano_feature",
        "required": True,
        "functional_en": "Feature 1 is there.",
        "functional_de": "Merkmal 1 ist da.",
        "dysfunctional_en": "Feature 1 is missing.",
        "dysfunctional_de": "Merkmal 1 fehlt.",
        "asks_importance": True,
    }
    assert [item["type"] for item in kano_definition["items"][3:]] == [
        "csat",
        "contacts",
        "comment",
    ]


def test_exported_checklist_carries_points_tags_and_options(client, checklist):
    items = _definition(client, checklist.id)["items"]
    offer = next(i for i in items if i["key"] == "offer")
    assert offer["points"] == 2 and offer["kano_tag"] == "delighter"
    assert [(o["value"], o["points"]) for o in offer["options"]] == [
        ("none", 0),
        ("one", 1),
        ("several", 2),
    ]


def test_importing_into_a_draft_replaces_its_items(client, app, make, auth):
    touchpoint = make.touchpoint()
    instrument = make.kano_instrument(touchpoint, features=2, publish=False)
    _login_editor(make, auth, touchpoint)
    definition = _definition(client, instrument.id)
    definition["items"] = [
        *definition["items"][1:],
        {
            "type": "kano_feature",
            "functional_en": "New",
            "functional_de": "Neu",
            "dysfunctional_en": "Not new",
            "dysfunctional_de": "Nicht neu",
        },
        {"type": "nps"},
    ]

    response = _upload(
        client, f"/instruments/{instrument.id}/import", json.dumps(definition).encode(), "d.json"
    )

    assert response.status_code == 302
    assert _versions(app, instrument.id) == [(1, "draft")]
    assert [row[:2] for row in _items(app, instrument.id, 1)] == [
        ("f2", "Feature 2 is there."),
        ("new", "New"),
        ("nps", "How likely is it that you would recommend us to a friend or colleague?"),
    ]


def test_a_file_creates_a_new_instrument_on_a_touchpoint(client, app, make, checklist):
    touchpoint = make.touchpoint(_Ref(_project_of(app, checklist.id)))
    definition = _definition(client, checklist.id) | {"name": "Branch visit"}

    response = _upload(
        client,
        f"/touchpoints/{touchpoint.id}/instruments/import",
        json.dumps(definition).encode(),
        "branch.json",
    )

    assert response.status_code == 302
    with app.app_context():
        created = db.session.scalar(select(Instrument).where(Instrument.name == "Branch visit"))
        created_id, kind = created.id, created.kind
    assert kind == "checklist"
    assert _versions(app, created_id) == [(1, "draft")]
    assert _definition(client, created_id)["items"] == definition["items"]


def test_a_consultant_fills_in_the_blank_excel_template(client, app, make, auth):
    touchpoint = make.touchpoint()
    _login_editor(make, auth, touchpoint)
    response = client.get("/instrument-templates/checklist.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Instructions", "Instrument", "Items", "Options"]
    items = workbook["Items"]
    validated = {str(rule.sqref).split(":")[0] for rule in items.data_validations.dataValidation}
    assert {"C2", "H2", "I2"} <= validated, "type, Kano tag and critical have drop-down lists"
    workbook["Instrument"]["B3"] = "Hotline test call"
    workbook["Instrument"]["B4"] = "en"
    headers = [cell.value for cell in items[1]]
    rows = [
        {
            "Key": "greet",
            "Section": "Start",
            "Type": "yes_no",
            "Question (English)": "The agent greets you by name.",
            "Points": 2,
            "Kano tag": "basic",
            "Critical": "yes",
        },
        {
            "Key": "tone",
            "Section": "Start",
            "Type": "choice",
            "Question (English)": "How was the tone?",
            "Points": 3,
            "Kano tag": "performance",
        },
        {
            "Section": "End",
            "Type": "duration",
            "Question (English)": "Call length",
            "Points": 1,
            "Target (number; duration in seconds)": 300,
            "Limit (no points beyond)": "600",
        },
    ]
    for number, row in enumerate(rows, start=2):
        for column, header in enumerate(headers, start=1):
            items.cell(row=number, column=column, value=row.get(header))
    for number, (value, label, points) in enumerate(
        [("warm", "Warm", 3), ("cold", "Cold", 0)], start=2
    ):
        for column, cell in enumerate(("tone", value, label, None, points), start=1):
            workbook["Options"].cell(row=number, column=column, value=cell)
    buffer = io.BytesIO()
    workbook.save(buffer)

    response = _upload(
        client, f"/touchpoints/{touchpoint.id}/instruments/import", buffer.getvalue(), "t.xlsx"
    )

    assert response.status_code == 302, _page_text(response)
    with app.app_context():
        instrument_id = db.session.scalar(select(Instrument.id))
    definition = _definition(client, instrument_id)
    assert definition["name"] == "Hotline test call"
    assert [(i["key"], i["type"], i["points"]) for i in definition["items"]] == [
        ("greet", "yes_no", 2.0),
        ("tone", "choice", 3.0),
        ("call-length", "duration", 1.0),
    ]
    assert definition["items"][0]["critical"] is True
    assert definition["items"][2]["limit"] == 600.0


BAD_FIELDS = [
    (
        lambda d: d["items"][1].update(functional_de=""),
        "Feature 2, functional question (German): Missing; the instrument's languages include",
    ),
    (
        lambda d: d["items"][0].update(dysfunctional_en="x" * 2001),
        "Feature 1, dysfunctional question (English): Longer than maximum length 2000.",
    ),
    (
        lambda d: d["items"][0].update(asks_importance="sometimes"),
        "Feature 1, importance question: Not a valid boolean.",
    ),
    (
        lambda d: d["items"][2].update(points=3),
        "Feature 3, points: Not used by items of type 'kano_feature'; remove it.",
    ),
    (
        lambda d: d["items"][1].update(key="f1"),
        "Feature 2, key: Appears twice (also item 1).",
    ),
    (
        lambda d: d["items"][0].update(type="yes_no", text_en="q", text_de="f"),
        "Item 1, type: 'yes_no' belongs in a checklist",
    ),
    (lambda d: d["items"][0].update(colour="red"), "Feature 1, colour: Unknown field."),
    (
        lambda d: d.update(format="surveyor.instrument/9"),
        "Format: Must be 'surveyor.instrument/1'.",
    ),
    (lambda d: d.update(languages=["fr"]), "Languages, entry 1: Must be one of: en, de."),
    (lambda d: d.pop("name"), "Name: Missing data for required field."),
    (lambda d: d.update(kind={"a": 1}), "Kind: Not a valid string."),
    (
        lambda d: d.update(kind="checklist", items=[]),
        "Kind: The file defines a checklist, but this instrument is a Kano questionnaire.",
    ),
]


@pytest.mark.parametrize(("change", "message"), BAD_FIELDS)
def test_json_errors_say_which_field_of_which_feature(client, app, kano, change, message):
    definition = _definition(client, kano.id)
    change(definition)

    response = _upload(
        client, f"/instruments/{kano.id}/import", json.dumps(definition).encode(), "bad.json"
    )

    assert response.status_code == 422
    assert message in _page_text(response)
    assert _versions(app, kano.id) == [(1, "published")], "nothing is stored"


BAD_CHECKLIST_FIELDS = [
    (lambda d: d["items"][0].update(points="many"), "Item 1, points: Not a valid number."),
    (
        lambda d: d["items"][0].update(points=-1),
        "Item 1, points: Must be greater than or equal to 0",
    ),
    (
        lambda d: d["items"][0].update(kano_tag="wow"),
        "Item 1, Kano tag: Must be one of: basic, performance, delighter.",
    ),
    (lambda d: d["items"][0].update(type="dance"), "Item 1, type: Must be one of:"),
    (
        lambda d: d["items"][2].update(min=5, max=3),
        "Item 3, scale maximum: Must be greater than the minimum (5).",
    ),
    (lambda d: d["items"][2].update(min=1.5), "Item 3, scale minimum: Not a valid integer."),
    (
        lambda d: d["items"][3]["options"][2].update(points=9),
        "Item 4, option 3, points: More than the item's 2 points.",
    ),
    (
        lambda d: d["items"][3]["options"][1].update(value="none"),
        "Item 4, option 2, value: Appears twice (also option 1).",
    ),
    (
        lambda d: d["items"][3].update(options=[]),
        "Item 4, options: Give 2 to 50 options.",
    ),
    (
        lambda d: d["items"][1].update(limit=30),
        "Item 2, limit: Must be above the target (60).",
    ),
    (
        lambda d: d["items"][6].update(points=2),
        "Item 7, points: Items of type 'text' earn no points; leave it at 0.",
    ),
    (
        lambda d: d.update(languages=["en", "de"]),
        "Item 1, question (German): Missing; the instrument's languages include 'de'.",
    ),
]


@pytest.mark.parametrize(("change", "message"), BAD_CHECKLIST_FIELDS)
def test_json_errors_say_which_field_of_which_item(client, app, checklist, change, message):
    definition = _definition(client, checklist.id)
    change(definition)

    response = _upload(
        client, f"/instruments/{checklist.id}/import", json.dumps(definition).encode(), "b.json"
    )

    assert response.status_code == 422
    assert message in _page_text(response)
    assert _versions(app, checklist.id) == [(1, "published")]


def _break_checklist(definition):
    definition["languages"] = ["en", "de"]
    definition.pop("name")
    items = definition["items"]
    items[0].update(points="many", kano_tag="wow", colour="red")
    items[1].update(text_en="x" * 2001)
    items[2].update(min=1.5)
    items[3]["options"][2].update(points=9)


LOCALISED_ERRORS = {
    "en": [
        "Name: Missing data for required field.",
        "Item 1, points: Not a valid number.",
        "Item 1, Kano tag: Must be one of: basic, performance, delighter.",
        "Item 1, colour: Unknown field.",
        "Item 1, question (German): Missing; the instrument's languages include 'de'.",
        "Item 2, question (English): Longer than maximum length 2000.",
        "Item 3, scale minimum: Not a valid integer.",
        "Item 4, option 3, points: More than the item's 2 points.",
    ],
    "de": [
        "Name: Pflichtangabe fehlt.",
        "Prüfpunkt 1, Punkte: Keine gültige Zahl.",
        "Prüfpunkt 1, Kano-Tag: Muss einer dieser Werte sein: basic, performance, delighter.",
        "Prüfpunkt 1, colour: Unbekanntes Feld.",
        "Prüfpunkt 1, Frage (Deutsch): Fehlt; zu den Sprachen des Instruments gehört 'de'.",
        "Prüfpunkt 2, Frage (Englisch): Länger als die Höchstlänge 2000.",
        "Prüfpunkt 3, Skalenminimum: Keine gültige ganze Zahl.",
        "Prüfpunkt 4, Option 3, Punkte: Mehr als die 2 Punkte des Elements.",
    ],
}


@pytest.mark.parametrize("locale", ["en", "de"])
def test_import_errors_read_in_the_users_language(client, app, make, auth, locale):
    touchpoint = make.touchpoint(channel="store")
    checklist = make.checklist_instrument(touchpoint)
    _login_editor(make, auth, touchpoint, locale=locale)
    definition = _definition(client, checklist.id)
    _break_checklist(definition)

    response = _upload(
        client, f"/instruments/{checklist.id}/import", json.dumps(definition).encode(), "b.json"
    )

    assert response.status_code == 422
    text = _page_text(response)
    for message in LOCALISED_ERRORS[locale]:
        assert message in text
    assert _versions(app, checklist.id) == [(1, "published")]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Items sheet, row 2, column G (Points): Not a valid number."),
        ("de", "Tabellenblatt „Items“, Zeile 2, Spalte G (Points): Keine gültige Zahl."),
    ],
)
def test_excel_import_errors_follow_the_browser_language(client, make, auth, language, message):
    touchpoint = make.touchpoint(channel="store")
    checklist = make.checklist_instrument(touchpoint)
    _login_editor(make, auth, touchpoint)
    content = _edited_workbook(client, checklist.id, _set("Items", "G2", "lots"))

    response = client.post(
        f"/instruments/{checklist.id}/import",
        data={"definition": (io.BytesIO(content), "edited.xlsx")},
        content_type="multipart/form-data",
        headers={"Accept-Language": language},
    )

    assert response.status_code == 422
    assert message in _page_text(response)


def _edited_workbook(client, instrument_id, edit) -> bytes:
    workbook = load_workbook(
        io.BytesIO(client.get(f"/instruments/{instrument_id}/definition.xlsx").data)
    )
    edit(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _set(sheet, cell, value):
    def edit(workbook):
        workbook[sheet][cell] = value

    return edit


BAD_CELLS = [
    (_set("Items", "G2", "lots"), "Items sheet, row 2, column G (Points): Not a valid number."),
    (
        _set("Items", "H3", "awesome"),
        "Items sheet, row 3, column H (Kano tag): Must be one of: basic, performance, delighter.",
    ),
    (
        _set("Items", "I2", "perhaps"),
        "Items sheet, row 2, column I (Critical): Not a valid boolean.",
    ),
    (_set("Items", "C9", "dance"), "Items sheet, row 9, column C (Type): Must be one of:"),
    (_set("Items", "M4", "two"), "Items sheet, row 4, column M (Scale from): Not a valid integer."),
    (
        _set("Options", "E4", 7),
        "Options sheet, row 4, column E (Points): More than the item's 2 points.",
    ),
    (
        _set("Options", "A3", "nowhere"),
        "Options sheet, row 3, column A (Item key): No item with the key 'nowhere'",
    ),
    (_set("Items", "R1", "Colour"), "Items sheet, row 1, column R (Colour): Unknown column"),
    (_set("Instrument", "B1", "other/2"), "Instrument sheet, row 1, column B (format): Must be"),
    (
        _set("Instrument", "B2", "kano"),
        "Instrument sheet, row 2, column B (kind): The file defines a Kano questionnaire",
    ),
    (lambda workbook: workbook.remove(workbook["Items"]), "The workbook has no 'Items' sheet"),
    (
        lambda workbook: [workbook["Items"].append(["k", "S", "yes_no", "q"]) for _ in range(501)],
        "The Items sheet has more than 500 rows.",
    ),
]


@pytest.mark.parametrize(("edit", "message"), BAD_CELLS)
def test_excel_errors_name_sheet_row_and_column(client, app, checklist, edit, message):
    content = _edited_workbook(client, checklist.id, edit)

    response = _upload(client, f"/instruments/{checklist.id}/import", content, "edited.xlsx")

    assert response.status_code == 422
    assert message in _page_text(response)
    assert _versions(app, checklist.id) == [(1, "published")]


def test_kano_excel_errors_point_at_the_feature_columns(client, kano):
    def edit(workbook):
        workbook["Items"]["D3"] = None
        workbook["Items"]["E5"] = "Not there"

    content = _edited_workbook(client, kano.id, edit)
    response = _upload(client, f"/instruments/{kano.id}/import", content, "kano.xlsx")

    text = _page_text(response)
    assert (
        "Items sheet, row 3, column D (Functional question or question (German)): Missing" in text
    )
    assert (
        "Items sheet, row 5, column E (Dysfunctional question (English)): "
        "Not used by items of type 'csat'; remove it." in text
    )


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    return buffer.getvalue()


BAD_FILES = [
    (b"name,points\nx,1\n", "list.csv", "Upload a .json or .xlsx file."),
    (b"this is not a workbook", "fake.xlsx", "The file is not an Excel workbook (.xlsx)."),
    (_zip_without_workbook(), "zip.xlsx", "The file is not an Excel workbook (.xlsx)."),
    (zip_bomb(), "bomb.xlsx", "The workbook is too large when unpacked."),
    (b"PK\x03\x04broken", "broken.xlsx", "The file is not an Excel workbook (.xlsx)."),
    (b'{"format": ', "cut.json", "Not valid JSON: Expecting value (line 1, column 12)."),
    (b"\xff\xfe\x00", "binary.json", "The file is not UTF-8 text."),
    (b"[1, 2]", "list.json", "Invalid input type."),
    (b"[" * 100_000, "deep.json", "The JSON is nested too deeply."),
    (b"x" * (2 * 1024 * 1024 + 1), "huge.xlsx", "The file may have at most 2 MB."),
]


@pytest.mark.parametrize(("content", "filename", "message"), BAD_FILES)
def test_bad_files_are_refused_with_a_reason(client, app, kano, content, filename, message):
    response = _upload(client, f"/instruments/{kano.id}/import", content, filename)

    assert response.status_code == 422
    assert message in _page_text(response)
    assert _versions(app, kano.id) == [(1, "published")]


def test_another_clients_instrument_is_not_found(client, make, kano):
    foreign = make.kano_instrument()
    foreign_touchpoint_id = _touchpoint_of(make.app, foreign.id)
    definition = json.dumps(_definition(client, kano.id)).encode()
    for url in (
        f"/instruments/{foreign.id}/definition.json",
        f"/instruments/{foreign.id}/definition.xlsx",
        f"/instruments/{foreign.id}/import",
        f"/instruments/{kano.id}/definition.json?version=7",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/instruments/{foreign.id}/import",
        f"/touchpoints/{foreign_touchpoint_id}/instruments/import",
    ):
        assert _upload(client, url, definition, "d.json").status_code == 404, url
    with make.app.app_context():
        assert db.session.scalar(select(func.count(InstrumentVersion.id))) == 2


def _project_of(app, instrument_id):
    with app.app_context():
        return db.session.get(Instrument, instrument_id).touchpoint.project_id


def _touchpoint_of(app, instrument_id):
    with app.app_context():
        return db.session.get(Instrument, instrument_id).touchpoint_id


def test_viewers_download_but_cannot_import(client, make, auth):
    touchpoint = make.touchpoint()
    instrument = make.kano_instrument(touchpoint)
    _login_editor(make, auth, touchpoint, role="viewer")
    definition = json.dumps(_definition(client, instrument.id)).encode()

    response = _upload(client, f"/instruments/{instrument.id}/import", definition, "d.json")

    assert response.status_code == 403
    assert "Import JSON or Excel" not in client.get(f"/instruments/{instrument.id}").get_data(
        as_text=True
    )


def test_the_instrument_page_links_downloads_and_import(client, kano):
    page = client.get(f"/instruments/{kano.id}").get_data(as_text=True)

    assert f"/instruments/{kano.id}/definition.json" in page
    assert f"/instruments/{kano.id}/definition.xlsx" in page
    assert "/instrument-templates/kano.xlsx" in page
    assert f"/instruments/{kano.id}/import" in page
    form = client.get(f"/instruments/{kano.id}/import")
    assert form.status_code == 200 and b'enctype="multipart/form-data"' in form.data


def test_text_that_looks_like_a_formula_stays_text(client, app, kano):
    definition = _definition(client, kano.id)
    definition["items"][0]["functional_en"] = '=HYPERLINK("http://evil.example")'
    _upload(client, f"/instruments/{kano.id}/import", json.dumps(definition).encode(), "d.json")

    exported = client.get(f"/instruments/{kano.id}/definition.xlsx").data
    cell = load_workbook(io.BytesIO(exported))["Items"]["C2"]
    assert (cell.data_type, cell.value) == ("s", definition["items"][0]["functional_en"])
    _upload(client, f"/instruments/{kano.id}/import", exported, "again.xlsx")
    assert _definition(client, kano.id) == definition


def test_uploads_need_the_csrf_token(client, app, kano, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    definition = json.dumps(_definition(client, kano.id)).encode()

    response = _upload(client, f"/instruments/{kano.id}/import", definition, "d.json")

    assert response.status_code == 400
    assert _versions(app, kano.id) == [(1, "published")]


def _sections(app, instrument_id, number):
    with app.app_context():
        return db.session.execute(
            select(Item.section, Item.section_de)
            .join(InstrumentVersion)
            .where(
                InstrumentVersion.instrument_id == instrument_id,
                InstrumentVersion.number == number,
            )
            .order_by(Item.position)
        ).all()


@pytest.mark.parametrize("suffix", ["json", "xlsx"])
def test_a_round_trip_keeps_the_german_section_names(client, app, make, auth, suffix):
    touchpoint = make.touchpoint(channel="store")
    instrument = make.checklist_instrument(touchpoint, german=True)
    _login_editor(make, auth, touchpoint)
    exported = client.get(f"/instruments/{instrument.id}/definition.{suffix}")

    response = _upload(
        client, f"/instruments/{instrument.id}/import", exported.data, f"export.{suffix}"
    )

    assert response.status_code == 302
    assert ("Greeting", "Begrüßung") in _sections(app, instrument.id, 2)
    assert _sections(app, instrument.id, 2) == _sections(app, instrument.id, 1)


def test_a_definition_without_german_sections_still_imports(client, app, checklist):
    definition = _definition(client, checklist.id)
    for item in definition["items"]:
        item.pop("section_de", None)

    response = _upload(
        client,
        f"/instruments/{checklist.id}/import",
        json.dumps(definition).encode(),
        "old.json",
    )

    assert response.status_code == 302
    assert {german for _section, german in _sections(app, checklist.id, 2)} == {""}
