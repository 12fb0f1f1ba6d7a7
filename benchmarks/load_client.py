"""The load generator's side of benchmarks/submit_load.py: customers, loops, percentiles.

Plain threads and ``http.client``, one fresh connection per request (gunicorn's sync workers
close the connection after each answer), so no new dependency is needed.
"""

from __future__ import annotations

import http.client
import re
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlencode

from itsdangerous import URLSafeSerializer

SECRET = "benchmark-secret-not-for-production"
FEATURES = 3
FORM_TOKEN = re.compile(rb'name="form_token" value="([^"]+)"')


@dataclass
class Recorder:
    """Latencies and acknowledgements from many threads."""

    pages: list[float] = field(default_factory=list)
    submits: list[float] = field(default_factory=list)
    acked: dict[str, float] = field(default_factory=dict)  # submission id -> time acknowledged
    errors: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ack(self, submission_id: str, latency: float) -> None:
        with self.lock:
            self.acked[submission_id] = time.monotonic()
            self.submits.append(latency)


def request(port: int, method: str, path: str, body: dict | None = None, timeout: float = 30):
    """One request on a fresh connection (gunicorn's sync workers close after each answer)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
    started = time.perf_counter()
    try:
        connection.request(method, path, urlencode(body) if body else None, headers)
        response = connection.getresponse()
        data = response.read()
    finally:
        connection.close()
    return response.status, data, time.perf_counter() - started


def answers(form_token: str) -> dict:
    data = {"form_token": form_token}
    for number in range(1, FEATURES + 1):
        data[f"f-f{number}"], data[f"d-f{number}"] = "1", str(1 + number)
    return data


def submission_id_of(form_token: str) -> str:
    """The id the server signed into the form (readable without the key; only forging needs it)."""
    return URLSafeSerializer(SECRET, salt="survey-form").loads(form_token)[0]


def open_form(port: int, token: str, recorder: Recorder) -> str | None:
    status, data, elapsed = request(port, "GET", f"/s/{token}")
    match = FORM_TOKEN.search(data)
    if status != 200 or match is None:
        recorder.errors[f"page {status}"] += 1
        return None
    with recorder.lock:
        recorder.pages.append(elapsed)
    return match.group(1).decode()


def customer(port: int, token: str, recorder: Recorder) -> None:
    """One customer: open the survey, submit it; counted only when the 303 arrives."""
    try:
        form_token = open_form(port, token, recorder)
        if form_token is None:
            return
        status, _data, elapsed = request(port, "POST", f"/s/{token}", answers(form_token))
    except (OSError, http.client.HTTPException) as error:
        recorder.errors[type(error).__name__] += 1
        return
    if status == 303:
        recorder.ack(submission_id_of(form_token), elapsed)
    else:
        recorder.errors[f"submit {status}"] += 1


def version_of(form_token: str) -> int:
    """The questionnaire version a served form was rendered from."""
    return URLSafeSerializer(SECRET, salt="survey-form").loads(form_token)[2]


def submitter(port: int, token: str, version_id: int, recorder: Recorder) -> None:
    """Only the submit, to set beside the bare insert (one request, one stored row each).

    The form token is signed here with the benchmark server's key instead of being fetched
    with the page, which no real client can do; the page is measured in its own right.
    """
    submission_id = uuid.uuid4().hex
    form_token = URLSafeSerializer(SECRET, salt="survey-form").dumps(
        [submission_id, token, version_id]
    )
    post_counted(port, f"/s/{token}", answers(form_token), submission_id, recorder, 303, "submit")


def post_counted(
    port: int, path: str, body: dict, submission_id: str, recorder: Recorder, ok: int, label: str
) -> None:
    """POST and count it as acknowledged only when the ``ok`` status arrives."""
    try:
        status, _data, elapsed = request(port, "POST", path, body)
    except (OSError, http.client.HTTPException) as error:
        recorder.errors[type(error).__name__] += 1
        return
    if status == ok:
        recorder.ack(submission_id, elapsed)
    else:
        recorder.errors[f"{label} {status}"] += 1


def closed_loop(work, seconds: float, concurrency: int, midway=None) -> float:
    """``concurrency`` threads repeating ``work()`` for ``seconds``; ``midway()`` runs at half."""
    deadline = time.monotonic() + seconds

    def loop() -> None:
        while time.monotonic() < deadline:
            work()

    threads = [threading.Thread(target=loop) for _ in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    if midway is not None:
        time.sleep(seconds / 2)
        midway()
    for thread in threads:
        thread.join()
    return time.monotonic() - started


def open_loop(work, seconds: float, rate: float) -> float:
    """Start ``work()`` ``rate`` times per second regardless of how fast answers come."""
    started = time.monotonic()
    pool = ThreadPoolExecutor(max_workers=128)
    for number in range(int(seconds * rate)):
        delay = started + number / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        pool.submit(work)
    pool.shutdown(wait=True, cancel_futures=True)  # an overloaded server: drop what never began
    return time.monotonic() - started


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"p50": 0.0, "p90": 0.0, "p99": 0.0}
    ordered = sorted(values)

    def at(share: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)

    return {"p50": at(0.50), "p90": at(0.90), "p99": at(0.99)}


def double_submit(port: int, token: str, forms: int, copies: int) -> dict:
    """Post each form ``copies`` times at once; the database must gain one response per form."""
    recorder = Recorder()
    form_tokens = [open_form(port, token, recorder) for _ in range(forms)]
    statuses: Counter = Counter()

    def post(form_token: str, barrier: threading.Barrier) -> None:
        barrier.wait()
        status, _data, _elapsed = request(port, "POST", f"/s/{token}", answers(form_token))
        with recorder.lock:
            statuses[status] += 1

    for form_token in form_tokens:
        barrier = threading.Barrier(copies)
        threads = [threading.Thread(target=post, args=(form_token, barrier)) for _ in range(copies)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        recorder.acked[submission_id_of(form_token)] = time.monotonic()
    return {"forms": forms, "copies": copies, "statuses": dict(statuses), "acked": recorder.acked}


def bare_run(port: int, seconds: float, concurrency: int) -> dict:
    recorder = Recorder()

    def insert() -> None:
        submission_id = uuid.uuid4().hex
        post_counted(port, "/bare", {"id": submission_id}, submission_id, recorder, 201, "bare")

    duration = closed_loop(insert, seconds, concurrency)
    return {"recorder": recorder, "duration": duration}
