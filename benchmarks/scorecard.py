"""How long the feature scorecard takes at a million customer responses (issue 20: under 2 s).

Builds one project with 50 branches, 10 waves, a Kano questionnaire of 6 features and
``--responses`` customer and employee responses (default 1,000,000, spread evenly over the
waves, 15 % employees, every customer tied to a branch), plus a store checklist whose 6 scored
items are linked to the 6 features, with 20 approved shops per branch and wave. Everything is
inserted in bulk (COPY on PostgreSQL, executemany on SQLite). Then times
:func:`surveyor.services.scorecards.cards.build_scorecard` for the newest wave (the two GROUP
BYs per location, the Kano results of customers and employees, the priority rule) and the
whole page ``/projects/<id>/scorecard`` through the Flask test client. Usage:

    .venv/bin/python benchmarks/scorecard.py [--responses 1000000] [--database URL] [--repeat 5]

Without --database it uses a fresh SQLite file in a temporary folder. A PostgreSQL database named
with --database is EMPTIED first (its public schema is dropped and created again).
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import UTC, date, datetime
from types import SimpleNamespace

from bench_common import (
    KANO_MIXES,
    arguments,
    database_url,
    fresh_schema,
    kano_hotline,
    machine,
    pair_weights,
    spread,
)
from sqlalchemy import text

from surveyor import create_app
from surveyor.extensions import db
from surveyor.models import Location, Project, Wave
from surveyor.services.accounts import accounts
from surveyor.services.instruments import instruments
from surveyor.services.projects import journey
from surveyor.services.scorecards import cards, links

FEATURES = 6
LOCATIONS = 50
WAVES = 10
SHOPS = 20
"""Approved shops per branch and wave."""
EMPLOYEE_SHARE = 0.15
PASSWORD = "benchmark-password"
RESPONSE_COLUMNS = (
    "id",
    "submission_id",
    "content_hash",
    "version_id",
    "wave_id",
    "respondent_group",
    "location_id",
    "submitted_at",
)
TABLES = {
    "response": RESPONSE_COLUMNS,
    "kano_answer": ("response_id", "item_id", "functional", "dysfunctional"),
    "assignment": (
        "shopper_id",
        "location_id",
        "instrument_id",
        "wave_id",
        "visit_from",
        "visit_to",
        "status",
        "return_comment",
        "response_id",
        "created_at",
        "updated_at",
    ),
    "answer": ("response_id", "item_id", "number", "not_applicable", "earned"),
}


def main() -> None:
    args = arguments(__doc__.splitlines()[0], "responses", 1_000_000)
    with tempfile.TemporaryDirectory() as folder:
        url = database_url(args.database, folder)
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False}
        )
        with app.app_context():
            fresh_schema()
            started = time.perf_counter()
            project_id, email = _build(args.responses, random.Random(20))
            inserted = time.perf_counter() - started
        service = _time_service(app, project_id, args.repeat)
        page = _time_page(app, project_id, email, args.repeat)
        with app.app_context():
            db.engine.dispose()
    backend = url.split(":", 1)[0].split("+")[0]
    print(machine())
    print(f"{backend}: inserted {args.responses:,} responses ({args.responses * FEATURES:,} "
          f"answer pairs, {WAVES} waves, {LOCATIONS} branches) in {inserted:.1f} s")  # fmt: skip
    print(f"{backend}: build_scorecard, newest wave: {spread(service)}")
    print(f"{backend}: GET /projects/<id>/scorecard: {spread(page)}")


def _build(responses: int, rng: random.Random) -> tuple[int, str]:
    kano, kano_version, first = kano_hotline(FEATURES, "closed")
    project = first.project
    waves = [first] + [
        Wave(project=project, sequence=n, label=f"Wave {n}", status="closed")
        for n in range(1, WAVES)
    ]
    branches = [Location(project=project, name=f"Branch {n:02d}") for n in range(LOCATIONS)]
    db.session.add_all([*waves, *branches])
    store = journey.add_touchpoint(project, name="Store counter", channel="store")
    checklist, version = instruments.new_instrument(store, "checklist", "Store visit")
    for number in range(1, FEATURES + 1):
        instruments.add_item(
            version,
            key=f"c{number}",
            item_type="yes_no",
            text_en=f"Checklist item {number}",
            points=1,
            settings={"good": "yes"},
        )
    instruments.publish(version)
    db.session.flush()
    for number in range(1, FEATURES + 1):
        links.link(project, f"{checklist.id}:c{number}", f"{kano.id}:f{number}")
    shopper = accounts.create_user("shopper@example.com", PASSWORD, "shopper")
    consultant = accounts.create_user(
        "consultant@example.com", PASSWORD, "consultant", clients=[project.client]
    )
    db.session.commit()
    ids = SimpleNamespace(
        kano_version=kano_version.id,
        kano_items=[item.id for item in kano_version.items],
        checklist=checklist.id,
        checklist_version=version.id,
        checklist_items=[item.id for item in version.items],
        waves=[wave.id for wave in waves],
        branches=[branch.id for branch in branches],
        shopper=shopper.id,
    )
    _copy(_rows(ids, responses, rng))
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        # Explicit ids bypass the sequence; move it on so later inserts do not collide.
        db.session.execute(text("SELECT setval('response_id_seq', (SELECT max(id) FROM response))"))
        db.session.commit()
        # Autovacuum does this to closed waves; it sets the visibility map index-only scans need.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    return project.id, consultant.email


def _rows(ids: SimpleNamespace, responses: int, rng: random.Random) -> dict[str, list[tuple]]:
    """All rows per table: Kano responses wave by wave, then the shops."""
    submitted = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    per_wave = responses // WAVES
    employees = int(per_wave * EMPLOYEE_SHARE)
    pairs = [pair_weights(KANO_MIXES[index % len(KANO_MIXES)]) for index in range(FEATURES)]
    rows: dict[str, list[tuple]] = {table: [] for table in TABLES}
    number = 0
    for wave_id in ids.waves:
        draws = [rng.choices(values, weights, k=per_wave) for values, weights in pairs]
        for index in range(per_wave):
            number += 1
            group = "employee" if index < employees else "customer"
            location = None if group == "employee" else ids.branches[index % LOCATIONS]
            rows["response"].append(
                (number, f"k{number}", "-", ids.kano_version, wave_id, group, location, submitted)
            )
            rows["kano_answer"].extend(
                (number, item_id, *draws[f][index]) for f, item_id in enumerate(ids.kano_items)
            )
    for wave_id in ids.waves:
        for place, location in enumerate(ids.branches):
            for _ in range(SHOPS):
                number += 1
                rows["response"].append(
                    (number, f"s{number}", "-", ids.checklist_version, wave_id, "shopper",
                     location, submitted)
                )  # fmt: skip
                rows["assignment"].append(
                    (ids.shopper, location, ids.checklist, wave_id, date(2026, 11, 1),
                     date(2026, 11, 14), "approved", "", number, submitted, submitted)
                )  # fmt: skip
                for f, item_id in enumerate(ids.checklist_items):
                    good = rng.random() < 0.55 + 0.4 * ((place + f) % 5) / 4
                    rows["answer"].append((number, item_id, float(good), False, float(good)))
    return rows


def _copy(rows: dict[str, list[tuple]]) -> None:
    raw = db.session.connection().connection.driver_connection
    cursor = raw.cursor()
    for table, columns in TABLES.items():
        names = ", ".join(columns)
        if db.engine.dialect.name == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows[table]:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in columns)
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})",
                [tuple(_sqlite(value) for value in row) for row in rows[table]],
            )


def _sqlite(value):
    if isinstance(value, datetime):
        return value.isoformat(" ")
    return value.isoformat() if isinstance(value, date) else value


def _time_service(app, project_id: int, repeat: int) -> list[float]:
    seconds = []
    for _ in range(repeat):
        with app.app_context():
            started = time.perf_counter()
            card = cards.build_scorecard(db.session.get(Project, project_id))
            seconds.append(time.perf_counter() - started)
            assert len(card.cards) == FEATURES, "features missing"
            assert all(len(c.locations) == LOCATIONS for c in card.cards), "locations missing"
    return seconds


def _time_page(app, project_id: int, email: str, repeat: int) -> list[float]:
    client = app.test_client()
    login = client.post("/login", data={"email": email, "password": PASSWORD})
    assert login.status_code == 302, "login failed"
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        page = client.get(f"/projects/{project_id}/scorecard")
        seconds.append(time.perf_counter() - started)
        assert page.status_code == 200 and b"Branch 49" in page.data, "page incomplete"
    return seconds


if __name__ == "__main__":
    main()
