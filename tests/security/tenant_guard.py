"""Watches the queries a request sends and reports those that bypass the tenancy scope.

A query of a tenant-owned table is in order when it

* carries the scope's mark (:data:`surveyor.services.tenancy.SCOPED`), i.e. it was limited to
  the user's clients by :func:`surveyor.services.tenancy.scope`; or
* starts from what this request already reached: a relationship of a loaded object, a
  refresh of one, or a query that compares a key column (primary or foreign) with an id
  reached earlier in the same request (``Wave.project_id == project.id`` after the project
  came through the scope); or
* is addressed by a secret token (a survey link's or invitation's): the token is the
  credential of the public survey, there is no user to scope by.

Reached ids are remembered per session (one session per request): the keys and foreign keys of
every object loaded, and the key columns of every row an in-order query returned. An id reached
by a query that bypassed the scope was already reported when that query ran. Tenant-owned
tables are found from the schema: every table with a foreign-key path to ``client``.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field

from sqlalchemy import Column, MetaData, Table, event, inspect
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql import operators, visitors
from sqlalchemy.sql.elements import BinaryExpression, BindParameter, Label
from sqlalchemy.sql.selectable import ScalarSelect
from sqlalchemy.sql.util import find_tables

from surveyor.services.tenancy import SCOPED

SCOPE_TABLES = frozenset({"client_access"})
"""The scope's own table: it says who reaches which client, it belongs to no tenant."""
SECRETS = frozenset({("survey_link", "token"), ("invitation", "token")})
"""Columns whose value is a credential in itself (public survey links)."""


def tenant_owned(metadata: MetaData) -> frozenset[str]:
    """``client`` and every table with a foreign-key path to it."""
    owned = {"client"}
    grown = True
    while grown:
        before = len(owned)
        for table in metadata.sorted_tables:
            if table.name in SCOPE_TABLES:
                continue
            if any(key.column.table.name in owned for key in table.foreign_keys):
                owned.add(table.name)
        grown = len(owned) > before
    return frozenset(owned)


@dataclass
class Bypass:
    tables: frozenset[str]
    sql: str
    where: str

    def __str__(self) -> str:
        return f"{self.where}: {sorted(self.tables)}\n    {self.sql[:300]}"


@dataclass
class TenantGuard:
    """Context manager: while active, every session's queries are checked."""

    owned: frozenset[str]
    bypasses: list[Bypass] = field(default_factory=list)
    checked: int = 0
    marked: int = 0
    anchored: int = 0

    def __enter__(self) -> TenantGuard:
        event.listen(Session, "do_orm_execute", self._check)
        event.listen(Session, "loaded_as_persistent", _remember)
        event.listen(Session, "pending_to_persistent", _remember)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(Session, "do_orm_execute", self._check)
        event.remove(Session, "loaded_as_persistent", _remember)
        event.remove(Session, "pending_to_persistent", _remember)

    def _check(self, state: ORMExecuteState) -> None:
        if not state.is_select or state.is_relationship_load or state.is_column_load:
            return None
        tables = _tables(state.statement) & self.owned
        if not tables:
            return None
        self.checked += 1
        if state.execution_options.get(SCOPED):
            self.marked += 1
        elif _anchored(state):
            self.anchored += 1
        else:
            self.bypasses.append(Bypass(frozenset(tables), str(state.statement), _caller()))
            return None
        return _remember_rows(state)


def _reached(session: Session) -> set[tuple[str, object]]:
    return session.info.setdefault("tenant_guard_reached", set())


def _remember(session: Session, instance: object) -> None:
    """An object's own id and the ids its foreign keys name (where a lazy load would go)."""
    state = inspect(instance)
    table = state.mapper.local_table
    reached = _reached(session)
    reached.update((table.name, key) for key in state.identity or ())
    for column in table.columns:
        target = _referenced_table(column)
        value = state.dict.get(state.mapper.get_property_by_column(column).key)
        if target and value is not None:
            reached.add((target, value))


def _remember_rows(state: ORMExecuteState):
    """Run the in-order query and remember the key columns of the rows it returns."""
    frozen = state.invoke_statement().freeze()
    columns = [described["expr"] for described in state.statement.column_descriptions]
    reached = _reached(state.session)
    for row in frozen().all():
        if len(row) != len(columns):
            continue
        for column, value in zip(columns, row, strict=True):
            column = _plain_column(column)
            target = _referenced_table(column) if isinstance(column, Column) else None
            if target and isinstance(value, int):
                reached.add((target, value))
    return frozen()


def _plain_column(column):
    """``Response.id`` or ``(SELECT version.id ...) AS version_id`` -> the table's column."""
    if hasattr(column, "__clause_element__"):
        column = column.__clause_element__()
    if isinstance(column, Label):
        column = column.element
    if isinstance(column, ScalarSelect) and len(column.element.selected_columns) == 1:
        column = column.element.selected_columns[0]
    return column


def _tables(statement) -> set[str]:
    found = find_tables(statement, check_columns=True, include_joins=True, include_aliases=True)
    return {table.name for table in found if isinstance(table, Table)}


def _anchored(state: ORMExecuteState) -> bool:
    """Whether the statement compares a key column with an id of an object already loaded."""
    reached = _reached(state.session)
    for element in visitors.iterate(state.statement):
        if not isinstance(element, BinaryExpression):
            continue
        column, bind = element.left, element.right
        if not (isinstance(column, Column) and isinstance(bind, BindParameter)):
            continue
        if element.operator not in (operators.eq, operators.in_op):
            continue
        values = _values(bind, state.parameters)
        if element.operator is operators.in_op and values == []:
            return True  # IN () reaches nothing
        if (column.table.name, column.name) in SECRETS and values:
            return True
        table = _referenced_table(column)
        if table and values and all((table, value) in reached for value in values):
            return True
    return False


def _referenced_table(column: Column) -> str | None:
    """The table whose ids ``column`` holds: the one its foreign key names, or its own."""
    keys = list(column.foreign_keys)
    if len(keys) == 1:
        return keys[0].column.table.name
    if column.primary_key and len(column.table.primary_key.columns) == 1:
        return column.table.name
    return None


def _values(bind: BindParameter, parameters) -> list | None:
    value = bind.effective_value
    if value is None and isinstance(parameters, dict):
        value = parameters.get(bind.key)
    if value is None:
        return None
    return list(value) if isinstance(value, list | tuple | set | frozenset) else [value]


def _caller() -> str:
    """The innermost frame of Surveyor's own code that sent the query."""
    for frame in reversed(traceback.extract_stack()):
        if "/surveyor/" in frame.filename and "/tests/" not in frame.filename:
            return f"{frame.filename.split('/surveyor/', 1)[1]}:{frame.lineno} {frame.name}"
    return "?"
