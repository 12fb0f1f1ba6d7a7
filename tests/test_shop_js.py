"""A minimal lint of the shopper app's ES modules (no eslint here; node is not a dependency).

It checks what a reviewer would otherwise have to: modules are strict by nature, so no
``"use strict"`` or ``var`` is left over; nothing builds code from strings (``eval``,
``new Function``, string timers: the CSP forbids them anyway) or HTML from data (``innerHTML``
and friends: text goes through ``textContent``); every import is relative and exists; every
module is reached from the entry module and in the service worker's pre-cache list, so the app
starts offline (a module missing there fails the offline start only once in a while: when the
browser happened not to have fetched it through the worker yet).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

SHOP = Path(__file__).parent.parent / "surveyor" / "static" / "shop"
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


def _constant(script: str, name: str):
    return json.loads(re.search(rf"^const {name} = (.*);$", script, re.MULTILINE).group(1))


def test_every_module_is_reached_and_precached_by_the_served_worker(client):
    reached, todo = set(), ["checklist.js"]
    while todo:
        name = todo.pop()
        if name not in reached:
            reached.add(name)
            todo.extend(target.removeprefix("./") for target in _imports(SHOP / name))
    assert reached == {path.name for path in MODULES}
    response = client.get("/shop/sw.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    script = response.get_data(as_text=True)
    code = re.sub(r"^/\*.*?\*/\s*", "", script, count=1, flags=re.DOTALL)
    assert code.startswith('"use strict";\nconst VERSION = '), "strict mode, then the constants"
    precache = _constant(script, "PRECACHE")
    assert {f"/static/shop/{name}" for name in reached} | {"/static/style.css"} == set(precache)
    for url in precache:
        assert client.get(url).status_code == 200, url


def test_the_workers_version_changes_with_any_precached_file(tmp_path):
    from surveyor.web.shop_worker import version

    files = [tmp_path / "a.js", tmp_path / "b.js"]
    files[0].write_text("export const a = 1;\n")
    files[1].write_text("export const b = 1;\n")
    before = version(files)
    assert version(files) == before
    files[1].write_text("export const b = 2;\n")
    assert version(files) != before


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
