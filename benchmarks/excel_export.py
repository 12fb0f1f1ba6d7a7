"""Excel export of 100,000 responses x 40 items: Surveyor's writer against XlsxWriter and pandas.

Issue 6 targets, measured in one run on the same data: Surveyor's Responses sheet in at most
1.5x the time of XlsxWriter's ``constant_memory`` mode writing the same cells, at most half the
time of ``pandas.DataFrame.to_excel``, and peak memory under 150 MB.

The questionnaire has 36 Kano features and the CSAT, NPS, CES and contacts items (40 items, 85
columns: 8 describing the response, two per Kano pair, one per scale, two for contacts). All
three writers read the same rows from the same streaming query
(:func:`surveyor.services.reports.response_rows.response_rows`), so the difference is the
writer. Each
writer runs in its own process; its peak resident memory (``VmHWM``) includes the Python
interpreter and the libraries (the "before" column: after start-up, before writing). Needs the
``bench`` extra (xlsxwriter, pandas). Usage:

    .venv/bin/python benchmarks/excel_export.py [--responses 100000] [--database URL]

Without --database it uses a fresh SQLite file in a temporary folder. A PostgreSQL database named
with --database is EMPTIED first (its public schema is dropped and created again).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench_common import fresh_schema, kano_hotline

from surveyor import create_app
from surveyor.extensions import db
from surveyor.services.synthetic import SampleSpec, insert_kano_responses

FEATURES = 36
SCALES = {"csat", "nps", "ces", "contacts"}
MIX = {"O": 40, "M": 30, "A": 15, "I": 12, "Q": 3}
WRITERS = ("surveyor", "xlsxwriter", "pandas", "surveyor-workbook")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--database", help="SQLAlchemy URL; default: a temporary SQLite file")
    parser.add_argument("--writer", choices=WRITERS, help=argparse.SUPPRESS)
    parser.add_argument("--project", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.writer:
        print(json.dumps(_run_writer(args.database, args.writer, args.project, args.out)))
        return
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
        with app.app_context():
            fresh_schema(migrate=True)
            started = time.perf_counter()
            project_id = _build(args.responses)
            inserted = time.perf_counter() - started
        results = {}
        for writer in WRITERS:
            out = str(Path(folder) / f"{writer}.xlsx")
            results[writer] = _in_subprocess(url, writer, project_id, out)
        _report(args.responses, db_kind(url), inserted, results)


def db_kind(url: str) -> str:
    return "PostgreSQL" if url.startswith("postgresql") else "SQLite"


def _build(responses: int) -> int:
    _, version, wave = kano_hotline(FEATURES, "closed", optional=SCALES)
    wave.opens_at = datetime(2026, 3, 1, tzinfo=UTC)
    mixes = {item.key: MIX for item in version.items if item.item_type == "kano_feature"}
    spec = SampleSpec(wave=wave, group="customer", count=responses, mixes=mixes)
    insert_kano_responses(version.id, list(version.items), spec, random.Random(6))
    db.session.commit()
    return wave.project_id


def _in_subprocess(url: str, writer: str, project_id: int, out: str) -> dict:
    command = [sys.executable, __file__, "--database", url, "--writer", writer]
    command += ["--project", str(project_id), "--out", out]
    finished = subprocess.run(command, capture_output=True, text=True)
    if finished.returncode != 0:
        raise RuntimeError(f"writer {writer} failed:\n{finished.stderr[-2000:]}")
    return json.loads(finished.stdout.strip().splitlines()[-1])


def _run_writer(url: str, writer: str, project_id: int, out: str) -> dict:
    from surveyor import database
    from surveyor.services.reports.scope import ExportScope, load_context
    from surveyor.services.reports.workbooks import build_workbook

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        scope = ExportScope(project_id)
        baseline = _max_rss_mb()
        if writer == "surveyor-workbook":  # the whole build, its own snapshot included
            started, cpu_started = time.perf_counter(), time.process_time()
            rows = build_workbook(scope, out)
            seconds = time.perf_counter() - started
            cpu_seconds = time.process_time() - cpu_started
        else:
            with database.snapshot():
                context = load_context(scope)
                started, cpu_started = time.perf_counter(), time.process_time()
                rows = WRITER_FUNCTIONS[writer](context, out)
                seconds = time.perf_counter() - started
                cpu_seconds = time.process_time() - cpu_started
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_mb": _max_rss_mb(),
        "before_mb": baseline,
        "rows": rows,
        "bytes": Path(out).stat().st_size,
    }


def _surveyor(context, out: str) -> int:
    from openpyxl import Workbook

    from surveyor.export.sheets import responses
    from surveyor.services.reports.response_rows import response_sheet

    workbook = Workbook(write_only=True)
    rows = responses.build(workbook, _Only(response_sheet(context)), lambda share: None)
    workbook.save(out)
    return rows


class _Only:
    """A workbook's content with nothing but the Responses sheet, for the writer alone."""

    def __init__(self, responses) -> None:
        self.responses = responses


