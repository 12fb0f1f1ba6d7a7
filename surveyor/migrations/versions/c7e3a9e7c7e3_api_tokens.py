"""Personal API tokens

Revision ID: c7e3a9e7c7e3
Revises: b5d2a7e5b5d2
Create Date: 2026-11-25 06:00:00

Filled in by the work on issue #7. Write the operations by hand for this issue's tables only
(tests/test_migrations.py checks that models and migrations agree).
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "c7e3a9e7c7e3"
down_revision = "b5d2a7e5b5d2"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
