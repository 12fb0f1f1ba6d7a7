"""How long the largest allowed instrument takes to export and import (issues 3 and 4).

An upload runs in the web request, so the worst case must stay well inside a request timeout:
a checklist of 500 items (the row limit), every fifth one a single choice with five options, is
written as the Excel template and as JSON, read back, validated and imported into a new draft
on a fresh SQLite database. Usage:

    .venv/bin/python benchmarks/instrument_io.py [--items 500] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import tempfile
import time
from pathlib import Path

from surveyor import create_app
from surveyor.extensions import db
from surveyor.schemas.instrument import FORMAT
from surveyor.services.instruments import instrument_io
from surveyor.services.instruments.instrument_excel import write_workbook
from surveyor.services.instruments.instrument_excel_reader import read_workbook
from surveyor.services.projects import journey


def definition(items: int) -> dict:
    rows = []
    for number in range(items):
        item = {
            "key": f"item-{number}",
            "type": "yes_no",
            "section": f"Section {number // 25 + 1}",
            "text_en": f"The shopper was greeted within {number} seconds.",
            "text_de": f"Der Kunde wurde innerhalb von {number} Sekunden begrüßt.",
            "points": 2,
            "kano_tag": "basic",
        }
        if number % 5 == 0:
            item |= {
                "type": "choice",
                "options": [
                    {
                        "value": f"o{o}",
                        "label_en": f"Option {o}",
                        "label_de": f"Wahl {o}",
                        "points": o / 2,
                    }
                    for o in range(5)
                ],
            }
        rows.append(item)
    return {
        "format": FORMAT,
        "kind": "checklist",
        "name": "Benchmark",
        "languages": ["en", "de"],
        "items": rows,
    }


def timed(action, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite'}",
            "SECRET_KEY": "benchmark",
        }
    )
    data = definition(args.items)
    with app.app_context():
        db.create_all()
        project = journey.create_project(journey.create_client("Bench"), "Bench")
        touchpoint = journey.add_touchpoint(project, name="Store", channel="store")
        instrument = instrument_io.create_from_definition(touchpoint, data)
        db.session.commit()
        exported = instrument_io.export_definition(instrument.versions[-1])
        workbook = write_workbook(exported)
        text = json.dumps(exported).encode()

        def import_excel() -> None:
            instrument_io.import_definition(instrument, *read_workbook(workbook))
            db.session.commit()

        def import_json() -> None:
            instrument_io.import_definition(instrument, instrument_io.read_json(text))
            db.session.commit()

        results = {
            "write Excel template": timed(lambda: write_workbook(exported), args.repeat),
            "read + validate + import Excel": timed(import_excel, args.repeat),
            "read + validate + import JSON": timed(import_json, args.repeat),
        }
    print(
        f"{args.items} items, workbook {len(workbook) / 1024:.0f} KB, JSON {len(text) / 1024:.0f}"
        f" KB; Python {platform.python_version()}"
    )
    print("| Step | Median | Min | Max |\n|---|---|---|---|")
    for step, times in results.items():
        print(
            f"| {step} | {statistics.median(times):.2f} s | {min(times):.2f} s "
            f"| {max(times):.2f} s |"
        )


if __name__ == "__main__":
    main()
