"""The import arrows between Surveyor's packages, read from the source with :mod:`ast`.

Each test names one arrow of README's architecture. Arrows that do not hold yet are marked
``xfail(strict=True)``: the service-layer redesign (issue 17) makes them pass, and then strict
mode fails until the mark is removed, so the arrow is kept from then on.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "surveyor"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources(package: str = "surveyor") -> Iterator[tuple[str, ast.Module]]:
    """(module name, syntax tree) of every module in ``package``, migrations left out."""
    folder = PACKAGE.parent.joinpath(*package.split("."))
    for path in sorted(folder.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        yield _module_name(path), ast.parse(path.read_text(encoding="utf-8"), str(path))


def _imports(module: str, tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import, also those inside functions.

    ``from a import b`` yields both ``a`` and ``a.b``, since ``b`` may be a module. Surveyor
    uses absolute imports only, and a relative one fails here rather than slip past the arrows.
    """
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{module}:{node.lineno} uses a relative import"
            yield node.lineno, node.module or ""
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _violations(package: str, forbidden, allowed=lambda module, name: False) -> list[str]:
    found = []
    for module, tree in _sources(package):
        for line, name in _imports(module, tree):
            if forbidden(name) and not allowed(module, name):
                found.append(f"{module}:{line} imports {name}")
    return sorted(set(found))


def test_scoring_is_pure_python():
    """Numbers in, numbers out: no Flask, no database, no other Surveyor package."""

    def forbidden(name: str) -> bool:
        if _within(name, "surveyor"):
            return not _within(name, "surveyor.scoring")
        return name.split(".")[0] in {"flask", "flask_babel", "flask_sqlalchemy", "sqlalchemy"}

    assert _violations("surveyor.scoring", forbidden) == []


@pytest.mark.parametrize("face", ["surveyor.web", "surveyor.api"])
def test_only_the_app_factory_imports_the_web_and_api_faces(face):
    """Views and API are the outside faces: services, export, CLI and scheduler never need them."""

    def allowed(module: str, name: str) -> bool:
        return module == "surveyor" or _within(module, face)

    assert _violations("surveyor", lambda name: _within(name, face), allowed) == []


def test_the_arrow_checker_sees_imports_inside_functions():
    """The factory imports the blueprints inside a function; the checker must see those too."""
    tree = dict(_sources("surveyor"))["surveyor"]
    assert "surveyor.web.auth" in {name for _, name in _imports("surveyor", tree)}


def test_export_reads_no_models_and_calls_no_services():
    """The workbook writer gets its data from a service and only writes cells, charts, styles."""

    def forbidden(name: str) -> bool:
        return any(
            _within(name, package)
            for package in ("surveyor.models", "surveyor.services", "surveyor.extensions")
        ) or name.split(".")[0] in {"sqlalchemy", "flask_sqlalchemy"}

    assert _violations("surveyor.export", forbidden) == []


def test_export_imports_no_flask_but_its_translations():
    """Outside a request the writer needs Babel's catalogue (``force_locale``), nothing else."""

    def forbidden(name: str) -> bool:
        return name.split(".")[0].startswith("flask") and not _within(name, "flask_babel")

    assert _violations("surveyor.export", forbidden) == []


@pytest.mark.parametrize("face", ["surveyor.web", "surveyor.api"])
def test_views_never_touch_the_database_session(face):
    """Services own queries and transactions; views parse, call a service and render."""
    found = []
    for module, tree in _sources(face):
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "session"
                and isinstance(node.value, ast.Name)
                and node.value.id == "db"
            ):
                found.append(f"{module}:{node.lineno}")
    assert found == []


def _calls_abort(tree: ast.Module) -> Iterator[int]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            name = (
                function.attr
                if isinstance(function, ast.Attribute)
                else getattr(function, "id", "")
            )
            if name == "abort":
                yield node.lineno


def test_services_raise_domain_errors_and_never_abort():
    """A service speaks the domain (``surveyor.services.errors``), never HTTP: the web and the
    API map its errors to a page or to JSON, the CLI and the scheduler to a message."""
    found = [
        f"{module}:{line} imports {name}"
        for module, tree in _sources("surveyor.services")
        for line, name in _imports(module, tree)
        if name in {"flask.abort", "werkzeug.exceptions"} or _within(name, "werkzeug.exceptions")
    ]
    found += [
        f"{module}:{line} calls abort"
        for module, tree in _sources("surveyor.services")
        for line in _calls_abort(tree)
    ]
    assert found == []


def test_the_abort_checker_sees_a_call():
    tree = ast.parse("from flask import abort\n\ndef view():\n    abort(404)\n")
    assert list(_calls_abort(tree)) == [4]


CROSS_CUTTING = {"__init__", "errors", "tenancy", "slugs", "synthetic"}
"""The only modules directly in ``surveyor/services``: what every domain shares."""


def test_services_are_grouped_by_domain():
    """A use case lives in its domain's package (services/shops/, services/results/ ...), so the
    next engineer finds it by the domain's name rather than in a flat folder of fifty modules."""
    folder = PACKAGE / "services"
    flat = {path.stem for path in folder.glob("*.py")} - CROSS_CUTTING
    assert flat == set()
    for package in folder.iterdir():
        if package.is_dir() and package.name != "__pycache__":
            assert (package / "__init__.py").read_text(encoding="utf-8").startswith('"""'), (
                f"services/{package.name} says in a docstring what its domain is"
            )
