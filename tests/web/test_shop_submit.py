"""A shopper's checklist arrives exactly once, validated on the server, with verified photos."""

from __future__ import annotations

import io
import uuid
from datetime import date

import pytest
from PIL import Image
from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Answer, Assignment, Item, Photo, Response, ShopVisit

GOOD_ANSWERS = {
    "greet": {"value": "yes"},
    "wait": {"value": 45},
    "friendly": {"value": 5},
    "offer": {"value": "several"},
    "staff": {"value": 2},
    "visited_at": {"value": "2026-11-20T10:15"},
    "notes": {"value": "All fine."},
    "storefront": {"na": True},
    "farewell": {"value": "yes"},
}


@pytest.fixture
def shop(make):
    """A published checklist, one assignment and its shopper."""
    instrument = make.checklist_instrument()
    assignment = make.assignment(instrument)
    with make.app.app_context():
        shopper = db.session.get(Assignment, assignment.id).shopper
        db.session.expunge(shopper)
    version_id = make.items_of(instrument)[0].version_id
    return instrument, assignment, shopper, version_id


def payload(version_id: int, submission_id: str | None = None, **answers) -> dict:
    return {
        "submission_id": submission_id or str(uuid.uuid4()),
        "version_id": version_id,
        "visit": {"date": date.today().isoformat(), "time_in": "10:02", "time_out": "10:31"},
        "answers": {**GOOD_ANSWERS, **answers},
    }


def submit_url(assignment) -> str:
    return f"/shop/sync/assignments/{assignment.id}/shop"


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_shopper_sees_only_own_assignments(client, auth, make, shop):
    instrument, assignment, shopper, _version = shop
    foreign = make.assignment(instrument)
    auth.login(shopper)
    listing = client.get("/shop/")
    assert listing.status_code == 200
    assert f"/shop/assignments/{assignment.id}".encode() in listing.data
    assert f"/shop/assignments/{foreign.id}".encode() not in listing.data
    assert client.get(f"/shop/assignments/{foreign.id}").status_code == 404


def test_checklist_page_offers_every_item_type(client, auth, shop):
    _instrument, assignment, shopper, _version = shop
    auth.login(shopper)
    page = client.get(f"/shop/assignments/{assignment.id}").get_data(as_text=True)
    assert 'name="a-greet" value="yes"' in page
    assert 'data-stopwatch="start"' in page
    assert 'name="a-friendly" value="5"' in page
    assert 'name="a-offer" value="several"' in page
    assert 'type="datetime-local" name="a-visited_at"' in page
    assert 'accept="image/jpeg,image/png,image/webp"' in page
    assert 'name="na-storefront"' in page and 'name="na-greet"' not in page
    assert 'id="geo-consent"' in page
    assert "<script>" not in page


def test_service_worker_is_served_for_the_shop_scope(client):
    worker = client.get("/shop/sw.js")
    assert worker.status_code == 200
    assert worker.mimetype == "text/javascript"
    assert worker.headers["Service-Worker-Allowed"] == "/shop/"


def test_shop_is_stored_with_points_visit_and_assignment_link(app, client, auth, shop):
    _instrument, assignment, shopper, version_id = shop
    auth.login(shopper)
    sent = payload(version_id)
    sent["visit"].update(latitude=52.52, longitude=13.405, accuracy_m=12)
    answer = client.post(submit_url(assignment), json=sent)
    assert answer.status_code == 201, answer.json
    assert answer.json["status"] == "received" and answer.json["duplicate"] is False
    with app.app_context():
        response = db.session.scalar(select(Response))
        stored = db.session.get(Assignment, assignment.id)
        assert (response.respondent_group, response.version_id) == ("shopper", version_id)
        assert (response.location_id, response.wave_id) == (stored.location_id, stored.wave_id)
        assert (stored.status, stored.response_id) == ("submitted", response.id)
        assert stored.submitted_at is not None
        earned = dict(
            db.session.execute(
                select(Item.key, Answer.earned).join(Item, Answer.item_id == Item.id)
            ).all()
        )
        assert earned == {
            "greet": 2,
            "wait": 3,
            "friendly": 4,
            "offer": 2,
            "staff": None,
            "visited_at": None,
            "notes": None,
            "storefront": None,
            "farewell": 1,
        }
        na = db.session.scalar(
            select(Answer.not_applicable).join(Item).where(Item.key == "storefront")
        )
        assert na is True
        visit = db.session.get(ShopVisit, response.id)
        assert visit.visit_date == date.today()
        assert (str(visit.time_in), str(visit.time_out)) == ("10:02:00", "10:31:00")
        assert (visit.latitude, visit.longitude, visit.accuracy_m) == (52.52, 13.405, 12)


