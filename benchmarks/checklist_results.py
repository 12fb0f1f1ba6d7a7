"""How long the checklist results page's aggregates take for many approved shops (issue 4).

Builds one checklist of 20 scored items in 4 sections, 50 locations (5 of them competitors),
4 waves and ``--shops`` approved shops (default 20,000, i.e. 400,000 answers, about 8 % N/A),
inserted in bulk. Then times the calls behind the results page
(:mod:`surveyor.services.results.checklist_results`): own and competitor totals, by touchpoint, the
section and Kano benchmarks, the location ranking and the newest 200 shops. Usage:

    .venv/bin/python benchmarks/checklist_results.py [--shops 20000] [--database URL] [--repeat 5]

Without --database it uses a fresh SQLite file in a temporary folder. A PostgreSQL database named
with --database is EMPTIED first (its public schema is dropped and created again).
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import date

from bench_common import arguments, database_url, fresh_schema, spread
from sqlalchemy import insert, text

from surveyor import create_app
from surveyor.extensions import db
from surveyor.models import Answer, Assignment, Location, Response, User, Wave
from surveyor.scoring.checklist import earned_points
from surveyor.services.instruments import instruments
from surveyor.services.projects import journey
from surveyor.services.results import checklist_overview
from surveyor.services.results import checklist_results as results

SECTIONS = ("Arrival", "Consultation", "Closing", "Premises")
KANO = ("basic", "performance", "delighter")
ITEMS = 20
LOCATIONS = 50
COMPETITORS = 5
WAVES = 4


def main() -> None:
    args = arguments(__doc__.splitlines()[0], "shops", 20_000)
    with tempfile.TemporaryDirectory() as folder:
        url = database_url(args.database, folder)
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
        with app.app_context():
            fresh_schema()
            started = time.perf_counter()
            project_id = _build(args.shops, random.Random(4))
            inserted = time.perf_counter() - started
            seconds = _time(project_id, args.repeat)
            db.engine.dispose()
    backend = url.split(":", 1)[0].split("+")[0]
    print(f"{backend}: inserted {args.shops:,} shops ({args.shops * ITEMS:,} answers) "
          f"in {inserted:.1f} s")  # fmt: skip
    print(f"{backend}: results page (one pass over the answers): {spread(seconds)}")


def _build(shops: int, rng: random.Random) -> int:
    project = journey.create_project(journey.create_client("Benchmark retail"), "Shops")
    touchpoint = journey.add_touchpoint(project, name="Store counter", channel="store")
    instrument, version = instruments.new_instrument(touchpoint, "checklist", "Store visit")
    for number in range(ITEMS):
        instruments.add_item(
            version,
            key=f"i{number}",
            item_type="scale" if number % 5 == 0 else "yes_no",
            section=SECTIONS[number % len(SECTIONS)],
            text_en=f"Item {number}",
            points=1 + number % 3,
            kano_tag=KANO[number % len(KANO)],
            critical=number == 0,
            na_allowed=number % 4 == 3,
            settings={"min": 1, "max": 5} if number % 5 == 0 else {"good": "yes"},
        )
    instruments.publish(version)
    shopper = User(email="bench@example.com", role="shopper", password_hash="-")
    locations = [
        Location(project=project, name=f"Store {n:02d}", is_competitor=n < COMPETITORS)
        for n in range(LOCATIONS)
    ]
    waves = [Wave(project=project, sequence=n, label=f"Wave {n}") for n in range(WAVES)]
    db.session.add_all([shopper, *locations, *waves])
    db.session.commit()
    items = list(version.items)
    responses, assignments, answers = [], [], []
    for number in range(1, shops + 1):
        location, wave = rng.choice(locations), waves[number % WAVES]
        responses.append(
            {
                "id": number,
                "submission_id": f"bench-{number}",
                "content_hash": "-",
                "version_id": version.id,
                "wave_id": wave.id,
                "respondent_group": "shopper",
                "location_id": location.id,
            }
        )
        assignments.append(
            {
                "shopper_id": shopper.id,
                "location_id": location.id,
                "instrument_id": instrument.id,
                "wave_id": wave.id,
                "visit_from": date(2026, 11, 1),
                "visit_to": date(2026, 11, 14),
                "status": "approved",
                "return_comment": "",
                "response_id": number,
            }
        )
        for item in items:
            value = None
            if not (item.na_allowed and rng.random() < 0.3):
                value = rng.randint(1, 5) if item.item_type == "scale" else rng.random() < 0.8
            answers.append(
                {
                    "response_id": number,
                    "item_id": item.id,
                    "number": None if value is None else float(value),
                    "not_applicable": value is None,
                    "earned": earned_points(item.item_type, item.settings, item.points, value),
                }
            )
    for model, rows in ((Response, responses), (Assignment, assignments), (Answer, answers)):
        for start in range(0, len(rows), 20_000):
            db.session.execute(insert(model), rows[start : start + 20_000])
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    return project.id


def _time(project_id: int, repeat: int) -> list[float]:
    seconds = []
    for _ in range(repeat):
        db.session.expunge_all()
        started = time.perf_counter()
        seen = checklist_overview.overview(project_id)
        results.photos_of([row.key[0] for row in results.recent_shops(project_id, 200)])
        seconds.append(time.perf_counter() - started)
        assert seen.own.shops and len(seen.ranking) == LOCATIONS - COMPETITORS, "nothing scored"
    return seconds


if __name__ == "__main__":
    main()
