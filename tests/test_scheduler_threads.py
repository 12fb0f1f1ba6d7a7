"""A long export build runs beside the wave and mail jobs, never in front of them."""

from __future__ import annotations

import threading
import time

from surveyor import scheduler


def test_a_long_build_does_not_delay_the_other_jobs(app, monkeypatch):
    building = threading.Event()
    finish_build = threading.Event()
    deliveries: list[float] = []

    def slow_build(_now):
        building.set()
        finish_build.wait(timeout=60)

    def deliver(_now):
        deliveries.append(time.monotonic())

    monkeypatch.setattr(
        scheduler, "JOBS", (("build_exports", slow_build), ("deliver_outbox", deliver))
    )
    jobs = scheduler.build(app, interval=0.1)
    runner = threading.Thread(target=jobs.start, daemon=True)
    runner.start()
    try:
        assert building.wait(timeout=30), "the build never started"
        started = time.monotonic()
        deadline = started + 20
        while sum(1 for moment in deliveries if moment > started) < 3:
            assert time.monotonic() < deadline, "the outbox waited for the build"
            time.sleep(0.05)
    finally:
        finish_build.set()
        jobs.shutdown(wait=False)


def test_builds_run_in_their_own_executor(app):
    jobs = scheduler.build(app, interval=60)
    executors = {job.id: job.executor for job in jobs.get_jobs()}
    assert executors["build_exports"] == "builds"
    assert {executors[name] for name, _job in scheduler.JOBS if name != "build_exports"} == {
        "default"
    }
