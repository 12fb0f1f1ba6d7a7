"""The shop's service worker script, with the list of files it pre-caches and their version.

The worker (``static/shop/sw.js``) must have every module of the app in its cache before it
takes over, or a page opened offline imports a module that is not there. The list lives here,
next to the digest of the files' contents, so that a deployment that changes any of them also
changes the worker's bytes: the browser then installs it as an update into a cache of its own
instead of mixing old and new modules in one.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from flask import url_for

STATIC = Path(__file__).parent.parent / "static"
WORKER = STATIC / "shop" / "sw.js"
SHOP_MODULES = (
    "checklist",
    "answers",
    "durations",
    "ids",
    "offline",
    "outbox_rules",
    "page",
    "photos",
    "status",
    "stopwatch",
    "store",
    "sync",
    "visit",
)
"""Every ES module of the app (``checklist`` imports the rest); tests/test_shop_js.py checks it."""


def precached_files() -> list[str]:
    """Paths below ``static/`` that the worker caches before it takes over."""
    return ["style.css", *(f"shop/{module}.js" for module in SHOP_MODULES)]


def version(files: list[Path]) -> str:
    """A digest of the files' contents: it changes with any byte of any of them."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def worker_script() -> str:
    """``sw.js`` with ``VERSION`` and ``PRECACHE``, the constants it is written against, defined
    right after its ``"use strict"`` (which must stay the script's first statement)."""
    files = precached_files()
    constants = {
        "VERSION": version([WORKER, *(STATIC / name for name in files)]),
        "PRECACHE": [url_for("static", filename=name) for name in files],
    }
    prelude = "".join(f"const {name} = {json.dumps(value)};\n" for name, value in constants.items())
    strict = '"use strict";\n'
    return WORKER.read_text().replace(strict, strict + prelude, 1)