def _xlsxwriter(context, out: str) -> int:
    import xlsxwriter

    from surveyor.export.sheets.responses import meta_headers
    from surveyor.services.reports.response_rows import response_sheet

    data = response_sheet(context)
    workbook = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "remove_timezone": True,
            "default_date_format": "yyyy-mm-dd hh:mm",
        },
    )
    sheet = workbook.add_worksheet("Responses")
    header = meta_headers() + [column.header for column in data.columns]
    sheet.write_row(0, 0, header, workbook.add_format({"bold": True}))
    sheet.freeze_panes(1, 0)
    count = 0
    for count, row in enumerate(data.rows(None), start=1):
        sheet.write_row(count, 0, row)
    sheet.autofilter(0, 0, count, len(header) - 1)
    workbook.close()
    return count


def _pandas(context, out: str) -> int:
    import pandas

    from surveyor.export.sheets.responses import meta_headers
    from surveyor.services.reports.response_rows import response_sheet

    data = response_sheet(context)
    header = meta_headers() + [column.header for column in data.columns]
    frame = pandas.DataFrame.from_records(list(data.rows(None)), columns=header)
    frame.to_excel(out, sheet_name="Responses", index=False)
    return len(frame)


WRITER_FUNCTIONS = {"surveyor": _surveyor, "xlsxwriter": _xlsxwriter, "pandas": _pandas}


def _max_rss_mb() -> float:
    """This process's peak resident memory (VmHWM; ``ru_maxrss`` would include the parent's)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _report(responses: int, kind: str, inserted: float, results: dict) -> None:
    import openpyxl
    import pandas
    import xlsxwriter

    ours, xw, pd = results["surveyor"], results["xlsxwriter"], results["pandas"]
    versions = (
        f"openpyxl {openpyxl.__version__} (lxml), XlsxWriter {xlsxwriter.__version__}, "
        f"pandas {pandas.__version__}"
    )
    print(f"{responses:,} responses x 40 items on {kind}; data inserted in {inserted:.0f} s")
    print(f"Python {platform.python_version()}, {versions}")
    print(
        "| writer | wall time (s) | CPU time (s) | peak RSS (MB) | before (MB) | file (MB) | rows |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    names = {
        "surveyor": "Surveyor (Responses sheet, openpyxl write-only + lxml)",
        "xlsxwriter": "XlsxWriter constant_memory (same rows)",
        "pandas": "pandas.DataFrame.to_excel (same rows)",
        "surveyor-workbook": "Surveyor, whole workbook (all 8 sheets)",
    }
    for writer, result in results.items():
        print(
            f"| {names[writer]} | {result['seconds']:.1f} | {result['cpu_seconds']:.1f} | "
            f"{result['peak_mb']:.0f} | "
            f"{result['before_mb']:.0f} | {result['bytes'] / 1e6:.1f} | {result['rows']:,} |"
        )
    for measure in ("seconds", "cpu_seconds"):
        print(
            f"{measure}: Surveyor / XlsxWriter {ours[measure] / xw[measure]:.2f} (target <= 1.5); "
            f"Surveyor / pandas {ours[measure] / pd[measure]:.2f} (target <= 0.5)"
        )
    print(f"Surveyor peak: {ours['peak_mb']:.0f} MB (target < 150)")


if __name__ == "__main__":
    main()
