"""How far one PostgreSQL carries Surveyor: two web servers, and storage per response and photo.

The figures behind docs/deployment.md (issue 19, "growing past one machine"):
1. submissions per second with **two** gunicorn web servers on one PostgreSQL (customers open
   the survey page and submit, spread over both servers at random), checked afterwards: stored
   responses == acknowledged submissions, no duplicates;
2. database storage per 100,000 responses (tables and indexes of responses and their answers,
   measured with ``pg_total_relation_size`` after a bulk insert of that many responses);
3. file storage per 1,000 photos (a full-size 12 MP phone photo as Surveyor stores it: upright,
   at most 2,560 px, re-encoded).

    .venv/bin/python benchmarks/deployment_capacity.py --pg-url postgresql://.../bench
        [--seconds 15] [--concurrency 16] [--workers 2] [--threads 2] [--responses 100000]

The database named in ``--pg-url`` is emptied. Load generator and servers share the machine.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import tempfile
from pathlib import Path

from load_client import Recorder, closed_loop, customer
from load_setup import Server, ensure_pg_database, prepare_database, serving, verify
from shop_photos import camera_photo
from sqlalchemy import text

TABLES = ("response", "answer", "kano_answer")


def submissions(url: str, args, folder: Path) -> dict:
    token = prepare_database(url)
    ports = (args.port, args.port + 1)
    servers = [
        Server("wsgi:app", url, port, args.workers, args.threads, folder / f"web-{port}.log")
        for port in ports
    ]
    with serving(servers[0]), serving(servers[1]):
        warm = Recorder()
        closed_loop(lambda: customer(random.choice(ports), token, warm), 2, args.concurrency)
        recorder = Recorder()
        duration = closed_loop(
            lambda: customer(random.choice(ports), token, recorder), args.seconds, args.concurrency
        )
    acked = {**warm.acked, **recorder.acked}
    return {
        "web_servers": 2,
        "workers_each": args.workers,
        "threads_each": args.threads,
        "concurrency": args.concurrency,
        "responses_per_s": round(len(recorder.acked) / duration, 1),
        "check": verify(url, acked),
    }


def storage_per_100k(url: str, responses: int) -> dict:
    from bench_common import kano_hotline

    from surveyor import create_app
    from surveyor.extensions import db
    from surveyor.services.synthetic import SampleSpec, insert_kano_responses

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        before = _bytes(db)
        _instrument, version, wave = kano_hotline(8, "open", optional=("csat", "nps"))
        mix = {"A": 0.25, "O": 0.3, "M": 0.3, "I": 0.15}
        spec = SampleSpec(
            wave=wave,
            group="customer",
            count=responses,
            mixes={item.key: mix for item in version.items},
        )
        insert_kano_responses(version.id, list(version.items), spec, random.Random(19))
        db.session.commit()
        grown = _bytes(db) - before
        db.engine.dispose()
    return {
        "responses": responses,
        "features": 8,
        "standard_questions": 2,
        "bytes": grown,
        "mb_per_100k_responses": round(grown / responses * 100_000 / 1e6, 1),
    }


def _bytes(db) -> int:
    sizes = (f"pg_total_relation_size('{table}')" for table in TABLES)
    return int(db.session.scalar(text("SELECT " + " + ".join(sizes))))


def storage_per_1000_photos() -> dict:
    from surveyor.services.shops.photos import clean_image

    stored = clean_image(io.BytesIO(camera_photo("JPEG")))
    return {
        "photo": "12 MP JPEG from a phone, camera noise",
        "stored_bytes": len(stored.data),
        "stored_edge_px": max(stored.width, stored.height),
        "mb_per_1000_photos": round(len(stored.data) * 1000 / 1e6),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-url", required=True)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--responses", type=int, default=100_000)
    args = parser.parse_args()
    ensure_pg_database(args.pg_url)
    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
        "load_average_before": round(os.getloadavg()[0], 1),
    }
    with tempfile.TemporaryDirectory() as folder:
        results["submissions"] = submissions(args.pg_url, args, Path(folder))
        print(json.dumps(results["submissions"]), flush=True)
    results["storage"] = storage_per_100k(args.pg_url, args.responses)
    print(json.dumps(results["storage"]), flush=True)
    results["photos"] = storage_per_1000_photos()
    results["load_average_after"] = round(os.getloadavg()[0], 1)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