def test_retry_is_acknowledged_once_and_other_content_conflicts(app, client, auth, shop):
    _instrument, assignment, shopper, version_id = shop
    auth.login(shopper)
    sent = payload(version_id)
    first = client.post(submit_url(assignment), json=sent)
    again = client.post(submit_url(assignment), json=sent)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json["duplicate"] is True
    assert again.json["response_id"] == first.json["response_id"]

    changed = payload(version_id, sent["submission_id"], notes={"value": "Changed my mind."})
    conflict = client.post(submit_url(assignment), json=changed)
    assert conflict.status_code == 409
    assert "different" in conflict.json["message"]

    second_device = client.post(submit_url(assignment), json=payload(version_id))
    assert second_device.status_code == 409
    assert count(app, Response) == 1 and count(app, Answer) == 9


def test_approved_shop_cannot_be_replaced(app, client, auth, make, shop):
    instrument, _assignment, shopper, version_id = shop
    approved = make.approved_shop(instrument, shopper=shopper)
    auth.login(shopper)
    answer = client.post(submit_url(approved), json=payload(version_id))
    assert answer.status_code == 409
    assert "approved" in answer.json["message"]
    assert count(app, Response) == 1


def test_returned_shop_can_be_submitted_again(app, client, auth, make, shop):
    instrument, _assignment, shopper, version_id = shop
    returned = make.submitted_shop(make.assignment(instrument, shopper=shopper), status="returned")
    auth.login(shopper)
    answer = client.post(submit_url(returned), json=payload(version_id))
    assert answer.status_code == 201
    with app.app_context():
        stored = db.session.get(Assignment, returned.id)
        assert (stored.status, stored.response_id) == ("submitted", answer.json["response_id"])


@pytest.mark.parametrize(
    ("answers", "key", "message"),
    [
        ({"greet": {"value": None}}, "greet", "Please answer this item."),
        ({"friendly": {"value": 7}}, "friendly", "Enter a value from 1 to 5."),
        ({"greet": {"na": True}}, "greet", "cannot be marked as not applicable"),
        ({"offer": {"value": "free lunch"}}, "offer", "Choose one of the options."),
        ({"wait": {"value": -5}}, "wait", "Enter a value from 0 to 86400."),
        ({"staff": {"value": "many"}}, "staff", "Enter a number."),
        ({"greet": {"value": "maybe"}}, "greet", "Choose yes or no."),
        ({"visited_at": {"value": "yesterday"}}, "visited_at", "Enter a date and time."),
        ({"notes": {"value": "x" * 5001}}, "notes", "5000 characters"),
        ({"smell": {"value": "yes"}}, "smell", "not part of the checklist"),
    ],
)
def test_invalid_answers_are_refused_per_item(app, client, auth, shop, answers, key, message):
    _instrument, assignment, shopper, version_id = shop
    auth.login(shopper)
    answer = client.post(submit_url(assignment), json=payload(version_id, **answers))
    assert answer.status_code == 422
    assert message in answer.json["errors"][key]
    assert count(app, Response) == 0
    with app.app_context():
        assert db.session.get(Assignment, assignment.id).status == "assigned"


