"""The Alembic scripts must build exactly the schema the models describe.

Otherwise a fresh install (which runs migrations) and the code (which trusts the models) drift
apart; the diff below names the table or column that was forgotten.
"""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from surveyor.extensions import db


def test_migrations_match_the_models(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": False, "render_as_batch": True}
        )
        diff = compare_metadata(context, db.metadata)
    assert diff == [], diff
