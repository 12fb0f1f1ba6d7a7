"""The server's side of benchmarks/submit_load.py: database, gunicorn, integrity checks.

Servers run in their own process group, so that ``kill -9`` can take master and workers at once
as a power cut would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from load_client import FEATURES, FORM_TOKEN, SECRET, answers, request
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def prepare_database(url: str) -> str:
    """Migrate an empty database and create one open Kano survey; returns its public token."""
    from bench_common import fresh_schema, kano_hotline

    from surveyor import create_app
    from surveyor.extensions import db
    from surveyor.services.surveys import surveys

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET})
    with app.app_context():
        fresh_schema(migrate=True)
        instrument, _version, wave = kano_hotline(FEATURES, "open")
        link = surveys.ensure_link(instrument, wave, "customer")
        db.session.commit()
        token = link.token
        db.engine.dispose()
    from bare_app import bench_row, make_engine, metadata

    engine = make_engine(url)
    metadata.drop_all(engine, tables=[bench_row])
    metadata.create_all(engine, tables=[bench_row])
    engine.dispose()
    return token


@dataclass
class Server:
    spec: str
    url: str
    port: int
    workers: int
    threads: int
    log: Path
    process: subprocess.Popen | None = None

    def start(self) -> None:
        environment = {
            **os.environ,
            "SURVEYOR_DATABASE_URL": self.url,
            "SURVEYOR_SECRET_KEY": SECRET,
            "BENCH_DATABASE_URL": self.url,
        }
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers),
            "--threads", str(self.threads),
            "--backlog", "2048",
            "--pythonpath", str(ROOT / "benchmarks"),
            "--log-level", "warning",
            self.spec,
        ]  # fmt: skip
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=environment, stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + 120  # a loaded 2-core machine imports slowly
        while time.monotonic() < deadline:
            try:
                request(self.port, "GET", "/healthz", timeout=5)
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"gunicorn exited:\n{self._log_tail()}") from None
                time.sleep(0.2)
        self.kill()
        raise RuntimeError(f"gunicorn did not start within 120 s:\n{self._log_tail()}")

    def _log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def kill(self) -> None:
        """kill -9 of master and workers at once, as a power cut would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


@contextmanager
def serving(server: Server):
    server.start()
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.stop()


def verify(url: str, acked: dict[str, float], must_hold: set[str] | None = None) -> dict:
    """Stored responses against acknowledgements; ``must_hold`` defaults to all acknowledged."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as connection:
        stored = set(connection.scalars(text("SELECT submission_id FROM response")))
        duplicates = connection.scalar(
            text(
                "SELECT count(*) FROM (SELECT submission_id FROM response "
                "GROUP BY submission_id HAVING count(*) > 1) d"
            )
        )
        incomplete = connection.scalar(
            text(
                "SELECT count(*) FROM response r WHERE (SELECT count(*) FROM kano_answer a "
                f"WHERE a.response_id = r.id) <> {FEATURES}"
            )
        )
    engine.dispose()
    wanted = set(acked) if must_hold is None else must_hold
    return {
        "acknowledged": len(wanted),
        "stored": len(stored),
        "missing": len(wanted - stored),
        "stored_not_acknowledged": len(stored - set(acked)),
        "duplicates": duplicates,
        "incomplete": incomplete,
    }


def cpu_cost(url: str, token: str, count: int = 200) -> dict:
    """CPU milliseconds per page, per submit and per bare insert, in-process (test client).

    ``time.process_time`` counts only this process's CPU, so the figure holds on a busy machine
    where wall-clock rates do not: two dedicated cores serve about 2000 / ms requests per second.
    """
    from bare_app import create as create_bare

    from surveyor import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET})
    page_cpu = submit_cpu = 0.0
    for _ in range(count):
        client = app.test_client()  # each customer is a new phone: one answer per device
        started = time.process_time()
        page = client.get(f"/s/{token}")
        middle = time.process_time()
        form_token = FORM_TOKEN.search(page.data).group(1).decode()
        assert client.post(f"/s/{token}", data=answers(form_token)).status_code == 303
        page_cpu += middle - started
        submit_cpu += time.process_time() - middle
    os.environ["BENCH_DATABASE_URL"] = url
    bare = create_bare().test_client()
    started = time.process_time()
    for _ in range(count):
        assert bare.post("/bare", data={"id": uuid.uuid4().hex}).status_code == 201
    bare_cpu = time.process_time() - started
    return {
        "page_ms": round(1000 * page_cpu / count, 2),
        "submit_ms": round(1000 * submit_cpu / count, 2),
        "bare_insert_ms": round(1000 * bare_cpu / count, 2),
    }


def bare_rows(url: str) -> int:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as connection:
        count = connection.scalar(text("SELECT count(*) FROM bench_row"))
    engine.dispose()
    return count


def scratch_url(url: str, folder: Path) -> str:
    """Where the backup is restored: a second SQLite file, or ``<database>_restore`` on PG."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"sqlite:///{folder / 'restored.sqlite'}"
    name = f"{parsed.database}_restore"
    admin = create_engine(parsed.set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


def ensure_pg_database(url: str) -> None:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    admin = create_engine(
        parsed.set(drivername="postgresql+psycopg", database="postgres"),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as connection:
        exists = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": parsed.database}
        )
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()