def test_visit_problems_point_to_the_visit_fields(app, client, auth, shop):
    _instrument, assignment, shopper, version_id = shop
    auth.login(shopper)
    sent = payload(version_id)
    sent["visit"] = {"date": "2999-01-01", "time_in": "11:00", "time_out": "10:00", "latitude": 91}
    answer = client.post(submit_url(assignment), json=sent)
    assert answer.status_code == 422
    errors = answer.json["errors"]
    assert errors["visit.date"] == "The visit date lies in the future."
    assert errors["visit.time_out"] == "The time out is before the time in."
    assert "visit.latitude" in errors
    assert count(app, Response) == 0


@pytest.mark.parametrize(
    "broken",
    [
        {"submission_id": "x"},
        {"version_id": "1"},
        {"version_id": 2**63},
        {"answers": "everything fine"},
    ],
)
def test_malformed_payloads_get_a_clear_4xx(app, client, auth, shop, broken):
    _instrument, assignment, shopper, version_id = shop
    auth.login(shopper)
    answer = client.post(submit_url(assignment), json={**payload(version_id), **broken})
    assert 400 <= answer.status_code < 500
    assert answer.json["message"]
    assert count(app, Response) == 0


def test_not_json_at_all_is_a_4xx(app, client, auth, shop):
    _instrument, assignment, shopper, _version = shop
    auth.login(shopper)
    answer = client.post(submit_url(assignment), data="<html>", content_type="text/html")
    assert answer.status_code == 400
    assert count(app, Response) == 0


def test_someone_elses_assignment_is_not_found(app, client, auth, make, shop):
    instrument, _assignment, _shopper, version_id = shop
    foreign = make.assignment(instrument)
    auth.login(make.shopper())
    answer = client.post(submit_url(foreign), json=payload(version_id))
    assert answer.status_code == 404
    assert count(app, Response) == 0


def test_without_login_the_outbox_is_told_to_log_in(client, shop):
    _instrument, assignment, _shopper, version_id = shop
    answer = client.post(submit_url(assignment), json=payload(version_id))
    assert answer.status_code == 401
    assert "log in" in answer.json["message"]
    assert client.get("/shop/sync/token").status_code == 401


def test_token_endpoint_gives_a_csrf_token(client, auth, shop):
    auth.login(shop[2])
    answer = client.get("/shop/sync/token")
    assert answer.status_code == 200 and answer.json["csrf_token"]
    assert answer.headers["Cache-Control"] == "no-store"


# ---- photos ----


@pytest.fixture
def photo_shop(app, client, auth, shop, tmp_path, monkeypatch):
    """A submitted shop whose photo item lists one upload id; returns what an upload needs."""
    monkeypatch.setitem(app.config, "PHOTO_STORAGE_PATH", str(tmp_path))
    _instrument, assignment, shopper, version_id = shop
    auth.login(shopper)
    upload_id = uuid.uuid4().hex
    sent = payload(version_id, storefront={"value": [upload_id]})
    assert client.post(submit_url(assignment), json=sent).status_code == 201
    return assignment, sent["submission_id"], upload_id, tmp_path


def jpeg_with_exif(width: int = 60, height: int = 40) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90 degrees to display upright
    exif[0x010F] = "SpyCam Inc."  # camera maker
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(client, assignment, submission_id, upload_id, data: bytes, name="photo.jpg"):
    return client.post(
        f"/shop/sync/assignments/{assignment.id}/photos",
        data={
            "submission_id": submission_id,
            "item": "storefront",
            "upload_id": upload_id,
            "photo": (io.BytesIO(data), name),
        },
        content_type="multipart/form-data",
    )


