"""Consistent backups of a running Surveyor database, and restoring them.

SQLite is copied with its online backup API (``sqlite3.Connection.backup``) in a single step: the
copy holds one read transaction, so under WAL it is a snapshot of every transaction committed
before it began while writers carry on. Copying the file with ``cp`` instead could catch a
half-checkpointed WAL and produce a corrupt copy. PostgreSQL is dumped with ``pg_dump`` in its
custom format, which also runs in one snapshot (repeatable read) and lets ``pg_restore`` restore
selectively and in parallel.

A backup is one uncompressed tar archive holding the database copy (``database.sqlite`` or
``database.dump``) and the files Surveyor keeps beside the database (:func:`kept_files`): the
shoppers' photos, the generated secret key and ``surveyor.cfg``. The database is copied first
and the files after it: photos are only ever added, so every photo the copied database refers
to is in the archive (a photo stored meanwhile is an unreferenced extra, never a gap).

The archive is written to a temporary name first and renamed at the end, so a backup that fails
half-way never leaves a file that looks complete.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask
from sqlalchemy.engine import URL, make_url

from surveyor import storage
from surveyor.config import SECRET_KEY_FILE


class BackupError(RuntimeError):
    """The backup or restore could not be made; the message says why."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    kind: str  # "sqlite" or "pg_dump"
    bytes: int


def default_target(url: str, folder: Path, now: datetime | None = None) -> Path:
    """``folder/surveyor-<UTC timestamp>.tar``: sortable, one archive per backup."""
    _dialect(url)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return folder / f"surveyor-{stamp}.tar"


def kept_files(app: Flask) -> dict[str, Path]:
    """Everything Surveyor keeps outside the database, by its name in the archive.

    Export workbooks are left out on purpose: they are derived from the database and deleted
    after ``EXPORT_RETENTION_DAYS`` because they hold customers' answers. Deck templates are
    kept: a consultancy's slide design cannot be derived from anything.
    """
    instance = Path(app.instance_path)
    return {
        "photos": storage.folder(app, "photos"),
        "deck_templates": storage.folder(app, "deck_templates"),
        SECRET_KEY_FILE: instance / SECRET_KEY_FILE,
        "surveyor.cfg": instance / "surveyor.cfg",
    }


def backup(url: str, target: Path, files: Mapping[str, Path] | None = None) -> BackupResult:
    """Write the database at ``url`` and ``files`` (name -> file or folder) to a tar archive."""
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    kind = "sqlite" if _dialect(url) == "sqlite" else "pg_dump"
    try:
        with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
            copy = Path(scratch) / DATABASE_FILES[kind]
            if kind == "sqlite":
                _sqlite_backup(_sqlite_path(url), copy)
            else:
                _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(copy)], url)
            with tarfile.open(partial, "w") as archive:
                archive.add(copy, arcname=copy.name)
                for name, path in (files or {}).items():
                    if path.exists():
                        archive.add(path, arcname=name)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.rename(target)
    return BackupResult(path=target, kind=kind, bytes=target.stat().st_size)


DATABASE_FILES = {"sqlite": "database.sqlite", "pg_dump": "database.dump"}


def restore(source: Path, url: str, files: Mapping[str, Path] | None = None) -> list[Path]:
    """Replace the database at ``url`` and ``files`` with the backup ``source``.

    Stop the app servers and the scheduler first. A file or folder that exists is not deleted
    but renamed to ``<name>.before-restore-<UTC time>``; the renamed paths are returned. A bare
    database copy (``.sqlite`` or ``.dump``, as written before backups became archives)
    restores the database only.
    """
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source} is not a file.")
    if not tarfile.is_tarfile(source):
        _restore_database(source, url)
        return []
    with tarfile.open(source) as archive, tempfile.TemporaryDirectory() as scratch:
        archive.extractall(scratch, filter="data")
        unpacked = Path(scratch)
        database = [
            unpacked / name for name in DATABASE_FILES.values() if (unpacked / name).exists()
        ]
        if len(database) != 1:
            raise BackupError(f"{source} holds no database copy; is it a Surveyor backup?")
        _restore_database(database[0], url)
        return _restore_files(unpacked, files or {})


def _restore_database(source: Path, url: str) -> None:
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


def _restore_files(unpacked: Path, files: Mapping[str, Path]) -> list[Path]:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept_aside = []
    for name, path in files.items():
        if not (unpacked / name).exists():
            continue
        if path.exists():
            aside = path.with_name(f"{path.name}.before-restore-{stamp}")
            path.rename(aside)
            kept_aside.append(aside)
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(unpacked / name, path)
    return kept_aside


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
