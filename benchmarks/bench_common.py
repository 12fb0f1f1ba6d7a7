"""What the benchmark scripts share: their database, a fresh schema, the machine, a spread.

The scripts run as ``.venv/bin/python benchmarks/<name>.py``, so this folder is on ``sys.path``
and they import this module by its plain name.
"""

from __future__ import annotations

import argparse
import platform
import statistics
from collections.abc import Sequence
from pathlib import Path

from flask import current_app
from flask_migrate import upgrade
from sqlalchemy import text

from surveyor.extensions import db
from surveyor.models import Instrument, InstrumentVersion, Wave
from surveyor.services.instruments import instruments
from surveyor.services.projects import journey
from surveyor.services.synthetic import PAIRS_BY_CATEGORY

# Category mixes (percent) of the synthetic Kano features, one per feature in turn: a basic, a
# performance, an attractive and an indifferent feature, each with some noise.
KANO_MIXES = (
    {"M": 60, "O": 20, "I": 15, "A": 3, "Q": 2},
    {"O": 50, "M": 25, "A": 10, "I": 13, "Q": 2},
    {"A": 50, "I": 30, "O": 12, "R": 5, "Q": 3},
    {"I": 50, "R": 25, "A": 15, "M": 5, "Q": 5},
)


def arguments(description: str, size: str, default: int, repeat: int = 5) -> argparse.Namespace:
    """``--<size>`` (how much data), ``--database`` and ``--repeat``, the options every data
    benchmark takes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(f"--{size}", type=int, default=default)
    parser.add_argument("--database", help="SQLAlchemy URL; default: a temporary SQLite file")
    parser.add_argument("--repeat", type=int, default=repeat)
    return parser.parse_args()


def database_url(option: str | None, folder: str | Path) -> str:
    """The ``--database`` URL, or a SQLite file in the run's temporary ``folder``."""
    return option or f"sqlite:///{Path(folder) / 'bench.sqlite'}"


def fresh_schema(migrate: bool = False) -> None:
    """Empty the database of the current app and create the tables, by the migrations or from
    the models (the two give the same schema: tests/test_migrations.py)."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.session.commit()
    if migrate:
        upgrade(directory=current_app.extensions["migrate"].directory)
    else:
        db.create_all()


def machine() -> str:
    """Host, processor and Python, for the line that goes into docs/benchmarks.md."""
    processor = platform.processor() or platform.machine()
    return f"{platform.node()} {processor} python {platform.python_version()}"


def spread(seconds: Sequence[float], digits: int = 3) -> str:
    """``median 0.712 s, min 0.701 s, max 1.270 s over 5 runs``."""
    return (
        f"median {statistics.median(seconds):.{digits}f} s, min {min(seconds):.{digits}f} s, "
        f"max {max(seconds):.{digits}f} s over {len(seconds)} runs"
    )


def kano_hotline(
    features: int,
    wave_status: str,
    asks_importance: bool = False,
    optional: Sequence[str] = (),
) -> tuple[Instrument, InstrumentVersion, Wave]:
    """A client, project and hotline touchpoint with a published Kano questionnaire of
    ``features`` features (plus ``optional`` standard items such as "csat") and one baseline
    wave, flushed but not committed."""
    client = journey.create_client("Benchmark utility")
    project = journey.create_project(client, "Benchmark")
    touchpoint = journey.add_touchpoint(project, name="Hotline", channel="phone")
    instrument, version = instruments.new_instrument(touchpoint, "kano", "Hotline")
    for number in range(1, features + 1):
        instruments.add_item(
            version,
            key=f"f{number}",
            item_type="kano_feature",
            text_en=f"Feature {number} is there.",
            negative_text_en=f"Feature {number} is missing.",
            asks_importance=asks_importance,
        )
    instruments.set_optional_items(version, set(optional))
    instruments.publish(version)
    wave = Wave(project=project, sequence=0, label="Baseline", status=wave_status)
    db.session.add(wave)
    db.session.flush()
    return instrument, version, wave


def pair_weights(mix: dict[str, float]) -> tuple[list[tuple[int, int]], list[float]]:
    """The answer pairs of a category mix and their weights, for ``random.choices``: each
    category's share split evenly over the pairs the Kano table maps to it."""
    options = [(p, mix[c] / len(PAIRS_BY_CATEGORY[c])) for c in mix for p in PAIRS_BY_CATEGORY[c]]
    return [pair for pair, _ in options], [weight for _, weight in options]
