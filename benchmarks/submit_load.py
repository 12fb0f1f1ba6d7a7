"""Survey submissions under load, faults and backup: gunicorn on SQLite and PostgreSQL (issue 8).

For each database the script serves Surveyor with gunicorn on 127.0.0.1 and, bounded in time:
1. throughput: C concurrent customers for T seconds, each opening the survey page and submitting;
2. rate: 100 submissions per second (page + submit each), latency percentiles at that load;
3. double submit: each form posted 5 times in parallel must store exactly one response;
4. backup during load: ``surveyor backup`` at mid-run, restored into a scratch database, must hold
   every submission acknowledged before the backup started;
5. kill -9: the whole gunicorn process group is SIGKILLed mid-run and restarted; every submission
   acknowledged before must be present with all its answers;
6. bare: the same gunicorn set-up serving benchmarks/bare_app.py (one INSERT per POST).
After every phase the database is checked: stored responses == acknowledged submissions, zero
duplicate submission ids, every response complete (one answer pair per feature).

    .venv/bin/python benchmarks/submit_load.py [--databases sqlite,postgresql] [--seconds 15]
        [--concurrency 16] [--workers 4] [--threads 1] [--pg-url postgresql://...]

Traffic goes only to 127.0.0.1. The load generator runs on the same 2 cores as the server.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from load_client import (
    Recorder,
    bare_run,
    closed_loop,
    customer,
    double_submit,
    open_form,
    open_loop,
    percentiles,
    submitter,
    version_of,
)
from load_setup import (
    Server,
    bare_rows,
    cpu_cost,
    ensure_pg_database,
    prepare_database,
    scratch_url,
    serving,
    verify,
)


def run_database(kind: str, url: str, args, folder: Path) -> dict:
    token = prepare_database(url)
    log = folder / f"gunicorn-{kind}.log"
    server = Server("wsgi:app", url, args.port, args.workers, args.threads, log)
    results: dict = {"database": kind, "workers": args.workers, "threads": args.threads}
    results["load_average_before"] = round(os.getloadavg()[0], 1)  # other work on the machine
    everything: dict[str, float] = {}

    def check(phase: str, recorder_acked: dict, must_hold: set[str] | None = None) -> None:
        everything.update(recorder_acked)
        results[f"{phase}_check"] = verify(url, everything, must_hold)
        print(f"  {phase}: {results[f'{phase}_check']}", flush=True)

    with serving(server):
        warm = Recorder()  # warm-up: its submissions are acknowledged and checked too
        closed_loop(lambda: customer(args.port, token, warm), 2, args.concurrency)
        everything.update(warm.acked)

        recorder = Recorder()
        duration = closed_loop(
            lambda: customer(args.port, token, recorder), args.seconds, args.concurrency
        )
        results["throughput"] = _figures(recorder, duration)
        print(f"  throughput: {results['throughput']}", flush=True)
        check("throughput", recorder.acked)

        version_id = version_of(open_form(args.port, token, Recorder()))
        recorder = Recorder()
        duration = closed_loop(
            lambda: submitter(args.port, token, version_id, recorder),
            args.seconds,
            args.concurrency,
        )
        results["submit_only"] = _figures(recorder, duration)
        print(f"  submit only: {results['submit_only']}", flush=True)
        check("submit_only", recorder.acked)

        recorder = Recorder()
        duration = open_loop(lambda: customer(args.port, token, recorder), args.seconds, args.rate)
        results["rate"] = {"target_per_s": args.rate, **_figures(recorder, duration)}
        print(f"  rate: {results['rate']}", flush=True)
        check("rate", recorder.acked)

        doubled = double_submit(args.port, token, forms=50, copies=5)
        results["double_submit"] = {k: v for k, v in doubled.items() if k != "acked"}
        check("double_submit", doubled["acked"])

        results["backup"] = backup_during_load(url, token, args, folder, everything)
        check("after_backup_load", {})

    results["kill"] = kill_during_load(server, url, token, args, everything)
    check("after_restart", {})

    bare = Server("bare_app:app", url, args.port + 1, args.workers, args.threads, log)
    with serving(bare):
        run = bare_run(bare.port, args.seconds, args.concurrency)
    recorder = run["recorder"]
    results["bare"] = _figures(recorder, run["duration"])
    results["bare"]["rows_match"] = bare_rows(url) == len(recorder.acked)
    print(f"  bare: {results['bare']}", flush=True)
    results["cpu"] = cpu_cost(url, token)  # after the bare run: it adds rows to both tables
    print(f"  cpu per request: {results['cpu']}", flush=True)
    results["load_average_after"] = round(os.getloadavg()[0], 1)
    print(f"  load average {results['load_average_before']} -> {results['load_average_after']}")
    return results


def backup_during_load(url: str, token: str, args, folder: Path, everything: dict) -> dict:
    from surveyor.services.operations import backup

    recorder = Recorder()
    target = folder / f"backup-{url.split(':')[0].split('+')[0]}.tar"  # one per database
    marks: dict = {}

    def take_backup() -> None:
        with recorder.lock:
            marks["before"] = set(recorder.acked) | set(everything)
        started = time.perf_counter()
        backup.backup(url, target)
        marks["seconds"] = round(time.perf_counter() - started, 2)

    duration = closed_loop(
        lambda: customer(args.port, token, recorder),
        args.seconds,
        args.concurrency,
        midway=take_backup,
    )
    everything.update(recorder.acked)
    restored = scratch_url(url, folder)
    backup.restore(target, restored)
    check = verify(restored, everything, must_hold=marks["before"])
    figures = _figures(recorder, duration)
    return {
        "backup_seconds": marks["seconds"],
        "bytes": target.stat().st_size,
        "submits_per_s_during": figures["submits_per_s"],
        "acked_before_backup": len(marks["before"]),
        "missing_in_restore": check["missing"],
        "restored_rows": check["stored"],
        "incomplete_in_restore": check["incomplete"],
    }


def kill_during_load(server: Server, url: str, token: str, args, everything: dict) -> dict:
    server.start()
    recorder = Recorder()

    def kill_when_busy() -> None:
        """Mid-run, and not before submissions flow (a loaded machine starts workers slowly)."""
        deadline = time.monotonic() + args.seconds
        while len(recorder.acked) < 2 * args.concurrency and time.monotonic() < deadline:
            time.sleep(0.05)
        server.kill()

    duration = closed_loop(
        lambda: customer(args.port, token, recorder),
        args.seconds * 2,
        args.concurrency,
        midway=kill_when_busy,
    )
    acked_before_restart = dict(recorder.acked)
    everything.update(recorder.acked)
    check = verify(url, everything, must_hold=set(acked_before_restart))
    server.start()
    after = Recorder()
    closed_loop(lambda: customer(args.port, token, after), 3, args.concurrency)
    server.stop()
    everything.update(after.acked)
    return {
        "acked_before_kill": len(acked_before_restart),
        "missing_after_restart": check["missing"],
        "incomplete": check["incomplete"],
        "client_errors_during_kill": dict(recorder.errors),
        "submits_after_restart": len(after.acked),
        "seconds": round(duration, 1),
    }


def _figures(recorder: Recorder, duration: float) -> dict:
    return {
        "submits_per_s": round(len(recorder.acked) / duration, 1),
        "page": percentiles(recorder.pages),
        "submit": percentiles(recorder.submits),
        "errors": dict(recorder.errors),
        "acknowledged": len(recorder.acked),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/h8_load")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--keep", help="keep databases, backups and server logs in this folder")
    args = parser.parse_args()
    figures = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(args.keep or name)
        folder.mkdir(parents=True, exist_ok=True)
        for kind in args.databases.split(","):
            url = f"sqlite:///{folder / 'load.sqlite'}" if kind == "sqlite" else args.pg_url
            if kind == "postgresql":
                ensure_pg_database(url)
            print(f"{kind}: workers={args.workers} threads={args.threads}", flush=True)
            figures.append(run_database(kind, url, args, folder))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
