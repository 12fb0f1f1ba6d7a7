"""The Responses sheet's rows stream from the database: the writer never holds them all.

A workbook of 100,000 responses stays under 150 MB (docs/benchmarks.md) only because the reports
service hands the writer a generator that reads the next chunk of responses when the writer has
written the previous one, inside the same snapshot as the summary sheets.
"""

from __future__ import annotations

from sqlalchemy import event

from surveyor import database
from surveyor.extensions import db
from surveyor.services.reports.response_rows import plan_responses, response_rows
from surveyor.services.reports.scope import ExportScope, load_context


def test_rows_are_read_one_chunk_at_a_time(app, export_project):
    selects: list[str] = []

    def count(_conn, _cursor, statement, _parameters, _context, _many) -> None:
        if statement.lstrip().startswith("SELECT"):
            selects.append(statement)

    with app.app_context(), database.snapshot():
        context = load_context(ExportScope(export_project.project.id))
        plan = plan_responses(context)
        finished_chunks: list[int] = []
        rows = response_rows(context, plan, on_chunk=finished_chunks.append, chunk=5)
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            first_chunk = [next(rows) for _ in range(5)]
            read_for_first_chunk = len(selects)
            assert finished_chunks == []
            sixth = next(rows)
            assert finished_chunks == [5]
            rest = list(rows)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    assert read_for_first_chunk == 2  # the chunk's response ids, then their answers
    assert len(selects) == 2 * 3 + 1  # three chunks of 5 responses; the fourth finds no ids
    ids = [row[0] for row in [*first_chunk, sixth, *rest]]
    assert ids == sorted(set(ids)) and len(ids) == 15  # 6 + 3 + 6 responses, each once
    assert finished_chunks == [5, 10, 15]
