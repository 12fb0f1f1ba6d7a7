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

Core statements sent on the session's connection (``db.session.connection().execute(select(...))``,
which hot paths use to skip the ORM) never reach the ORM's event, so the engine's
``before_execute`` checks them by the same rules; the ORM's own statements, announced by
``do_orm_execute`` just before, are left to that check.
"""

from __future__ import annotations

import traceback
import weakref
from dataclasses import dataclass, field

from sqlalchemy import Column, Engine, MetaData, Select, Table, event, inspect
from sqlalchemy.engine import Connection
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
    read: set[str] = field(default_factory=set)
    """Every tenant-owned table a checked query read: what the crawl covered."""
    marked: int = 0
    anchored: int = 0

    sessions: weakref.WeakKeyDictionary = field(default_factory=weakref.WeakKeyDictionary)
    """The session each connection works for, so a Core statement finds what it reached."""

    def __enter__(self) -> TenantGuard:
        event.listen(Session, "do_orm_execute", self._check)
        event.listen(Session, "loaded_as_persistent", _remember)
        event.listen(Session, "pending_to_persistent", _remember)
        event.listen(Session, "after_begin", self._bind)
        event.listen(Engine, "before_execute", self._check_core)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(Session, "do_orm_execute", self._check)
        event.remove(Session, "loaded_as_persistent", _remember)
        event.remove(Session, "pending_to_persistent", _remember)
        event.remove(Session, "after_begin", self._bind)
        event.remove(Engine, "before_execute", self._check_core)

    def _check(self, state: ORMExecuteState) -> None:
        state.session.info["tenant_guard_orm"] = True  # the next statement is the ORM's
        if not state.is_select or state.is_relationship_load or state.is_column_load:
            return None
        if not self._in_order(
            state.statement, state.execution_options, state.parameters, state.session
        ):
            return None
        return _remember_rows(state)

    def _in_order(self, statement, options, parameters, session: Session | None) -> bool:
        """Count the statement; report it unless it is marked or anchored."""
        tables = _tables(statement) & self.owned
        if not tables:
            return False
        self.checked += 1
        self.read |= tables
        if options.get(SCOPED):
            self.marked += 1
        elif _anchored(statement, parameters, _reached(session) if session else set()):
            self.anchored += 1
        else:
            self.bypasses.append(Bypass(frozenset(tables), str(statement), _caller()))
            return False
        return True

    def _bind(self, session: Session, _transaction, connection: Connection) -> None:
        self.sessions[connection] = session

    def _check_core(self, connection, statement, multiparams, params, options) -> None:
        """A statement on a connection: the ORM's own (checked already) or a Core one."""
        session = self.sessions.get(connection)
        if session is not None and session.info.pop("tenant_guard_orm", False):
            return
        if isinstance(statement, Select):
            merged = {**statement.get_execution_options(), **options}
            self._in_order(statement, merged, params or (multiparams or [{}])[0], session)


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


def _anchored(statement, parameters, reached: set[tuple[str, object]]) -> bool:
    """Whether the statement compares a key column with an id of an object already loaded."""
    for element in visitors.iterate(statement):
        if not isinstance(element, BinaryExpression):
            continue
        column, bind = element.left, element.right
        if not (isinstance(column, Column) and isinstance(bind, BindParameter)):
            continue
        if element.operator not in (operators.eq, operators.in_op):
            continue
        values = _values(bind, parameters)
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
