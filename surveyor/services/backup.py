"""Consistent backups of a running Surveyor database, and restoring them.

SQLite is copied with its online backup API (``sqlite3.Connection.backup``) in a single step: the
copy holds one read transaction, so under WAL it is a snapshot of every transaction committed
before it began while writers carry on. Copying the file with ``cp`` instead could catch a
half-checkpointed WAL and produce a corrupt copy. PostgreSQL is dumped with ``pg_dump`` in its
custom format, which also runs in one snapshot (repeatable read) and lets ``pg_restore`` restore
selectively and in parallel.

Both write to a temporary name first and rename at the end, so a backup that fails half-way never
leaves a file that looks complete.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import URL, make_url


class BackupError(RuntimeError):
    """The backup or restore could not be made; the message says why."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    kind: str  # "sqlite" or "pg_dump"
    bytes: int


def default_target(url: str, folder: Path, now: datetime | None = None) -> Path:
    """``folder/surveyor-<UTC timestamp>.sqlite|.dump``: sortable, one file per backup."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    suffix = ".sqlite" if _dialect(url) == "sqlite" else ".dump"
    return folder / f"surveyor-{stamp}{suffix}"


def backup(url: str, target: Path) -> BackupResult:
    """Write a consistent copy of the database at ``url`` to ``target``."""
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if _dialect(url) == "sqlite":
            _sqlite_backup(_sqlite_path(url), partial)
            kind = "sqlite"
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(partial)], url)
            kind = "pg_dump"
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.rename(target)
    return BackupResult(path=target, kind=kind, bytes=target.stat().st_size)


def restore(source: Path, url: str) -> None:
    """Replace the database at ``url`` with the backup ``source``. Stop the app servers first."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source} is not a file.")
    if _dialect(url) == "sqlite":
        path = _sqlite_path(url)
        for stale in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
        shutil.copyfile(source, path)
        _check_sqlite(path)
    else:
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--exit-on-error", str(source)],
            url,
        )


def _sqlite_backup(path: Path, target: Path) -> None:
    if not path.is_file():
        raise BackupError(f"There is no SQLite database at {path}.")
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # pages=-1: one step, one snapshot
    except sqlite3.Error as error:
        raise BackupError(f"SQLite backup failed: {error}") from error
    finally:
        copy.close()
        source.close()
    _check_sqlite(target)


def _check_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        result = connection.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        connection.close()
    if result != "ok":
        raise BackupError(f"{path} failed SQLite's integrity check: {result}")


def _run(command: list[str], url: str) -> None:
    """Run a PostgreSQL client tool against ``url``; the password goes by environment, not argv."""
    parsed = make_url(url)
    arguments, environment = _libpq(parsed)
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed (Debian: apt-get install postgresql-client)."
        )
    done = subprocess.run(
        [*command, *arguments], env=environment, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def _libpq(url: URL) -> tuple[list[str], dict[str, str]]:
    arguments = ["--dbname", url.database or ""]
    if url.host:
        arguments += ["--host", url.host]
    if url.port:
        arguments += ["--port", str(url.port)]
    if url.username:
        arguments += ["--username", url.username]
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    return arguments, environment


def _dialect(url: str) -> str:
    name = make_url(url).get_backend_name()
    if name not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {name}.")
    return name


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up.")
    return Path(database)
