"""Upload abuse: oversized bodies are cut off at MAX_CONTENT_LENGTH, disguised files refused.

Recipient lists for invitations and shopper assignment sheets here; instrument templates in
tests/web/test_instrument_io.py, photos in tests/web/test_shop_submit.py.
Reproduce: ``.venv/bin/python -m pytest tests/security/test_uploads.py -q``.
"""

from __future__ import annotations

import io

from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import Invitation
from tests.upload_files import zip_bomb


def _upload(as_role, own, content: bytes, filename: str):
    user = as_role("consultant")
    return user.open(
        "POST",
        f"/links/{own.ids['survey_link']}/invitations",
        data={"recipients": (io.BytesIO(content), filename)},
        content_type="multipart/form-data",
    )


def _invitations(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Invitation))


def test_a_body_over_max_content_length_is_refused_with_413(app, as_role, own):
    before = _invitations(app)
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = _upload(as_role, own, b"email\n" + b"a" * limit, "list.csv")
    assert response.status_code == 413
    assert b"The upload is too large" in response.data
    assert _invitations(app) == before


def test_an_executable_renamed_to_xlsx_is_refused(app, as_role, own):
    before = _invitations(app)
    response = _upload(as_role, own, b"MZ\x90\x00" + b"\x00" * 4096, "list.xlsx")
    assert response.status_code == 422
    assert b"not a readable Excel workbook" in response.data
    assert _invitations(app) == before


def test_a_binary_renamed_to_csv_creates_nothing(app, as_role, own):
    before = _invitations(app)
    response = _upload(as_role, own, bytes(range(256)) * 64, "list.csv")
    assert response.status_code == 422
    assert _invitations(app) == before


def test_another_extension_is_refused(app, as_role, own):
    response = _upload(as_role, own, b"<svg onload=alert(1)>", "list.svg")
    assert response.status_code == 422
    assert b"<svg onload" not in response.data


def test_a_zip_bomb_recipient_list_is_refused_before_it_is_unpacked(app, as_role, own):
    before = _invitations(app)
    response = _upload(as_role, own, zip_bomb(), "list.xlsx")
    assert response.status_code == 422
    assert b"too large when unpacked" in response.data
    assert _invitations(app) == before
