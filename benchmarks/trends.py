"""How long the trend page's data takes: ``touchpoint_trend`` of the demo's service hotline.

The trend of a touchpoint runs the Kano GROUP BY over all its waves, one GROUP BY over the
standard questions (CSAT, NPS, contacts) of the whole project, and the checklist GROUP BYs;
the statistics run on the grouped rows only. Usage:

    .venv/bin/python benchmarks/trends.py [--responses 100000] [--database URL] [--runs 5]

Without --database it uses a fresh SQLite file in a temporary folder; a PostgreSQL database
named with --database is emptied first (the demo's --reset).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--database", help="SQLAlchemy URL; default: a temporary SQLite file")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        environment = {**os.environ, "SURVEYOR_DATABASE_URL": url, "SURVEYOR_SECRET_KEY": "bench"}
        command = [
            str(Path(sys.executable).with_name("surveyor")),
            *("demo", "--no-serve", "--reset", "--responses", str(args.responses)),
        ]
        subprocess.run(command, env=environment, check=True, stdout=subprocess.DEVNULL)
        timings = _time_trend(url, args.runs)
    print(
        f"{platform.node()} {platform.processor() or platform.machine()} "
        f"python {platform.python_version()}"
    )
    print(
        f"{url.split(':', 1)[0]}: {args.responses} responses, touchpoint_trend median "
        f"{statistics.median(timings):.2f} s, min {min(timings):.2f} s, max {max(timings):.2f} s"
    )


def _time_trend(url: str, runs: int) -> list[float]:
    from sqlalchemy import select

    from surveyor import create_app
    from surveyor.extensions import db
    from surveyor.models import Touchpoint
    from surveyor.services.results import trends

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    timings = []
    for _ in range(runs):
        with app.app_context():
            started = time.perf_counter()
            hotline = db.session.scalar(
                select(Touchpoint).where(Touchpoint.name == "Service hotline")
            )
            trend = trends.touchpoint_trend(hotline)
            trends.measure_effects(hotline, trend)
            timings.append(time.perf_counter() - started)
            assert trend.alerts, "the demo's drift should be found"
    return timings


if __name__ == "__main__":
    main()
