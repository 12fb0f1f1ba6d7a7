"""Where Surveyor keeps files: one data folder that every web server and worker shares.

Photos, export workbooks and decks, and deck templates are files, not rows: a photo is served
by whichever web server gets the request, a workbook is written by whichever worker claimed the
job and downloaded through any web server. So they all live under one folder,
``DATA_FOLDER`` (``SURVEYOR_DATA_FOLDER``; by default the instance folder), which a deployment
with several hosts mounts on every one of them (NFS, a cloud file share). ``surveyor backup``
archives the same folders it reads from here.

Files are kept outside PostgreSQL on purpose: photos are the bulk of the storage (see
docs/deployment.md) and would make every ``pg_dump`` and replica carry them, while a shared
folder is what any hosting offers. Each kind may still be pointed elsewhere on its own
(``PHOTO_STORAGE_PATH``, ``EXPORT_FOLDER``, ``DECK_TEMPLATE_FOLDER``), as before.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask

KINDS = {
    "photos": "PHOTO_STORAGE_PATH",
    "exports": "EXPORT_FOLDER",
    "deck_templates": "DECK_TEMPLATE_FOLDER",
}
"""Each kind of file, and the setting that may move it out of the data folder."""


def data_folder(app: Flask) -> Path:
    """``DATA_FOLDER`` if configured, else the instance folder."""
    return Path(app.config.get("DATA_FOLDER") or app.instance_path)


def folder(app: Flask, kind: str) -> Path:
    """The folder of ``kind`` (a key of :data:`KINDS`); not created here."""
    configured = app.config.get(KINDS[kind])
    return Path(configured) if configured else data_folder(app) / kind
