"""README command 1 as a newcomer runs it: ``surveyor demo`` serves the address it prints.

The command runs in its own process on a fresh SQLite file, exactly as the console script a
newcomer calls. The test reads the printed address and password, logs in through the login form
and saves a setting: a write, which fails with "database is locked" when the command leaves its
own transaction open while the server runs.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

STARTUP_SECONDS = 120


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _surveyor_command() -> list[str]:
    script = Path(sys.executable).with_name("surveyor")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from surveyor.cli import main; main()"]


@pytest.fixture
def demo_process(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "SURVEYOR_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite'}",
        "SURVEYOR_SECRET_KEY": "demo-test-secret-key-of-sufficient-length",
        "PYTHONUNBUFFERED": "1",
    }
    command = [*_surveyor_command(), "demo", "--responses", "30", "--port", str(port)]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    yield process, port
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    shutil.rmtree(tmp_path, ignore_errors=True)


def _read_until_served(process: subprocess.Popen) -> str:
    """The command's output up to the line that says how to stop it."""
    lines: list[str] = []
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if "Ctrl-C" in line:
            return "".join(lines)
    pytest.fail("surveyor demo did not get ready:\n" + "".join(lines))


def _wait_for(opener: urllib.request.OpenerDirector, url: str) -> str:
    deadline = time.monotonic() + 30
    while True:
        try:
            with opener.open(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _post_form(opener, url: str, page: str, fields: dict[str, str]) -> tuple[int, str]:
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrf_token": token, **fields}).encode()
    with opener.open(urllib.request.Request(url, data=body), timeout=10) as response:
        return response.status, response.read().decode()


def test_readme_command_one_serves_the_demo_and_its_logins_work(demo_process):
    process, port = demo_process
    output = _read_until_served(process)
    address = re.search(r"Open (http://\S+/)", output).group(1)
    password = re.search(r"with password (\S+)", output).group(1)
    assert address == f"http://127.0.0.1:{port}/"
    assert "--port" in output

    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    login_page = _wait_for(opener, address + "login")
    status, _ = _post_form(
        opener,
        address + "login",
        login_page,
        {"email": "admin@demo.surveyor", "password": password},
    )
    assert status == 200 and "Stadtwerke Lindenau" in _wait_for(opener, address + "clients/")

    settings_page = _wait_for(opener, address + "settings")
    status, page = _post_form(opener, address + "settings", settings_page, {"locale": "de"})
    assert status == 200 and 'lang="de"' in page, "the setting (a write) was not saved"
    assert process.poll() is None, "the server exited"
