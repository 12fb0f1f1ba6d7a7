"""Connection behaviour that SQLite needs before it can serve several writers safely.

SQLite's default deferred ``BEGIN`` takes the write lock only at the first write; a transaction
that read first and then writes fails at once with "database is locked", whatever the busy
timeout. Starting write transactions with ``BEGIN IMMEDIATE`` makes writers queue on the busy
timeout instead, and WAL lets readers go on while one writer works. (SQLAlchemy documents this
recipe under "Serializable isolation / Savepoints / Transactional DDL" for pysqlite.)

Which transactions write? Requests with a safe method (GET, HEAD, OPTIONS) never do, so they
keep a deferred ``BEGIN`` and run in parallel; everything else (form posts, API writes, the CLI,
the scheduler) begins immediately, unless it declares itself a reader with :func:`read_only`
(a long export must not hold the write lock for minutes while surveys wait to be stored).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import Flask, has_request_context, request
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import SessionTransaction

from surveyor.extensions import db

log = logging.getLogger(__name__)
Params = ParamSpec("Params")
Result = TypeVar("Result")


def init_app(app: Flask) -> None:
    """Attach the SQLite pragmas and transaction mode to this app's engine."""
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])
    # Registered after Flask-SQLAlchemy's own teardown, so it runs first (Flask runs them in
    # reverse): the session is already gone when Flask-SQLAlchemy's ``remove()`` runs.
    app.teardown_appcontext(_end_session)


def is_unavailable(error: BaseException) -> bool:
    """The database could not do its part, through no fault of the request: a dropped or
    terminated connection, a full disk, a read-only or locked file. Sending again later helps."""
    if isinstance(error, OperationalError):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated


def committed(use_case: Callable[Params, Result]) -> Callable[Params, Result]:
    """Run a service's use case as one transaction: commit when it returns, roll back when it
    raises (a refused sheet or definition leaves nothing half-stored behind).

    Services own their transactions, so the web and API faces never touch the session; the
    building blocks a use case combines (and the demo builder reuses) only add and flush.
    """

    @wraps(use_case)
    def run(*args: Params.args, **kwargs: Params.kwargs) -> Result:
        try:
            result = use_case(*args, **kwargs)
        except Exception:
            rollback_quietly()
            raise
        db.session.commit()
        return result

    return run


def ping() -> None:
    """One round trip to the database, for the load balancers' health check."""
    db.session.execute(text("SELECT 1"))


def rollback_quietly() -> None:
    """Roll the session back, or, when the connection is gone, discard it; never raises.

    An error handler rolls back before it renders its answer; a ROLLBACK on a terminated
    connection raises again, and an error inside the error handler becomes a bare 500 page.
    """
    _or_discard(db.session.rollback, "rollback failed; discarding the connection")


def _end_session(_error: BaseException | None) -> None:
    """The request's last ROLLBACK must not raise: it runs outside Flask's error handling, and
    an exception there reaches the WSGI server, which answers its own bare 500 page."""
    _or_discard(db.session.close, "closing the session failed; discarding its connection")
    db.session.remove()


def _or_discard(end: Callable[[], None], failure: str) -> None:
    """Run ``end`` (rollback or close); if it raises, log ``failure`` and discard the connection."""
    transaction = db.session().get_transaction()
    try:
        end()
    except Exception:
        log.warning(failure, exc_info=True)
        _discard(transaction)


def _discard(transaction: SessionTransaction | None) -> None:
    """Invalidate the transaction's connections, so the pool opens new ones instead of lending
    out a connection whose ROLLBACK failed (it may still be inside the failed transaction)."""
    if transaction is not None:
        with suppress(Exception):
            transaction.close(invalidate=True)


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()
        # SQLite's lower() folds ASCII only; e-mail addresses are compared through lower()
        # (services/messaging/addresses.py), so give it the Unicode lower case that PostgreSQL
        # and Python's str.lower() use. No index is built on lower(), so none goes stale.
        dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)

    @event.listens_for(engine, "begin")
    def on_begin(connection) -> None:
        connection.exec_driver_sql("BEGIN" if _read_only_request() else "BEGIN IMMEDIATE")


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_declared_read_only: ContextVar[bool] = ContextVar("surveyor_read_only", default=False)


@contextmanager
def read_only() -> Iterator[None]:
    """Transactions begun inside only read (a statement that writes first still may: a deferred
    BEGIN takes the write lock at the first write, which is safe when nothing was read before)."""
    token = _declared_read_only.set(True)
    try:
        yield
    finally:
        _declared_read_only.reset(token)


@contextmanager
def snapshot() -> Iterator[None]:
    """One consistent view of the database for everything the session reads inside.

    A workbook reads each sheet, and the responses in chunks, in separate statements. Under
    PostgreSQL's default READ COMMITTED each statement sees what was committed when it started,
    so a response submitted meanwhile appears on the Responses sheet but not on the Kano sheet.
    Here the session's transaction is ``REPEATABLE READ, READ ONLY``: every statement sees the
    snapshot of the first one, and the transaction can take no locks. On SQLite a read
    transaction (deferred ``BEGIN`` in WAL mode, see :func:`read_only`) already keeps the
    snapshot of its first read. The transaction ends when the block does.
    """
    with read_only():
        db.session.close()
        if db.engine.dialect.name == "postgresql":
            db.session.connection(
                execution_options={
                    "isolation_level": "REPEATABLE READ",
                    "postgresql_readonly": True,
                }
            )
        try:
            yield
        finally:
            db.session.close()


def in_declared_read_only() -> bool:
    """Inside :func:`read_only` or :func:`snapshot`: nothing may be written or committed."""
    return _declared_read_only.get()


def _read_only_request() -> bool:
    if _declared_read_only.get():
        return True
    return has_request_context() and request.method in SAFE_METHODS