def test_photo_is_reencoded_without_exif_and_stored_once(app, client, photo_shop):
    assignment, submission_id, upload_id, storage = photo_shop
    first = upload(client, assignment, submission_id, upload_id, jpeg_with_exif())
    again = upload(client, assignment, submission_id, upload_id, jpeg_with_exif())
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json["photo_id"] == first.json["photo_id"]
    with app.app_context():
        photo = db.session.scalar(select(Photo))
        assert (photo.mime, photo.width, photo.height) == ("image/jpeg", 40, 60)
        stored = storage / photo.storage_key
    assert count(app, Photo) == 1
    with Image.open(stored) as image:
        assert image.size == (40, 60)
        assert not image.getexif()
    assert b"SpyCam" not in stored.read_bytes()


def test_photo_is_served_only_to_its_shopper_and_client_staff(app, client, auth, make, photo_shop):
    assignment, submission_id, upload_id, _storage = photo_shop
    photo_id = upload(client, assignment, submission_id, upload_id, jpeg_with_exif()).json[
        "photo_id"
    ]
    own = client.get(f"/shop/photos/{photo_id}")
    assert own.status_code == 200
    assert own.headers["Content-Disposition"].startswith("attachment;")
    assert own.headers["Content-Type"] == "image/jpeg"
    assert own.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in own.headers["Content-Security-Policy"]
    assert own.headers["Cache-Control"] == "private, no-store"

    with app.app_context():
        project = db.session.get(Assignment, assignment.id).location.project
        client_of_shop = project.client
        db.session.expunge(client_of_shop)
    for visitor, status in (
        (make.shopper(), 404),
        (make.user("consultant"), 404),
        (make.user("consultant", clients=(client_of_shop,)), 200),
        # client staff see a shop's photos only once it is approved (tests/security/test_roles.py)
        (make.user("viewer", clients=(client_of_shop,)), 404),
    ):
        auth.logout()
        auth.login(visitor)
        assert client.get(f"/shop/photos/{photo_id}").status_code == status


def png_bomb(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, format="PNG")
    return out.getvalue()


def gif() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    return out.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("data", "name", "status", "message"),
    [
        (b"\xff\xd8\xff\xe0 this is not really a jpeg", "fake.jpg", 422, "not a JPEG"),
        (SVG, "drawing.svg", 422, "not a JPEG"),
        (gif(), "anim.gif", 422, "Only JPEG, PNG and WebP"),
        (b"", "empty.jpg", 422, "empty"),
        (jpeg_with_exif()[:300], "truncated.jpg", 422, "not a JPEG"),
        (b"\xff\xd8" + b"0" * (10 * 1024 * 1024), "huge.jpg", 413, "larger than 10 MB"),
        (png_bomb(9_000, 5_000), "bomb.png", 413, "too many pixels"),
        (png_bomb(10_000, 10_000), "bigger-bomb.png", 413, "too many pixels"),
    ],
)
def test_bad_images_are_refused_and_nothing_is_stored(
    app, client, photo_shop, data, name, status, message
):
    assignment, submission_id, upload_id, storage = photo_shop
    answer = upload(client, assignment, submission_id, upload_id, data, name)
    assert answer.status_code == status
    assert message in answer.json["message"]
    assert count(app, Photo) == 0
    assert not any(storage.rglob("*"))


def test_photo_must_be_listed_by_its_shop(app, client, photo_shop):
    assignment, submission_id, _upload_id, _storage = photo_shop
    answer = upload(client, assignment, submission_id, uuid.uuid4().hex, jpeg_with_exif())
    assert answer.status_code == 400
    assert "does not list" in answer.json["message"]
    unknown_shop = upload(client, assignment, uuid.uuid4().hex, uuid.uuid4().hex, jpeg_with_exif())
    assert unknown_shop.status_code == 409
    assert count(app, Photo) == 0


def test_a_returned_shop_sent_again_replaces_the_returned_response(app, client, auth, make, shop):
    instrument, _assignment, shopper, version_id = shop
    returned = make.submitted_shop(make.assignment(instrument, shopper=shopper), status="returned")
    with app.app_context():
        old_response = db.session.get(Assignment, returned.id).response_id
    auth.login(shopper)
    answer = client.post(submit_url(returned), json=payload(version_id))
    assert answer.status_code == 201
    with app.app_context():
        assert db.session.get(Response, old_response) is None
        kept = db.session.scalars(select(Response.id)).all()
    assert kept == [answer.json["response_id"]]
    assert count(app, ShopVisit) == 1


