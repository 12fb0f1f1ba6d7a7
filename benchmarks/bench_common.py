"""What the benchmark scripts share: their database, a fresh schema, the machine, a spread.

The scripts run as ``.venv/bin/python benchmarks/<name>.py``, so this folder is on ``sys.path``
and they import this module by its plain name.
"""

from __future__ import annotations

import platform
import statistics
from collections.abc import Sequence
from pathlib import Path

from flask import current_app
from flask_migrate import upgrade
from sqlalchemy import text

from surveyor.extensions import db


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
