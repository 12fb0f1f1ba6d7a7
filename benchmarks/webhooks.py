"""What webhooks cost: the submission's extra work, and how fast the worker delivers.

``events.record`` runs inside every submission's transaction: without a subscription it is one
SELECT, with subscriptions one INSERT of a row per subscription. This script stores
``--submissions`` responses through ``submissions.submit_kano`` without and then with three
``response.stored`` subscriptions, and then lets the worker deliver every event to a local
receiver (threaded ``http.server``, answering 200 at once). Usage:

    .venv/bin/python benchmarks/webhooks.py [--submissions 1000] [--database URL] [--repeat 3]
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bench_common import arguments, database_url, fresh_schema, kano_hotline, machine

from surveyor import create_app
from surveyor.extensions import db
from surveyor.models import Project, User
from surveyor.models.base import utcnow
from surveyor.services.surveys import submissions, surveys
from surveyor.services.webhooks import delivery, subscriptions

SUBSCRIPTIONS = 3
RAW = {f"f{n}": {"functional": 1, "dysfunctional": 5} for n in (1, 2, 3)}


class _Quiet(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def _submit_all(target, version_id: int, count: int) -> list[float]:
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        submissions.submit_kano(target, version_id, uuid.uuid4().hex, RAW)
        timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    args = arguments(__doc__.splitlines()[0], "submissions", 1000, repeat=3)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": database_url(args.database, folder),
                "SECRET_KEY": "bench",
                "WEBHOOKS_ALLOW_LOCAL_TARGETS": True,
            }
        )
        with app.app_context():
            print(machine())
            for run in range(args.repeat):
                fresh_schema()
                instrument, version, wave = kano_hotline(3, "open")
                link = surveys.ensure_link(instrument, wave, "customer")
                user = User(email=f"bench{run}@example.com", role="consultant", name="Bench")
                user.set_password("benchmark-password-0")
                db.session.add(user)
                db.session.commit()
                target = surveys.SurveyTarget(link, None, version.id, None)
                without = _submit_all(target, version.id, args.submissions)
                project = db.session.get(Project, wave.project_id)
                for number in range(SUBSCRIPTIONS):
                    subscriptions.create(project, user, f"r{number}", url, ["response.stored"])
                db.session.commit()
                with_hooks = _submit_all(target, version.id, args.submissions)
                started = time.perf_counter()
                delivered = 0
                while (sent := delivery.deliver_due(utcnow())) > 0:
                    delivered += sent
                seconds = time.perf_counter() - started
                print(
                    f"run {run + 1} {db.engine.dialect.name}: submit median "
                    f"{1000 * statistics.median(without):.2f} ms without webhooks, "
                    f"{1000 * statistics.median(with_hooks):.2f} ms with {SUBSCRIPTIONS} "
                    f"subscriptions; worker delivered {delivered} events in {seconds:.2f} s "
                    f"({delivered / seconds:.0f}/s)"
                )
            db.engine.dispose()
    server.shutdown()


if __name__ == "__main__":
    main()
