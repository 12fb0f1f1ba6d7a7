"""How long the results pages take with many responses tied to locations (issue 20).

Fills a database with ``--responses`` customer responses spread over ``--waves`` closed waves
and ``--locations`` branches in two regions (each response: four Kano pairs, CSAT and NPS),
inserted with COPY on PostgreSQL (executemany elsewhere), then times through the web client,
as a consultant opening them: the Kano results page of the newest wave, the touchpoint's trend
page, the location ranking, and one branch's report card (all waves). Usage:

    .venv/bin/python benchmarks/locations.py --database postgresql://... [--responses 1000000]

The database named with --database is emptied first.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta

from bench_common import database_url, fresh_schema, kano_hotline, machine, spread
from sqlalchemy import func, select, text

from surveyor import create_app
from surveyor.extensions import db
from surveyor.models import Answer, Item, KanoAnswer, Location, Project, Response, Wave
from surveyor.services.accounts import accounts

COLUMNS = {
    "response": (
        "id",
        "submission_id",
        "content_hash",
        "version_id",
        "wave_id",
        "respondent_group",
        "location_id",
        "submitted_at",
    ),
    "kano_answer": ("response_id", "item_id", "functional", "dysfunctional"),
    "answer": ("response_id", "item_id", "number", "not_applicable"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--waves", type=int, default=10)
    parser.add_argument("--locations", type=int, default=50)
    parser.add_argument("--database", help="SQLAlchemy URL; default: a temporary SQLite file")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--reuse", action="store_true", help="time the data a previous run left in --database"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = database_url(args.database, folder)
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False}
        )
        with app.app_context():
            started = time.perf_counter()
            if args.reuse:
                ids = _existing()
            else:
                ids = _setup(args.waves, args.locations)
                _fill(ids, args.responses)
            filled = time.perf_counter() - started
        print(machine())
        print(
            f"{url.split(':', 1)[0]}: {args.responses} responses, {args.waves} waves, "
            f"{args.locations} branches; fill {filled:.0f} s" + (" (reused)" if args.reuse else "")
        )
        client = app.test_client()
        client.post("/login", data={"email": "bench@example.com", "password": "bench-password-1"})
        pages = {
            "Kano results page (newest wave)": (
                f"/instruments/{ids['instrument']}/results?wave={ids['waves'][-1]}"
            ),
            "trend page": f"/touchpoints/{ids['touchpoint']}/trends",
            "location ranking": f"/projects/{ids['project']}/locations/results",
            "report card (all waves)": f"/locations/{ids['branches'][0]}/card",
        }
        for name, path in pages.items():
            print(f"  {name}: {spread(_timed(client, path, args.repeat))}")


def _setup(waves: int, locations: int) -> dict:
    fresh_schema(migrate=True)
    instrument, version, first = kano_hotline(4, "closed", optional=("csat", "nps"))
    project = first.project
    start = datetime(2025, 1, 1, tzinfo=UTC)
    first.opens_at, first.closes_at = start, start + timedelta(days=28)
    all_waves = [first]
    for sequence in range(1, waves):
        opens = start + timedelta(days=35 * sequence)
        wave = Wave(
            project=project,
            sequence=sequence,
            label=f"Wave {sequence + 1}",
            status="closed",
            opens_at=opens,
            closes_at=opens + timedelta(days=28),
        )
        db.session.add(wave)
        all_waves.append(wave)
    regions = [Location(project=project, name=name, kind="region") for name in ("North", "South")]
    db.session.add_all(regions)
    db.session.flush()
    branches = [
        Location(
            project=project,
            name=f"Branch {number:02d}",
            code=f"B{number:02d}",
            parent_id=regions[number % 2].id,
        )
        for number in range(1, locations + 1)
    ]
    db.session.add_all(branches)
    accounts.create_user("bench@example.com", "bench-password-1", "admin")
    db.session.commit()
    items = db.session.execute(
        select(Item.id, Item.item_type).where(Item.version_id == version.id)
    ).all()
    return {
        "project": project.id,
        "touchpoint": instrument.touchpoint_id,
        "instrument": instrument.id,
        "version": version.id,
        "waves": [wave.id for wave in all_waves],
        "branches": [branch.id for branch in branches],
        "features": [item_id for item_id, kind in items if kind == "kano_feature"],
        "csat": next(item_id for item_id, kind in items if kind == "csat"),
        "nps": next(item_id for item_id, kind in items if kind == "nps"),
    }


def _existing() -> dict:
    """The ids a previous run created (its client is the only one)."""
    project = db.session.scalar(select(Project))
    instrument = next(i for t in project.touchpoints for i in t.instruments)
    return {
        "project": project.id,
        "touchpoint": instrument.touchpoint_id,
        "instrument": instrument.id,
        "waves": [wave.id for wave in project.waves],
        "branches": [loc.id for loc in project.locations if loc.kind == "branch"],
    }


def _fill(ids: dict, total: int) -> None:
    """``total`` responses spread evenly over the waves; branches differ on purpose."""
    rng = random.Random(20)
    per_wave = total // len(ids["waves"])
    next_id = 1
    quality = {branch: rng.uniform(-0.6, 0.6) for branch in ids["branches"]}
    for wave_id in ids["waves"]:
        tables: dict[str, list[tuple]] = {"response": [], "kano_answer": [], "answer": []}
        for _ in range(per_wave):
            branch = rng.choice(ids["branches"])
            tables["response"].append(
                (
                    next_id,
                    f"b{next_id}",
                    "x",
                    ids["version"],
                    wave_id,
                    "customer",
                    branch,
                    "2025-06-01 12:00:00+00",
                )
            )
            for item_id in ids["features"]:
                tables["kano_answer"].append(
                    (next_id, item_id, rng.randint(1, 5), rng.randint(1, 5))
                )
            csat = min(5, max(1, round(rng.gauss(3.8 + quality[branch], 1))))
            nps = min(10, max(0, round(rng.gauss(7 + 2 * quality[branch], 2))))
            tables["answer"].append((next_id, ids["csat"], csat, False))
            tables["answer"].append((next_id, ids["nps"], nps, False))
            next_id += 1
        for table, rows in tables.items():
            _copy(table, rows)
        db.session.commit()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SELECT setval('response_id_seq', :n)"), {"n": next_id})
        db.session.commit()
        db.session.commit()
        with db.engine.connect() as connection:  # VACUUM, as autovacuum would: index-only scans
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(
                text("VACUUM ANALYZE")
            )
    count = db.session.scalar(select(func.count()).select_from(Response))
    assert count == per_wave * len(ids["waves"]), count


def _copy(table: str, rows: list[tuple]) -> None:
    """COPY on PostgreSQL; executemany of a Core insert elsewhere."""
    columns = COLUMNS[table]
    connection = db.session.connection()
    if connection.dialect.name != "postgresql":
        model = {"response": Response, "kano_answer": KanoAnswer, "answer": Answer}[table]
        connection.execute(
            model.__table__.insert(), [dict(zip(columns, row, strict=True)) for row in rows]
        )
        return
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("f" if v is False else str(v) for v in row))
        buffer.write("\n")
    raw = connection.connection.driver_connection
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        copy.write(buffer.getvalue())


def _timed(client, path: str, repeat: int) -> list[float]:
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        seconds.append(time.perf_counter() - started)
        if response.status_code != 200:
            sys.exit(f"{path}: HTTP {response.status_code}")
    return seconds


if __name__ == "__main__":
    main()
