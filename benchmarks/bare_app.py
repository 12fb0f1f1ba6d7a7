"""The yardstick for benchmarks/submit_load.py: a bare Flask endpoint that inserts one row.

Same gunicorn set-up and database as Surveyor, but no templates, forms, sessions, validation or
ORM: one INSERT of a client-chosen unique id per POST, committed before the 201. Serve with
``BENCH_DATABASE_URL=... gunicorn --pythonpath benchmarks bare_app:app``.
"""

from __future__ import annotations

import os

from flask import Flask, request
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, event, insert

metadata = MetaData()
bench_row = Table(
    "bench_row",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("submission_id", String(64), unique=True, nullable=False),
    Column("payload", String(200)),
)


def make_engine(url: str):
    """SQLite gets the same pragmas and BEGIN IMMEDIATE as Surveyor (surveyor/database.py)."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def on_connect(connection, _record) -> None:
            connection.isolation_level = None
            connection.execute("PRAGMA busy_timeout = 15000")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")

        @event.listens_for(engine, "begin")
        def on_begin(connection) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def create() -> Flask:
    app = Flask(__name__)
    engine = make_engine(os.environ["BENCH_DATABASE_URL"])

    @app.post("/bare")
    def bare():
        with engine.begin() as connection:
            connection.execute(
                insert(bench_row).values(
                    submission_id=request.form["id"], payload=request.form.get("payload", "")
                )
            )
        return "", 201

    return app


if os.environ.get("BENCH_DATABASE_URL"):
    app = create()
