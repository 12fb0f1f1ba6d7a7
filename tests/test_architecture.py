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

    ``from a import b`` yields both ``a`` and ``a.b``, since ``b`` may be a module. A module
    bound by ``import a.b`` (or ``import a.b as c``) is followed into attribute chains too:
    ``import surveyor`` then ``surveyor.web.auth.login`` yields ``surveyor.web.auth.login``.
    Surveyor uses absolute imports only, and a relative one fails here rather than slip past the
    arrows; an import by a string (``importlib``) is refused by its own test below.
    """
    bound: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    root = alias.name.split(".")[0]
                    bound[root] = root
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{module}:{node.lineno} uses a relative import"
            yield node.lineno, node.module or ""
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"
    for node in ast.walk(tree):
        chain = _dotted(node) if isinstance(node, ast.Attribute) else None
        if chain and chain[0] in bound:
            yield node.lineno, ".".join([bound[chain[0]], *chain[1:]])


def _dotted(node: ast.Attribute) -> list[str] | None:
    """``a.b.c`` -> ["a", "b", "c"]; None when the chain does not start at a plain name."""
    parts = []
    current: ast.expr = node
    while isinstance(current, ast.Attribute):
        parts.append(current.attr)
        current = current.value
    if not isinstance(current, ast.Name):
        return None
    return [current.id, *reversed(parts)]


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


def test_the_arrow_checker_follows_a_module_into_its_attributes():
    """``import surveyor`` then ``surveyor.web.auth`` reaches the web face just the same."""
    tree = ast.parse(
        "import surveyor\nimport werkzeug as w\nsurveyor.web.auth.login\nw.exceptions.NotFound\n"
    )
    names = {name for _, name in _imports("sample", tree)}
    assert {"surveyor.web.auth.login", "werkzeug.exceptions.NotFound"} <= names


def test_the_arrow_checker_refuses_relative_imports():
    tree = ast.parse("from . import web\n")
    with pytest.raises(AssertionError, match="relative import"):
        list(_imports("surveyor.services.sample", tree))


DYNAMIC_IMPORTS = frozenset({"importlib", "__import__", "import_module", "import_string"})
"""What imports a module named by a string, which no arrow check can read."""


def _dynamic_imports(tree: ast.Module) -> Iterator[int]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names]
            if any(
                name.split(".")[0] in DYNAMIC_IMPORTS or name in DYNAMIC_IMPORTS for name in names
            ):
                yield node.lineno
        elif getattr(node, "id", getattr(node, "attr", None)) in DYNAMIC_IMPORTS:
            yield node.lineno  # a name or an attribute: __import__(...), importlib.import_module


def test_no_module_is_imported_by_a_string():
    """``importlib.import_module("surveyor.web...")`` would pass every arrow unseen."""
    found = [
        f"{module}:{line}"
        for module, tree in _sources("surveyor")
        for line in _dynamic_imports(tree)
    ]
    assert found == []


def test_the_dynamic_import_checker_sees_each_form():
    sources = (
        "import importlib\n",
        "from importlib import import_module\n",
        "from werkzeug.utils import import_string\n",
        "__import__('surveyor.web')\n",
    )
    for source in sources:
        assert list(_dynamic_imports(ast.parse(source))) == [1], source


def test_models_know_no_use_case():
    """Models are the bottom of the arrows: services, writers and commands build on them."""
    above = ("surveyor.services", "surveyor.export", "surveyor.deck", "surveyor.demo")
    above += ("surveyor.cli", "surveyor.scheduler", "surveyor.scoring")

    def forbidden(name: str) -> bool:
        return any(_within(name, package) for package in above)

    assert _violations("surveyor.models", forbidden) == []


def test_the_deck_writer_reads_no_models_and_calls_no_services():
    """Like the workbook: the deck lays out what services/reports/ assembled, never queries."""

    def forbidden(name: str) -> bool:
        below = ("surveyor.models", "surveyor.services", "surveyor.extensions", "surveyor.database")
        return (
            any(_within(name, package) for package in below)
            or name.split(".")[0] in {"sqlalchemy", "flask_sqlalchemy"}
            or (name.split(".")[0].startswith("flask") and not _within(name, "flask_babel"))
        )

    assert _violations("surveyor.deck", forbidden) == []


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


def _database_use(module: str, tree: ast.Module) -> Iterator[str]:
    """SQLAlchemy but its errors, ``db``, and ``Model.query`` / ``db.select`` in one module."""
    models = set()
    for line, name in _imports(module, tree):
        root = name.split(".")[0]
        orm = root in {"sqlalchemy", "flask_sqlalchemy"} and not _within(name, "sqlalchemy.exc")
        if orm or name == "surveyor.extensions.db":
            yield f"{module}:{line} imports {name}"
        if _within(name, "surveyor.models") and name.split(".")[-1][:1].isupper():
            models.add(name.split(".")[-1])
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in {"query", "select", "session"}
            and isinstance(node.value, ast.Name)
            and (node.value.id in models or node.value.id == "db")
        ):
            yield f"{module}:{node.lineno} uses {node.value.id}.{node.attr}"


@pytest.mark.parametrize("face", ["surveyor.web", "surveyor.api"])
def test_views_build_no_queries(face):
    """No SQLAlchemy in a view but its errors (mapped to 503), no ``db`` and no ``Model.query``:
    a query a view builds itself would also bypass the tenancy scope."""
    found = {use for module, tree in _sources(face) for use in _database_use(module, tree)}
    assert sorted(found) == []


def test_the_query_checker_sees_each_way_to_the_database():
    source = (
        "from sqlalchemy import select\n"
        "from surveyor.extensions import db as database\n"
        "from surveyor.models import Wave\n"
        "def view():\n"
        "    return Wave.query.all()\n"
    )
    found = list(_database_use("view", ast.parse(source)))
    assert [use.split(" ", 1)[1] for use in found] == [
        "imports sqlalchemy",
        "imports sqlalchemy.select",
        "imports surveyor.extensions.db",
        "uses Wave.query",
    ]
    errors_only = "from sqlalchemy.exc import DBAPIError\n"
    assert list(_database_use("view", ast.parse(errors_only))) == []


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


DOMAIN_ERROR_HANDLERS = {"surveyor.errors", "surveyor.api"}
"""Where the web (pages and their scripts' JSON) and the API map domain errors, once each."""


def _domain_error_mappings(module: str, tree: ast.Module) -> Iterator[str]:
    """Handlers registered for ``DomainError`` and ``except DomainError`` blocks."""
    for node in ast.walk(tree):
        caught = []
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            caught = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in {"errorhandler", "register_error_handler"}:
                caught = node.args[:1]
        for expression in caught:
            if getattr(expression, "attr", getattr(expression, "id", "")) == "DomainError":
                yield f"{module}:{node.lineno}"


def test_each_face_maps_domain_errors_in_one_handler():
    """A view that catches every domain error itself answers in a shape of its own; the web's
    handler (surveyor/errors.py) and the API's (surveyor/api/errors.py) are the only ones."""
    found = [
        place
        for module, tree in _sources("surveyor")
        if module not in DOMAIN_ERROR_HANDLERS
        for place in _domain_error_mappings(module, tree)
    ]
    assert found == []


def test_the_handler_checker_sees_a_view_that_catches_domain_errors():
    source = (
        "@bp.errorhandler(DomainError)\ndef handle(error): ...\n"
        "try:\n    pass\nexcept (ValueError, errors.DomainError):\n    pass\n"
    )
    assert list(_domain_error_mappings("view", ast.parse(source))) == ["view:1", "view:5"]


GETTEXT = frozenset({"_", "_l", "gettext", "lazy_gettext"})
NOT_CODE_LABELS = {"surveyor.schemas.instrument": "names the fields of the JSON format"}
"""Modules whose tables label something else than stored codes; a shared word is a coincidence."""


def _label_tables(tree: ast.Module) -> Iterator[tuple[int, set[str]]]:
    """(line, translated texts) of each module-level table of codes and their labels."""
    for node in tree.body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if not isinstance(value, ast.Dict):
            continue
        texts = {
            call.args[0].value
            for call in value.values
            if isinstance(call, ast.Call)
            and getattr(call.func, "id", "") in GETTEXT
            and call.args
            and isinstance(call.args[0], ast.Constant)
        }
        if texts:
            yield node.lineno, texts


def test_a_label_of_the_label_module_is_written_nowhere_else():
    """What a stored code is called is said once, in surveyor/labels.py: a table elsewhere that
    repeats one of its labels is a second copy that will drift (a new code, a new wording)."""
    trees = dict(_sources("surveyor"))
    labelled = {text for _, texts in _label_tables(trees.pop("surveyor.labels")) for text in texts}
    found = [
        f"{module}:{line} {sorted(texts & labelled)}"
        for module, tree in trees.items()
        if module not in NOT_CODE_LABELS
        for line, texts in _label_tables(tree)
        if texts & labelled
    ]
    assert found == []
