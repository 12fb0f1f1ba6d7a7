"""How long the client deck of a large project takes: 50 touchpoints, three waves.

Each touchpoint has a Kano questionnaire of 8 features with CSAT, NPS and CES, answered by
``--responses`` customers per wave (synthetic, :mod:`surveyor.services.synthetic`), and a measure
that went live between the first and the second wave; so every touchpoint gets its Kano,
standard-question and trend slides. Times :func:`surveyor.services.reports.decks.build_deck`
(assembly and writing) in English. Target: under a minute on the 2-core CI machine. Usage:

    .venv/bin/python benchmarks/deck.py [--responses 200] [--database URL] [--repeat 3]
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from bench_common import arguments, database_url, fresh_schema, machine, spread
from pptx import Presentation

from surveyor import create_app
from surveyor.extensions import db
from surveyor.models import Measure, Wave
from surveyor.services.instruments import instruments
from surveyor.services.projects import journey
from surveyor.services.reports.decks import build_deck
from surveyor.services.reports.scope import ExportScope
from surveyor.services.synthetic import SampleSpec, insert_kano_responses

TOUCHPOINTS = 50
FEATURES = 8
MIXES = (
    {"M": 0.5, "O": 0.2, "A": 0.1, "I": 0.2},
    {"O": 0.5, "M": 0.2, "A": 0.2, "I": 0.1},
    {"A": 0.45, "O": 0.2, "I": 0.35},
)


def main() -> None:
    args = arguments(__doc__.splitlines()[0], "responses", 200, repeat=3)
    with tempfile.TemporaryDirectory() as folder:
        url = database_url(args.database, folder)
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
        with app.app_context():
            fresh_schema()
            started = time.perf_counter()
            project_id = _project(args.responses)
            print(f"data: {time.perf_counter() - started:.1f} s")
        timings = []
        for run in range(args.repeat):
            out = Path(folder) / f"deck-{run}.pptx"
            with app.app_context():
                started = time.perf_counter()
                slides = build_deck(ExportScope(project_id, lang="en"), out)
                timings.append(time.perf_counter() - started)
            assert len(Presentation(str(out)).slides) == slides
        print(machine())
        print(
            f"{url.split(':', 1)[0]}: {TOUCHPOINTS} touchpoints, 3 waves, "
            f"{args.responses} responses per touchpoint and wave, {slides} slides, "
            f"{out.stat().st_size // 1024} KiB: {spread(timings, 2)}"
        )


def _project(responses: int) -> int:
    rng = random.Random(23)
    client = journey.create_client("Benchmark utility")
    project = journey.create_project(client, "Deck benchmark")
    waves = [
        Wave(
            project=project,
            sequence=number,
            label=label,
            status="closed",
            opens_at=datetime(2026, 1 + 4 * number, 1, tzinfo=UTC),
        )
        for number, label in enumerate(("Baseline", "Follow-up 1", "Follow-up 2"))
    ]
    db.session.add_all(waves)
    for number in range(1, TOUCHPOINTS + 1):
        touchpoint = journey.add_touchpoint(
            project, name=f"Touchpoint {number}", channel="phone", weight=1 + number % 3
        )
        _, version = instruments.new_instrument(touchpoint, "kano", f"Survey {number}")
        for feature in range(1, FEATURES + 1):
            instruments.add_item(
                version,
                key=f"f{feature}",
                item_type="kano_feature",
                text_en=f"Feature {feature} of touchpoint {number} is there.",
                negative_text_en=f"Feature {feature} of touchpoint {number} is missing.",
            )
        instruments.set_optional_items(version, {"csat", "nps", "ces"})
        instruments.publish(version)
        db.session.add(
            Measure(
                touchpoint=touchpoint,
                title=f"Measure {number}",
                cluster="process",
                go_live=date(2026, 3, 1),
            )
        )
        db.session.flush()
        mixes = {f"f{feature}": MIXES[feature % 3] for feature in range(1, FEATURES + 1)}
        for wave in waves:
            spec = SampleSpec(wave, "customer", responses, mixes, improved=wave.sequence > 0)
            insert_kano_responses(version.id, version.items, spec, rng)
    db.session.commit()
    return project.id


if __name__ == "__main__":
    main()
