"""How long ``surveyor demo`` takes to create N Kano responses (8 answer pairs each).

The export and load benchmarks build their data with the demo command, so it must create
100,000 responses in a few minutes. Usage:

    .venv/bin/python benchmarks/demo_bulk_insert.py [--responses 100000] [--database URL]

Without --database it uses a fresh SQLite file in a temporary folder. A PostgreSQL database
named with --database is emptied first (the demo's --reset).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--database", help="SQLAlchemy URL; default: a temporary SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        environment = {**os.environ, "SURVEYOR_DATABASE_URL": url, "SURVEYOR_SECRET_KEY": "bench"}
        command = [
            str(Path(sys.executable).with_name("surveyor")),
            "demo",
            "--no-serve",
            "--reset",
            "--responses",
            str(args.responses),
        ]
        started = time.perf_counter()
        subprocess.run(command, env=environment, check=True, stdout=subprocess.DEVNULL)
        elapsed = time.perf_counter() - started
    backend = url.split(":", 1)[0]
    print(
        f"{platform.node()} {platform.processor() or platform.machine()} "
        f"python {platform.python_version()}"
    )
    print(
        f"{backend}: {args.responses} responses ({args.responses * 8} answer pairs) "
        f"in {elapsed:.1f} s = {args.responses / elapsed:,.0f} responses/s"
    )


if __name__ == "__main__":
    main()
