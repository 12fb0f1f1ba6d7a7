"""Configuration: defaults here, then ``instance/surveyor.cfg``, then ``SURVEYOR_*`` variables.

The order lets an installation override anything without editing code, while the environment
(what a container or systemd unit sets) always has the last word. No secret lives in the
repository: when none is configured, a random key is generated once into the instance folder.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

SECRET_KEY_FILE = "secret_key"


class Defaults:
    """Settings every installation starts from."""

    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {"pool_pre_ping": True}
    SQLITE_BUSY_TIMEOUT_MS = 15_000
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    BABEL_DEFAULT_LOCALE = "en"
    LANGUAGES = ("en", "de")
    LOGIN_MAX_FAILURES_PER_ACCOUNT = 5
    LOGIN_MAX_FAILURES_PER_ADDRESS = 30
    LOGIN_THROTTLE_WINDOW_SECONDS = 15 * 60
    BEHIND_PROXY = False
    SURVEY_TOKEN_MAX_MISSES = 30
    SURVEY_TOKEN_WINDOW_SECONDS = 15 * 60
    EXPORT_RETENTION_DAYS = 7
    EXPORT_MAX_JOBS_PER_USER = 2
    EXPORT_MAX_JOBS = 4
    EXPORT_STALE_AFTER_SECONDS = 600
    WEBHOOKS_ALLOW_LOCAL_TARGETS = False
    """True only in tests and local development: webhooks may go to http:// and private
    addresses (a receiver on 127.0.0.1). Never in production (SSRF, see docs/webhooks.md)."""
    EXPORTS_INLINE = False
    """True only for the demo: the request builds its export instead of ``surveyor scheduler``."""


ENVIRONMENT_KEYS = {
    "SURVEYOR_DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "SURVEYOR_SECRET_KEY": "SECRET_KEY",
    "SURVEYOR_DATA_FOLDER": "DATA_FOLDER",
    "SURVEYOR_EXPORT_FOLDER": "EXPORT_FOLDER",
}


def load(app: Flask, overrides: dict[str, Any] | None) -> None:
    """Fill ``app.config`` in precedence order; ``overrides`` (tests) win over everything."""
    app.config.from_object(Defaults)
    app.config.from_pyfile("surveyor.cfg", silent=True)
    app.config.from_envvar("SURVEYOR_CONFIG", silent=True)
    for variable, key in ENVIRONMENT_KEYS.items():
        if os.environ.get(variable):
            app.config[key] = os.environ[variable]
    if os.environ.get("SURVEYOR_BEHIND_PROXY") == "1":
        app.config["BEHIND_PROXY"] = True
    if os.environ.get("SURVEYOR_WEBHOOKS_ALLOW_LOCAL_TARGETS") == "1":
        app.config["WEBHOOKS_ALLOW_LOCAL_TARGETS"] = True  # tests' worker processes only
    if os.environ.get("SURVEYOR_SECURE_COOKIES") == "1":
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    if overrides:
        app.config.update(overrides)
    app.config.setdefault(
        "SQLALCHEMY_DATABASE_URI", f"sqlite:///{Path(app.instance_path) / 'surveyor.sqlite'}"
    )
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(Path(app.instance_path))


def normalise_database_url(url: str) -> str:
    """Accept the ``postgresql://`` URLs people copy from their host and use psycopg 3 for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def instance_secret_key(instance_path: Path) -> str:
    """Read the installation's secret key, creating it (mode 0600) on the first start."""
    instance_path.mkdir(parents=True, exist_ok=True)
    key_file = instance_path / SECRET_KEY_FILE
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_hex(32)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
