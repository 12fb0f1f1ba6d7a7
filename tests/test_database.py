"""SQLite must queue concurrent writers instead of failing with "database is locked"."""

import contextlib
import threading

import pytest
from sqlalchemy import func, select, text

from surveyor import create_app
from surveyor.extensions import db
from surveyor.models import Client


@pytest.fixture
def sqlite_app(tmp_path):
    from flask_migrate import upgrade

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'w.sqlite'}",
            "SECRET_KEY": "x",
            "TESTING": True,
        }
    )
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
    return app


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(sqlite_app):
    with sqlite_app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 15000
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_read_then_write_transactions_in_parallel_all_commit(sqlite_app):
    """Each thread reads, waits for the others to have read, then writes.

    Under SQLite's deferred BEGIN the second writer fails at once with "database is locked";
    with BEGIN IMMEDIATE the writers queue on the busy timeout and all commit.
    """
    writers = 6
    barrier = threading.Barrier(writers, timeout=10)
    errors: list[Exception] = []

    def read_then_write(number: int) -> None:
        with sqlite_app.app_context():
            try:
                db.session.scalar(select(func.count()).select_from(Client))
                with contextlib.suppress(threading.BrokenBarrierError):
                    barrier.wait()
                db.session.add(Client(name=f"C{number}", slug=f"c{number}"))
                db.session.commit()
            except Exception as error:  # collected and asserted below
                errors.append(error)

    threads = [threading.Thread(target=read_then_write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with sqlite_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Client)) == writers


@pytest.mark.parametrize("declared_reader", [True, False])
def test_a_declared_reader_does_not_hold_the_write_lock(sqlite_app, tmp_path, declared_reader):
    """A long export reads inside ``database.read_only()``: a survey can be stored meanwhile."""
    import sqlite3

    from surveyor import database

    reader = database.read_only() if declared_reader else contextlib.nullcontext()
    with sqlite_app.app_context(), reader:
        db.session.scalar(select(func.count()).select_from(Client))  # transaction now open
        other = sqlite3.connect(tmp_path / "w.sqlite", timeout=0, isolation_level=None)
        try:
            if declared_reader:
                other.execute(
                    "INSERT INTO client (name, slug, created_at) VALUES ('x', 'x', '2026-01-01')"
                )
            else:
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    other.execute(
                        "INSERT INTO client (name, slug, created_at) "
                        "VALUES ('x', 'x', '2026-01-01')"
                    )
        finally:
            other.close()
        db.session.rollback()