def _return_shop(app, assignment) -> int:
    with app.app_context():
        found = db.session.get(Assignment, assignment.id)
        found.status = "returned"
        db.session.commit()
        return found.response.version_id


def test_photos_of_a_returned_shop_move_to_the_shop_that_replaces_it(app, client, auth, photo_shop):
    assignment, submission_id, upload_id, storage = photo_shop
    assert upload(client, assignment, submission_id, upload_id, jpeg_with_exif()).status_code == 201
    again = payload(_return_shop(app, assignment), storefront={"value": [upload_id]})
    answer = client.post(submit_url(assignment), json=again)
    assert answer.status_code == 201
    duplicate = upload(client, assignment, again["submission_id"], upload_id, jpeg_with_exif())
    assert duplicate.status_code == 200
    with app.app_context():
        photo = db.session.scalar(select(Photo))
        assert photo.response_id == answer.json["response_id"]
        assert (storage / photo.storage_key).is_file()
    assert count(app, Response) == count(app, Photo) == 1


def test_a_photo_the_replacing_shop_leaves_out_is_deleted_with_its_file(
    app, client, auth, photo_shop
):
    assignment, submission_id, upload_id, storage = photo_shop
    assert upload(client, assignment, submission_id, upload_id, jpeg_with_exif()).status_code == 201
    with app.app_context():
        file = storage / db.session.scalar(select(Photo.storage_key))
    again = payload(_return_shop(app, assignment))
    assert client.post(submit_url(assignment), json=again).status_code == 201
    assert count(app, Response) == 1 and count(app, Photo) == 0
    assert not file.exists()


def test_no_photo_joins_a_shop_once_it_is_approved(app, client, photo_shop):
    """Issue 18: a shopper could add photos to an approved shop."""
    assignment, submission_id, upload_id, storage = photo_shop
    with app.app_context():
        db.session.get(Assignment, assignment.id).status = "approved"
        db.session.commit()
    refused = upload(client, assignment, submission_id, upload_id, jpeg_with_exif())
    assert refused.status_code == 409
    assert "approved already" in refused.json["message"]
    assert not any(path.is_file() for path in storage.rglob("*"))


@pytest.mark.parametrize(
    ("locale", "shown", "hidden"),
    [("de", "Begrüßung", "Greeting"), ("en", "Greeting", "Begrüßung")],
)
def test_checklist_sections_are_headed_in_the_shoppers_language(
    app, client, auth, make, locale, shown, hidden
):
    assignment = make.assignment(make.checklist_instrument(german=True))
    with app.app_context():
        shopper = db.session.get(Assignment, assignment.id).shopper
        shopper.locale = locale
        db.session.commit()
        db.session.refresh(shopper)
        db.session.expunge(shopper)
    auth.login(shopper)
    page = client.get(f"/shop/assignments/{assignment.id}").get_data(as_text=True)
    assert shown in page
    assert hidden not in page


def test_a_german_shopper_reads_the_english_title_where_no_german_one_was_written(
    app, client, auth, make
):
    """A consultant's text in two languages reads as the other where one is empty
    (surveyor.labels.in_language), here as in the survey, the mails and the workspace."""
    assignment = make.assignment(make.checklist_instrument())
    with app.app_context():
        found = db.session.get(Assignment, assignment.id)
        found.instrument.versions[0].title_en = "Branch visit, spring"
        shopper = found.shopper
        shopper.locale = "de"
        db.session.commit()
        db.session.refresh(shopper)
        db.session.expunge(shopper)
    auth.login(shopper)
    page = client.get(f"/shop/assignments/{assignment.id}").get_data(as_text=True)
    assert "<h1>Branch visit, spring</h1>" in page or "Branch visit, spring ·" in page
