"""Real ``surveyor scheduler`` processes against the test database (SQLite file or PostgreSQL).

Periods are a few seconds long (a six-field cron expression with seconds) and the processes run
their jobs several times a second, so many periods pass within a test. The tests wait for
conditions with generous deadlines (a loaded machine starts a process slowly) and assert on
what the database holds, never on timings.
"""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from surveyor.extensions import db
from surveyor.models import SurveyLink, Wave
from surveyor.models.base import utcnow

SURVEYOR = Path(sys.executable).with_name("surveyor")
ROOT = Path(__file__).resolve().parent.parent
INTERVAL = "0.3"


class Schedulers:
    """Starts scheduler processes and makes sure every one of them is gone after the test."""

    def __init__(self, app, tmp_path: Path) -> None:
        self.env = {
            **os.environ,
            "SURVEYOR_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "SURVEYOR_SECRET_KEY": "scheduler-test",
            "PYTHONPATH": str(ROOT),  # this checkout's code, also where the venv is another's
        }
        self.tmp_path = tmp_path
        self.processes: list[tuple[subprocess.Popen, Path]] = []

    def start(self) -> subprocess.Popen:
        log = self.tmp_path / f"scheduler-{len(self.processes)}.log"
        process = subprocess.Popen(
            [str(SURVEYOR), "scheduler", "--interval", INTERVAL],
            env=self.env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        self.processes.append((process, log))
        return process

    def stop(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def stop_all(self) -> None:
        for process, _log in self.processes:
            self.stop(process)

    def logs(self) -> str:
        return "\n".join(log.read_text() for _process, log in self.processes)


@pytest.fixture
def schedulers(app, tmp_path):
    started = Schedulers(app, tmp_path)
    yield started
    started.stop_all()


def _plan(make, seconds: int, field_seconds: int):
    project = make.project()
    instrument = make.kano_instrument(make.touchpoint(project))
    start = utcnow().replace(microsecond=0)
    make.plan(
        project,
        recurrence="cron",
        cron=f"*/{seconds} * * * * *",
        starts_at=start,
        field_seconds=field_seconds,
        instrument_ids=[instrument.id],
    )
    return project


def _waves(app) -> list[Wave]:
    with app.app_context():
        waves = list(db.session.scalars(select(Wave).order_by(Wave.sequence)))
        for wave in waves:
            db.session.expunge(wave)
        db.session.remove()
        return waves


def _wait_for(condition, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached before the deadline")
        time.sleep(0.2)


def _key_time(wave: Wave) -> datetime:
    return datetime.fromisoformat(wave.period_key.replace("Z", "+00:00"))


def test_several_schedulers_open_exactly_one_wave_per_period(app, make, schedulers):
    _plan(make, seconds=3, field_seconds=4)
    processes = [schedulers.start() for _ in range(3)]
    _wait_for(lambda: len(_waves(app)) >= 5)
    for process in processes:
        assert process.poll() is None, schedulers.logs()
    schedulers.stop_all()

    waves = _waves(app)
    times = [_key_time(wave) for wave in waves]
    assert [wave.sequence for wave in waves] == list(range(len(waves)))
    assert len(set(times)) == len(times)
    assert all(b - a == timedelta(seconds=3) for a, b in itertools.pairwise(times))
    with app.app_context():
        links = db.session.execute(
            select(SurveyLink.wave_id, func.count()).group_by(SurveyLink.wave_id)
        ).all()
    assert sorted(links) == sorted((wave.id, 1) for wave in waves)
    assert all(wave.status == "closed" for wave in waves[:-2])
    assert "Traceback" not in schedulers.logs()


def test_a_restarted_scheduler_opens_the_missed_period_once(app, make, schedulers):
    _plan(make, seconds=5, field_seconds=120)
    first = schedulers.start()
    _wait_for(lambda: len(_waves(app)) == 1)
    schedulers.stop(first)
    before = _key_time(_waves(app)[0])

    missed_twice = before + timedelta(seconds=10)
    while datetime.now(UTC) < missed_twice + timedelta(seconds=0.5):
        time.sleep(0.1)
    restarted = [schedulers.start() for _ in range(2)]
    _wait_for(lambda: len(_waves(app)) >= 2)
    for process in restarted:
        schedulers.stop(process)

    waves = _waves(app)
    keys = [_key_time(wave) for wave in waves]
    assert keys[0] == before
    assert before + timedelta(seconds=5) not in keys  # coalesced: the older miss is skipped
    assert keys[1] >= missed_twice  # the latest missed period, opened once
    assert len(set(keys)) == len(keys)
    assert [wave.sequence for wave in waves] == list(range(len(waves)))
    assert "Traceback" not in schedulers.logs()
