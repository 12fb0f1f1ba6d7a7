"""``surveyor backup``: a consistent copy that restores to a database with every committed row.

SQLite through the online backup API, PostgreSQL through pg_dump/pg_restore (restored into a
scratch database next to the test database). Under load: benchmarks/submit_load.py.
Reproduce: ``.venv/bin/python -m pytest tests/security/test_backup.py -q`` (and with
``SURVEYOR_TEST_DATABASE_URL`` for PostgreSQL).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from surveyor.extensions import db
from surveyor.models import Client, Photo, Response
from surveyor.services.operations import backup
from tests.web.test_shop_submit import jpeg_with_exif, photo_shop, shop, upload  # noqa: F401


def _counts(url: str) -> tuple[int, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            clients = connection.scalar(select(func.count()).select_from(Client.__table__))
            responses = connection.scalar(select(func.count()).select_from(Response.__table__))
    finally:
        engine.dispose()
    return clients, responses


@pytest.fixture
def scratch_url(app, tmp_path):
    """An empty database of the same kind as the test database, to restore into."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite":
        yield str(url.set(database=str(tmp_path / "restored.sqlite")))
        return
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    name = f"{url.database}_restore"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_backup_command_restores_every_committed_row(app, runner, make, tmp_path, scratch_url):
    for number in range(3):
        make.client(f"Backup client {number}")
    target = tmp_path / "backups" / "copy.tar"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert "Backup written to" in result.output
    make.client("Written after the backup")
    backup.restore(target, scratch_url)
    assert _counts(scratch_url) == (3, 0)


def test_backup_refuses_to_overwrite(app, runner, tmp_path):
    target = tmp_path / "exists"
    target.write_text("keep me")
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code != 0 and "exists already" in result.output
    assert target.read_text() == "keep me"


def test_default_name_is_timestamped_in_the_instance_folder(app, runner):
    result = runner.invoke(args=["backup"])
    assert result.exit_code == 0, result.output
    written = result.output.split("Backup written to ")[1].split(" (")[0]
    assert "/backups/surveyor-" in written
    Path(written).unlink()


def test_backup_holds_the_shoppers_photos_and_restores_them(
    app,
    client,
    runner,
    photo_shop,  # noqa: F811  (the fixture imported above)
    tmp_path_factory,
    scratch_url,
):
    assignment, submission_id, upload_id, storage = photo_shop
    sent = upload(client, assignment, submission_id, upload_id, jpeg_with_exif())
    assert sent.status_code == 201
    with app.app_context():
        key = db.session.scalar(select(Photo.storage_key))
    original = (storage / key).read_bytes()
    target = tmp_path_factory.mktemp("backups") / "with-photos.tar"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output

    restored_photos = tmp_path_factory.mktemp("restored") / "photos"
    restored_photos.mkdir()
    (restored_photos / "left-from-before.jpg").write_bytes(b"old")
    aside = backup.restore(target, scratch_url, {"photos": restored_photos})
    assert (restored_photos / key).read_bytes() == original
    assert [path.name.startswith("photos.before-restore-") for path in aside] == [True]
    assert (aside[0] / "left-from-before.jpg").read_bytes() == b"old"
    engine = create_engine(scratch_url)
    try:
        with engine.connect() as connection:
            assert connection.scalar(select(Photo.__table__.c.storage_key)) == key
    finally:
        engine.dispose()
