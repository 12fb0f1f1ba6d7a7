"""Login throttling holds across processes: failures counted by one worker lock out in another.

Two separate Python processes (as two gunicorn workers would be) each post wrong passwords for the
same account against the shared test database; a third app instance then refuses even the right
password with 429. Reproduce: ``.venv/bin/python -m pytest tests/security/test_throttling.py -q``.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.factories import PASSWORD

WORKER = textwrap.dedent(
    """
    import sys
    from surveyor import create_app
    from tests.conftest import testing_config
    app = create_app(testing_config(sys.argv[1]))
    client = app.test_client()
    for _ in range(int(sys.argv[3])):
        status = client.post("/login", data={"email": sys.argv[2], "password": "wrong!!!"},
                             environ_base={"REMOTE_ADDR": sys.argv[4]}).status_code
        assert status == 422, status
    """
)


def _fail_in_a_process(url: str, email: str, times: int, address: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", WORKER, url, email, str(times), address],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_failures_in_two_processes_add_up(app, make):
    user = make.user()
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    limit = app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
    _fail_in_a_process(url, user.email, limit // 2, "198.51.100.1")
    _fail_in_a_process(url, user.email, limit - limit // 2, "198.51.100.2")
    third = app.test_client()
    response = third.post(
        "/login",
        data={"email": user.email, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "198.51.100.3"},
    )
    assert response.status_code == 429
