"""Every route of the app as concrete URLs, so the attack tests cover new blueprints unasked.

A route's URL arguments name the objects it touches (``project_id``, ``link_id``, ``token``).
:func:`urls` fills them from a tenant's ids; when a new blueprint introduces an object kind the
tenant fixture does not build yet, :class:`MissingKind` says which, and the tests skip that route
with the reason instead of silently testing nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from flask import Flask
from werkzeug.routing import Rule
from werkzeug.routing.converters import AnyConverter

from surveyor import create_app

SKIPPED_ENDPOINTS = frozenset({"static"})
ARGUMENT_KINDS = {"link_id": "survey_link", "token": "survey_token"}


class MissingKind(LookupError):
    """The route needs an object kind that the tenant fixture does not create."""


@dataclass(frozen=True)
class Route:
    rule: str
    endpoint: str
    methods: tuple[str, ...]
    _rule: Rule

    @property
    def has_ids(self) -> bool:
        return any(name not in self._choices() for name in self._rule.arguments)

    @property
    def changes_state(self) -> bool:
        return any(method not in ("GET", "HEAD", "OPTIONS") for method in self.methods)

    def urls(self, ids: Mapping[str, object]) -> list[str]:
        """One URL per combination of fixed choices (``<any(...)>``), ids taken from ``ids``."""
        choices = self._choices()
        names = sorted(choices)
        found = []
        for combination in itertools.product(*(sorted(choices[name]) for name in names)):
            values = dict(zip(names, combination, strict=True))
            for name in self._rule.arguments - set(names):
                kind = _kind(name, values)
                if kind not in ids:
                    raise MissingKind(kind)
                values[name] = ids[kind]
            found.append(self._build(values))
        return found

    def _choices(self) -> dict[str, set[str]]:
        return {
            name: converter.items
            for name, converter in self._rule._converters.items()
            if isinstance(converter, AnyConverter)
        }

    def _build(self, values: dict) -> str:
        path = self._rule.rule
        for name in self._rule.arguments:
            path = _replace_argument(path, name, str(values[name]))
        return path


def _replace_argument(path: str, name: str, value: str) -> str:
    """Substitute ``<converter:name>`` textually, so that ids may also be invalid on purpose."""
    start = path.index("<")
    while True:
        end = path.index(">", start)
        if path[start + 1 : end].split(":")[-1] == name:
            return path[:start] + value + path[end + 1 :]
        start = path.index("<", end)


def _kind(argument: str, values: Mapping[str, str]) -> str:
    """``project_id`` -> project; ``object_id`` next to ``kind=phases`` -> phase."""
    if argument == "object_id" and "kind" in values:
        return values["kind"].removesuffix("s")
    return ARGUMENT_KINDS.get(argument, argument.removesuffix("_id"))


def routes(app: Flask) -> list[Route]:
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED_ENDPOINTS:
            continue
        methods = tuple(sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}))
        found.append(Route(rule.rule, rule.endpoint, methods, rule))
    return sorted(found, key=lambda route: (route.rule, route.methods))


ROUTE_APP = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "list-routes"})
ALL_ROUTES = routes(ROUTE_APP)
