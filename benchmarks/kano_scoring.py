"""How long Kano results take end to end for a million answer pairs (issue 3: well under 2 s).

Builds one Kano questionnaire with 20 features and 50,000 responses in one wave (15 % of them
employees), i.e. 1,000,000 answer pairs with importance, inserted in bulk (executemany on
SQLite, COPY on PostgreSQL). Then times
:func:`surveyor.services.results.kano_results.feature_results`, the call behind the results page:
the SQL GROUP BY plus the scoring of every feature, for all respondents and for customers only.
Usage:

    .venv/bin/python benchmarks/kano_scoring.py [--pairs 1000000] [--database URL] [--repeat 5]

Without --database it uses a fresh SQLite file in a temporary folder. A PostgreSQL database named
with --database is EMPTIED first (its public schema is dropped and created again).
"""

from __future__ import annotations

import random
import tempfile
import time
import uuid
from datetime import UTC, datetime

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
from surveyor.models import Instrument, Wave
from surveyor.services.results import kano_results

FEATURES = 20
EMPLOYEE_SHARE = 0.15


def main() -> None:
    args = arguments(__doc__.splitlines()[0], "pairs", 1_000_000)
    with tempfile.TemporaryDirectory() as folder:
        url = database_url(args.database, folder)
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
        with app.app_context():
            fresh_schema()
            started = time.perf_counter()
            instrument_id, wave_id = _build(args.pairs // FEATURES)
            inserted = time.perf_counter() - started
        timings = {
            group: _time(app, instrument_id, wave_id, group, args.repeat)
            for group in (None, "customer")
        }
        with app.app_context():
            db.engine.dispose()
    backend = url.split(":", 1)[0].split("+")[0]
    print(machine())
    print(f"{backend}: inserted {args.pairs:,} answer pairs in {inserted:.1f} s")
    for group, seconds in timings.items():
        label = group or "all"
        print(
            f"{backend}: GROUP BY + scoring of {FEATURES} features, group={label}: "
            f"{spread(seconds)}"
        )


def _build(responses: int) -> tuple[int, int]:
    instrument, version, wave = kano_hotline(FEATURES, "closed", asks_importance=True)
    db.session.commit()
    item_ids = [item.id for item in version.items]
    _insert(version.id, wave.id, item_ids, responses, random.Random(3))
    return instrument.id, wave.id


def _insert(version_id: int, wave_id: int, item_ids: list[int], responses: int, rng) -> None:
    employees = int(responses * EMPLOYEE_SHARE)
    submitted = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    response_rows = [
        (
            number,
            uuid.UUID(int=rng.getrandbits(128), version=4).hex,
            "-",
            version_id,
            wave_id,
            "employee" if number <= employees else "customer",
            submitted,
        )
        for number in range(1, responses + 1)
    ]
    draws = {}
    for index, item_id in enumerate(item_ids):
        values, weights = pair_weights(KANO_MIXES[index % len(KANO_MIXES)])
        draws[item_id] = rng.choices(values, weights, k=responses)
    answer_rows = [
        (number, item_id, *draws[item_id][number - 1], rng.randint(1, 9))
        for number in range(1, responses + 1)
        for item_id in item_ids
    ]
    raw = db.session.connection().connection.driver_connection
    cursor = raw.cursor()
    response_sql = (
        "INSERT INTO response (id, submission_id, content_hash, version_id, wave_id, "
        "respondent_group, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
    )
    if db.engine.dialect.name == "postgresql":
        with cursor.copy(
            "COPY response (id, submission_id, content_hash, version_id, wave_id, "
            "respondent_group, submitted_at) FROM STDIN"
        ) as copy:
            for row in response_rows:
                copy.write_row(row)
        with cursor.copy(
            "COPY kano_answer (response_id, item_id, functional, dysfunctional, importance) "
            "FROM STDIN"
        ) as copy:
            for row in answer_rows:
                copy.write_row(row)
    else:
        cursor.executemany(
            response_sql, [(*row[:-1], submitted.isoformat(" ")) for row in response_rows]
        )
        cursor.executemany(
            "INSERT INTO kano_answer (response_id, item_id, functional, dysfunctional, "
            "importance) VALUES (?, ?, ?, ?, ?)",
            answer_rows,
        )
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ANALYZE"))
        db.session.commit()


def _time(app, instrument_id: int, wave_id: int, group: str | None, repeat: int) -> list[float]:
    seconds = []
    for _ in range(repeat):
        with app.app_context():
            started = time.perf_counter()
            instrument = db.session.get(Instrument, instrument_id)
            wave = db.session.get(Wave, wave_id)
            results = kano_results.feature_results(instrument, wave, group)
            seconds.append(time.perf_counter() - started)
            assert len(results) == FEATURES and all(r.n for r in results), "no answers scored"
    return seconds


if __name__ == "__main__":
    main()
