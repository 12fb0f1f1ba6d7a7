"""A minimal lint of the shopper app's ES modules (no eslint here; node is not a dependency).

It checks what a reviewer would otherwise have to: modules are strict by nature, so no
``"use strict"`` or ``var`` is left over; nothing builds code from strings (``eval``,
``new Function``, string timers: the CSP forbids them anyway) or HTML from data (``innerHTML``
and friends: text goes through ``textContent``); every import is relative and exists; every
module is reached from the entry module and listed in the page's ``shop_modules``, which the
page pre-caches for the service worker, so the app starts offline.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

SHOP = Path(__file__).parent.parent / "surveyor" / "static" / "shop"
LAYOUT = SHOP.parent.parent / "templates" / "shop" / "layout.html"
WORKER = "sw.js"
MODULES = sorted(path for path in SHOP.glob("*.js") if path.name != WORKER)
FORBIDDEN = {
    r"\bvar\s": "var (use const or let)",
    r"[\"']use strict[\"']": '"use strict" (modules are strict)',
    r"\beval\s*\(": "eval",
    r"new\s+Function\b": "new Function",
    r"set(?:Timeout|Interval)\(\s*[\"'`]": "a timer given a string",
    r"\.(?:inner|outer)HTML\b|insertAdjacentHTML|document\.write": "HTML built from strings",
}
IMPORT = re.compile(r"^import\s.*?from\s+\"([^\"]+)\";$", re.MULTILINE)


def _imports(path: Path) -> list[str]:
    return IMPORT.findall(path.read_text())


@pytest.mark.parametrize("path", [*MODULES, SHOP / WORKER], ids=lambda path: path.name)
def test_no_forbidden_constructs(path: Path):
    text = path.read_text()
    if path.name == WORKER:  # a classic worker script: it keeps its "use strict"
        text = text.replace('"use strict";', "")
    found = [what for pattern, what in FORBIDDEN.items() if re.search(pattern, text)]
    assert not found, f"{path.name}: {found}"


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_modules_are_small_and_import_existing_siblings(path: Path):
    assert len(path.read_text().splitlines()) <= 250, f"{path.name} wants splitting"
    for target in _imports(path):
        assert target.startswith("./") and (SHOP / target).is_file(), f"{path.name}: {target}"


def test_every_module_is_reached_and_cached_for_offline_use():
    reached, todo = set(), ["checklist.js"]
    while todo:
        name = todo.pop()
        if name not in reached:
            reached.add(name)
            todo.extend(target.removeprefix("./") for target in _imports(SHOP / name))
    assert reached == {path.name for path in MODULES}
    listed = re.search(r"set shop_modules = \[(.*?)\]", LAYOUT.read_text(), re.DOTALL).group(1)
    assert {f"{name}.js" for name in re.findall(r'"(\w+)"', listed)} == reached


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_node_parses_each_module(path: Path):
    source = path.read_text()
    result = subprocess.run(
        ["node", "--check", "--input-type=module"],
        input=source,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
