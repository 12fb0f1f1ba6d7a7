"""Consultants create shopper accounts and assignments, one by one or from a sheet."""

import io
from datetime import date, timedelta

from openpyxl import Workbook
from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Assignment, User
from tests.factories import _Ref
from tests.upload_files import zip_bomb


def _setup(make):
    project = make.project()
    touchpoint = make.touchpoint(project, channel="store")
    instrument = make.checklist_instrument(touchpoint)
    location = make.location(project, name="Main Street")
    wave = make.wave(project, 0, label="Baseline")
    return project, instrument, location, wave


def _consultant(make, auth, project):
    user = make.user("consultant", clients=(_Ref(project.client_id),))
    auth.login(user)
    return user


def _count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Assignment))


def test_a_consultant_creates_a_shopper_and_assigns_a_shop(client, auth, make, app):
    project, instrument, location, wave = _setup(make)
    _consultant(make, auth, project)
    response = client.post(
        f"/projects/{project.id}/shoppers/new",
        data={"email": "Sam@Example.com", "name": "Sam", "password": "long enough pw"},
    )
    assert response.status_code == 302
    with app.app_context():
        shopper = db.session.scalar(select(User).where(User.email == "sam@example.com"))
        assert shopper.role == "shopper" and shopper.clients == []
        shopper_id = shopper.id
    form = client.get(f"/projects/{project.id}/assignments/new").text
    assert "sam@example.com" in form and "Main Street" in form and "Store counter" in form
    response = client.post(
        f"/projects/{project.id}/assignments/new",
        data={
            "shopper_id": shopper_id,
            "location_id": location.id,
            "instrument_id": instrument.id,
            "wave_id": wave.id,
            "visit_from": "2026-11-01",
            "visit_to": "2026-11-14",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        assignment = db.session.scalar(select(Assignment))
        assert (assignment.status, assignment.visit_to) == ("assigned", date(2026, 11, 14))
        assert assignment.created_by.email.startswith("user")
    listing = client.get(f"/projects/{project.id}/assignments").text
    assert "Sam" in listing and "Main Street" in listing


def test_late_assignments_are_flagged(client, auth, make):
    project, instrument, location, wave = _setup(make)
    _consultant(make, auth, project)
    past = date.today() - timedelta(days=10)
    make.assignment(
        instrument, location=location, wave=wave, visit_from=past, visit_to=past + timedelta(1)
    )
    make.assignment(instrument, location=location, wave=wave)
    listing = client.get(f"/projects/{project.id}/assignments").text
    assert listing.count('class="late"') == 1
    assert "late" in listing


def test_assignment_form_rejects_bad_input(client, auth, make, app):
    project, _instrument, location, wave = _setup(make)
    draft = make.checklist_instrument(make.touchpoint(project), publish=False, name="Draft")
    shopper = make.shopper()
    _consultant(make, auth, project)
    base = {
        "shopper_id": shopper.id,
        "location_id": location.id,
        "instrument_id": draft.id,
        "wave_id": wave.id,
        "visit_from": "2026-11-01",
        "visit_to": "2026-11-14",
    }
    unpublished = client.post(f"/projects/{project.id}/assignments/new", data=base)
    assert "Publish the checklist" in unpublished.text
    reversed_window = {**base, "visit_to": "2026-10-01"}
    assert (
        "ends before it starts"
        in client.post(f"/projects/{project.id}/assignments/new", data=reversed_window).text
    )
    foreign = {**base, "location_id": make.location().id}
    assert (
        "Not a valid choice"
        in client.post(f"/projects/{project.id}/assignments/new", data=foreign).text
    )
    assert _count(app) == 0


def _csv(rows):
    text = "\n".join(",".join(row) for row in rows)
    return {"sheet": (io.BytesIO(text.encode()), "assignments.csv")}


HEADER = ["shopper", "location", "checklist", "wave", "visit_from", "visit_to"]


def test_bulk_upload_from_csv_creates_every_row(client, auth, make, app):
    project, _instrument, _location, _wave = _setup(make)
    make.location(project, name="Station")
    shopper = make.shopper(email="kim@example.com")
    _consultant(make, auth, project)
    rows = [
        HEADER,
        [shopper.email, "Main Street", "Store counter", "Baseline", "2026-11-01", "2026-11-14"],
        [shopper.email, "station", "store counter", "0", "01.12.2026", "14.12.2026"],
    ]
    response = client.post(
        f"/projects/{project.id}/assignments/upload",
        data=_csv(rows),
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert _count(app) == 2


def test_bulk_upload_errors_name_row_and_column_and_store_nothing(client, auth, make, app):
    project, _instrument, _location, _wave = _setup(make)
    shopper = make.shopper(email="kim@example.com")
    _consultant(make, auth, project)
    rows = [
        HEADER,
        [shopper.email, "Main Street", "Store counter", "Baseline", "2026-11-01", "2026-11-14"],
        ["nobody@example.com", "Main Street", "Store counter", "Baseline", "x", "2026-11-14"],
        [shopper.email, "Nowhere", "Store counter", "Baseline", "2026-11-20", "2026-11-01"],
    ]
    response = client.post(
        f"/projects/{project.id}/assignments/upload",
        data=_csv(rows),
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "Row 3, column shopper" in response.text
    assert "Row 3, column visit_from" in response.text
    assert "Row 4, column location" in response.text
    assert _count(app) == 0
    missing = client.post(
        f"/projects/{project.id}/assignments/upload",
        data=_csv([["shopper", "location"], ["a", "b"]]),
        content_type="multipart/form-data",
    )
    assert missing.status_code == 422
    assert "missing column(s) checklist, wave, visit_from, visit_to" in missing.text


def test_bulk_upload_refuses_a_zip_bomb_before_unpacking_it(client, auth, make, app):
    project, _instrument, _location, _wave = _setup(make)
    _consultant(make, auth, project)
    response = client.post(
        f"/projects/{project.id}/assignments/upload",
        data={"sheet": (io.BytesIO(zip_bomb()), "plan.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "too large when unpacked" in response.text
    assert _count(app) == 0


def test_bulk_upload_from_excel_reads_real_dates(client, auth, make, app):
    project, _instrument, _location, _wave = _setup(make)
    shopper = make.shopper(email="kim@example.com")
    _consultant(make, auth, project)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([name.title() for name in HEADER])
    sheet.append([shopper.email, "Main Street", "Store counter", 0, date(2026, 11, 1),
                  date(2026, 11, 14)])  # fmt: skip
    content = io.BytesIO()
    workbook.save(content)
    content.seek(0)
    response = client.post(
        f"/projects/{project.id}/assignments/upload",
        data={"sheet": (content, "plan.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert _count(app) == 1
    broken = client.post(
        f"/projects/{project.id}/assignments/upload",
        data={"sheet": (io.BytesIO(b"not a workbook"), "plan.xlsx")},
        content_type="multipart/form-data",
    )
    assert broken.status_code == 422 and "not a readable Excel workbook" in broken.text


def test_only_the_projects_consultants_manage_assignments(client, auth, make):
    project, _instrument, _location, _wave = _setup(make)
    url = f"/projects/{project.id}/assignments"
    auth.login(make.user("viewer", clients=(_Ref(project.client_id),)))
    assert client.get(url).status_code == 403
    auth.logout()
    auth.login(make.user("consultant", clients=(make.client(),)))
    assert client.get(url).status_code == 404
    auth.logout()
    shopper = make.shopper()
    auth.login(shopper)
    assert client.get(url).status_code == 404
    assert client.get(f"/projects/{project.id}").status_code == 404


def test_the_assignment_list_needs_a_fixed_number_of_queries(client, auth, make, queries):
    project, instrument, location, wave = _setup(make)
    _consultant(make, auth, project)
    url = f"/projects/{project.id}/assignments"
    make.submitted_shop(make.assignment(instrument, location=location, wave=wave))
    with queries:
        client.get(url)
    few = queries.count
    for _ in range(4):
        make.assignment(instrument, wave=wave)
    with queries:
        client.get(url)
    assert queries.count == few
