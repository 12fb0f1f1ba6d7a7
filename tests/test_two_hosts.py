"""Two web servers and two workers on one PostgreSQL, as real processes sharing a data folder.

What a consultancy growing past one machine relies on (docs/deployment.md): a workbook asked
for through one web server is built by whichever worker claims it and downloaded through the
other; a photo uploaded through one is shown through the other; a worker killed with SIGKILL in
the middle of an export leaves the job to the other worker, which finishes it once.

The web servers are gunicorn processes serving ``wsgi:app``; the workers are ``surveyor
scheduler``. Everything talks over HTTP with a cookie jar, as a browser would (CSRF tokens
included). PostgreSQL only: several hosts need a database server.
"""

from __future__ import annotations

import http.cookiejar
import io
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import ExportJob, Instrument, Photo, Wave
from surveyor.services.instruments import instruments
from surveyor.services.synthetic import SampleSpec, insert_kano_responses
from tests.factories import PASSWORD
from tests.web.test_shop_submit import payload

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STALE_SECONDS = 3
RESPONSES = 20_000
"""Enough answers that building the workbook takes seconds, so a worker can be killed in it."""

pytestmark = pytest.mark.skipif(
    not os.environ.get("SURVEYOR_TEST_DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL only: several hosts share a database server",
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Site:
    """Processes of one deployment: web servers and workers with one environment."""

    def __init__(self, app, tmp_path: Path) -> None:
        settings = tmp_path / "surveyor.cfg"
        settings.write_text(f"EXPORT_STALE_AFTER_SECONDS = {STALE_SECONDS}\n")
        self.data = tmp_path / "shared"
        self.env = {
            **os.environ,
            "SURVEYOR_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "SURVEYOR_SECRET_KEY": "two-hosts-test",
            "SURVEYOR_DATA_FOLDER": str(self.data),
            "SURVEYOR_CONFIG": str(settings),
            "PYTHONPATH": str(ROOT),  # this checkout's code, also where the venv is another's
        }
        self.tmp_path = tmp_path
        self.processes: list[tuple[subprocess.Popen, Path]] = []

    def _start(self, command: list[str], name: str) -> subprocess.Popen:
        log = self.tmp_path / f"{name}.log"
        process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=log.open("w"), stderr=subprocess.STDOUT
        )
        self.processes.append((process, log))
        return process

    def web(self, name: str) -> str:
        port = _free_port()
        command = [str(BIN / "gunicorn"), "--workers", "1", "--threads", "4"]
        self._start([*command, "--bind", f"127.0.0.1:{port}", "wsgi:app"], name)
        base = f"http://127.0.0.1:{port}"
        _wait_for(lambda: _answers(base + "/login"), what=f"{name} to serve", logs=self.logs)
        return base

    def worker(self, name: str) -> subprocess.Popen:
        return self._start([str(BIN / "surveyor"), "scheduler", "--interval", "0.3"], name)

    def logs(self) -> str:
        return "\n".join(f"--- {log.name}\n{log.read_text()}" for _p, log in self.processes)

    def stop_all(self) -> None:
        for process, _log in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@pytest.fixture
def site(app, tmp_path):
    started = Site(app, tmp_path)
    yield started
    started.stop_all()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:
            return reply.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _wait_for(condition, what: str, logs=lambda: "", timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited in vain for {what}\n{logs()}")
        time.sleep(0.1)


class Browser:
    """A cookie jar and the few requests a user's browser sends; it can switch servers."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def get(self, url: str) -> tuple[int, dict, bytes]:
        return self._send(urllib.request.Request(url))

    def post(self, url: str, fields: dict | list, headers: dict | None = None):
        body = urllib.parse.urlencode(fields, doseq=True).encode()
        request = urllib.request.Request(url, data=body, headers=headers or {}, method="POST")
        return self._send(request)

    def post_json(self, url: str, document: dict, token: str):
        headers = {"Content-Type": "application/json", "X-CSRFToken": token}
        body = json.dumps(document).encode()
        return self._send(urllib.request.Request(url, data=body, headers=headers, method="POST"))

    def post_file(self, url: str, fields: dict, file_field: str, data: bytes, token: str):
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
            f'filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "X-CSRFToken": token,
        }
        return self._send(urllib.request.Request(url, data=body, headers=headers, method="POST"))

    def login(self, base: str, email: str) -> None:
        token = _csrf(self.get(base + "/login")[2])
        status, headers, _ = self.post(
            base + "/login", {"csrf_token": token, "email": email, "password": PASSWORD}
        )
        assert status == 302, (status, headers)

    def _send(self, request) -> tuple[int, dict, bytes]:
        try:
            with self.opener.open(request, timeout=30) as reply:
                return reply.status, dict(reply.headers), reply.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _csrf(page: bytes) -> str:
    return re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page).group(1).decode()


def _fill(app, instrument, wave) -> None:
    with app.app_context():
        version = instruments.published_version(db.session.get(Instrument, instrument.id))
        mix = {"A": 0.3, "O": 0.3, "M": 0.3, "I": 0.1}
        spec = SampleSpec(
            wave=db.session.get(Wave, wave.id),
            group="customer",
            count=RESPONSES,
            mixes={item.key: mix for item in version.items},
        )
        insert_kano_responses(version.id, list(version.items), spec, random.Random(7))
        db.session.commit()


def _job(app) -> ExportJob | None:
    with app.app_context():
        job = db.session.scalar(select(ExportJob).order_by(ExportJob.id.desc()))
        if job is not None:
            db.session.expunge(job)
        db.session.remove()
        return job


def _request_workbook(browser: Browser, base: str, project_id: int) -> str:
    url = f"{base}/projects/{project_id}/exports"
    token = _csrf(browser.get(url)[2])
    status, headers, _ = browser.post(url, {"csrf_token": token, "lang": "en"})
    assert status == 302, status
    return urllib.parse.urlparse(headers["Location"]).path


def test_a_workbook_asked_for_on_one_server_is_built_by_a_worker_and_served_by_the_other(
    app, make, site
):
    client = make.client()
    project = make.project(client)
    instrument = make.kano_instrument(make.touchpoint(project), features=8)
    _fill(app, instrument, make.wave(project, sequence=0))
    consultant = make.user("consultant", clients=(client,))
    web_a, web_b = site.web("web-a"), site.web("web-b")
    browser = Browser()
    browser.login(web_a, consultant.email)
    job_path = _request_workbook(browser, web_a, project.id)

    first = site.worker("worker-1")
    _wait_for(lambda: _job(app).status == "running", "a worker to claim", site.logs)
    first.kill()  # SIGKILL in the middle of the build: no cleanup, no last heartbeat
    first.wait()
    assert _job(app).status == "running"
    site.worker("worker-2")
    _wait_for(lambda: _job(app).status == "done", "the other worker to finish", site.logs, 300)

    job = _job(app)
    assert job.attempts == 2  # claimed twice: once by the killed worker, once by the other
    page = browser.get(web_b + job_path)[2].decode()
    assert "/download" in page
    status, headers, workbook = browser.get(f"{web_b}{job_path}/download")
    assert status == 200, headers
    assert job.rows == RESPONSES
    sheet = load_workbook(io.BytesIO(workbook), read_only=True)["Responses"]
    ids = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert len(ids) == len(set(ids)) == RESPONSES  # every response once, none twice
    files = list((site.data / "exports").iterdir())
    assert [file.name for file in files] == [job.stored_name]  # no half-written file left


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(out, format="JPEG")
    return out.getvalue()


def test_a_photo_uploaded_through_one_server_is_reviewed_through_the_other(app, make, site):
    instrument = make.checklist_instrument()
    assignment = make.assignment(instrument)
    with app.app_context():
        from surveyor.models import Assignment

        found = db.session.get(Assignment, assignment.id)
        shopper_email, client = found.shopper.email, found.location.project.client
        db.session.expunge(client)
    version_id = make.items_of(instrument)[0].version_id
    consultant = make.user("consultant", clients=(client,))
    web_a, web_b = site.web("web-a"), site.web("web-b")

    shopper = Browser()
    shopper.login(web_a, shopper_email)
    token = json.loads(shopper.get(web_a + "/shop/sync/token")[2])["csrf_token"]
    upload_id = uuid.uuid4().hex
    sent = payload(version_id, storefront={"value": [upload_id]})
    sync = f"{web_a}/shop/sync/assignments/{assignment.id}"
    assert shopper.post_json(f"{sync}/shop", sent, token)[0] == 201
    fields = {"submission_id": sent["submission_id"], "item": "storefront", "upload_id": upload_id}
    status, _, body = shopper.post_file(f"{sync}/photos", fields, "photo", _jpeg(), token)
    assert status in (200, 201), body
    photo_id = json.loads(body)["photo_id"]

    reviewer = Browser()
    reviewer.login(web_b, consultant.email)
    status, headers, image = reviewer.get(f"{web_b}/shop/photos/{photo_id}")
    assert status == 200, headers
    assert Image.open(io.BytesIO(image)).size == (64, 48)
    with app.app_context():
        assert db.session.get(Photo, photo_id) is not None
    assert len(list((site.data / "photos").rglob("*.*"))) == 1
