"""Bulk assignments from a CSV or Excel sheet, all or nothing, with errors naming row and column.

Columns (header row, any order, case-insensitive): ``shopper`` (e-mail), ``location`` (name),
``checklist`` (name), ``wave`` (label or sequence number), ``visit_from``, ``visit_to``
(YYYY-MM-DD, DD.MM.YYYY, or Excel dates).
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime

from surveyor.database import committed
from surveyor.models import Assignment, Project, User
from surveyor.services.instruments.spreadsheet_uploads import UnreadableSheet, csv_rows, xlsx_rows
from surveyor.services.shops.assignments import (
    AssignmentInvalid,
    checklists_of,
    create_assignment,
    shoppers,
)

COLUMNS = ("shopper", "location", "checklist", "wave", "visit_from", "visit_to")
MAX_ROWS = 2000


class SheetInvalid(ValueError):
    """Every problem found, each naming its row and column; nothing of the sheet is stored."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@committed
def import_assignments(
    project: Project, filename: str, content: bytes, created_by: User | None = None
) -> list[Assignment]:
    rows = read_rows(filename, content)
    if not rows:
        raise SheetInvalid(["The file is empty."])
    header = [str(cell).strip().lower().replace(" ", "_") for cell in rows[0]]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise SheetInvalid([f"Row 1: missing column(s) {', '.join(missing)}."])
    if len(rows) > MAX_ROWS + 1:
        raise SheetInvalid([f"At most {MAX_ROWS} assignments per upload."])
    lookup = _Lookup(project)
    parsed, errors = [], []
    for number, row in enumerate(rows[1:], start=2):
        cells = {name: _cell(row, header.index(name)) for name in COLUMNS}
        if not any(cells.values()):
            continue
        fields, row_errors = lookup.resolve(number, cells)
        errors.extend(row_errors)
        if not row_errors:
            parsed.append((number, fields))
    if errors:
        raise SheetInvalid(errors[:50])
    created = []
    for number, fields in parsed:
        try:
            created.append(create_assignment(project, created_by=created_by, **fields))
        except AssignmentInvalid as invalid:
            errors.append(f"Row {number}: {invalid}")
    if errors:
        raise SheetInvalid(errors[:50])
    if not created:
        raise SheetInvalid(["The file lists no assignments."])
    return created


class _Lookup:
    """Names in the sheet to the project's objects, loaded once per upload."""

    def __init__(self, project: Project) -> None:
        self.shoppers = {user.email: user for user in shoppers()}
        self.locations = {location.name.strip().lower(): location for location in project.locations}
        self.checklists = {item.name.strip().lower(): item for item in checklists_of(project)}
        self.waves = {wave.label.strip().lower(): wave for wave in project.waves}
        self.waves.update({str(wave.sequence): wave for wave in project.waves})

    def resolve(self, number: int, cells: dict[str, str]) -> tuple[dict, list[str]]:
        errors, fields = [], {}
        for column, table, field in (
            ("shopper", self.shoppers, "shopper"),
            ("location", self.locations, "location"),
            ("checklist", self.checklists, "instrument"),
            ("wave", self.waves, "wave"),
        ):
            found = table.get(cells[column].strip().lower())
            if found is None:
                errors.append(f"Row {number}, column {column}: unknown '{cells[column][:80]}'.")
            fields[field] = found
        for column in ("visit_from", "visit_to"):
            fields[column] = parse_date(cells[column])
            if fields[column] is None:
                errors.append(
                    f"Row {number}, column {column}: '{cells[column][:40]}' is not a date "
                    "(YYYY-MM-DD)."
                )
        if not errors and fields["visit_to"] < fields["visit_from"]:
            errors.append(f"Row {number}, column visit_to: the visit window ends before it starts.")
        return fields, errors


def parse_date(text: str) -> date | None:
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
        with contextlib.suppress(ValueError):
            return datetime.strptime(text, pattern).date()
    return None


def read_rows(filename: str, content: bytes) -> list[list[str]]:
    name = filename.lower()
    try:
        if name.endswith(".xlsx"):
            return xlsx_rows(content, max_rows=MAX_ROWS + 2)
        if name.endswith((".csv", ".txt")):
            return csv_rows(content)
    except UnreadableSheet as unreadable:
        raise SheetInvalid([unreadable.message]) from None
    raise SheetInvalid(["Upload a .csv or .xlsx file."])


def _cell(row: list[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""
