"""How fast an integration pages through all responses with GET /api/v1/responses (issue 7).

Keyset paging (``WHERE id > cursor ORDER BY id LIMIT n``) should cost the same on the last page
as on the first, unlike OFFSET paging, which rereads every skipped row. Builds the demo client
with ``--responses`` Kano responses (8 answer pairs each, bulk inserted), then walks every page
of 200 through the Flask test client with an API token, timing each request (JSON included).
For comparison it times the same page fetched by OFFSET at the start and at the end. Usage:

    .venv/bin/python benchmarks/api_paging.py [--responses 100000] [--database URL] [--user viewer]

``--user`` pages as the demo's admin (default), consultant or viewer: an admin's pages skip the
tenancy filter, a viewer's pass the client filter and hide unapproved shops.

Without --database it uses a fresh SQLite file in a temporary folder. A PostgreSQL database named
with --database is EMPTIED first (its public schema is dropped and created again).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench_common import fresh_schema
from sqlalchemy import select

from surveyor import create_app, demo
from surveyor.extensions import db
from surveyor.models import Response, User
from surveyor.services.accounts import api_tokens

LIMIT = 200
USERS = {
    "admin": demo.ADMIN_EMAIL,
    "consultant": demo.CONSULTANT_EMAIL,
    "viewer": demo.VIEWER_EMAIL,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--database", help="SQLAlchemy URL; default: a temporary SQLite file")
    parser.add_argument("--user", choices=sorted(USERS), default="admin")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
        with app.app_context():
            fresh_schema(migrate=True)
            demo.create_demo(responses=args.responses)
            reader = db.session.scalar(select(User).where(User.email == USERS[args.user]))
            _, secret = api_tokens.create_token(reader, "benchmark")
            db.session.commit()
            offsets = _offset_pages()
        pages, total = _walk(app, secret)
        with app.app_context():
            db.engine.dispose()
    backend = url.split(":", 1)[0].split("+")[0]
    first, last = pages[:10], pages[-10:]
    print(f"{backend}, as {args.user}: {total:,} responses in {len(pages):,} pages of {LIMIT} "
          f"in {sum(pages):.1f} s ({total / sum(pages):,.0f} responses/s)")  # fmt: skip
    print(f"{backend}: keyset page, median of first 10 {statistics.median(first) * 1000:.1f} ms, "
          f"of last 10 {statistics.median(last) * 1000:.1f} ms")  # fmt: skip
    print(f"{backend}: OFFSET query alone, first page {offsets[0] * 1000:.1f} ms, "
          f"last page {offsets[1] * 1000:.1f} ms")  # fmt: skip


def _walk(app, secret: str) -> tuple[list[float], int]:
    client = app.test_client()
    headers = {"Authorization": f"Bearer {secret}"}
    seconds, total, cursor = [], 0, 0
    while cursor is not None:
        started = time.perf_counter()
        page = client.get(f"/api/v1/responses?limit={LIMIT}&after={cursor}", headers=headers).json
        seconds.append(time.perf_counter() - started)
        total += len(page["items"])
        cursor = page["next_cursor"]
    return seconds, total


def _offset_pages() -> tuple[float, float]:
    """The bare id query of the first and the last page by OFFSET, for comparison."""
    count = db.session.scalar(select(db.func.count()).select_from(Response))
    timings = []
    for offset in (0, max(count - LIMIT, 0)):
        query = select(Response.id).order_by(Response.id).offset(offset).limit(LIMIT)
        started = time.perf_counter()
        db.session.execute(query).all()
        timings.append(time.perf_counter() - started)
    return timings[0], timings[1]


if __name__ == "__main__":
    main()
