"""Background export jobs

Revision ID: d6f4b2c3d6f4
Revises: c7e3a9e7c7e3
Create Date: 2026-11-25 06:00:00

Filled in by the work on issue #6. Write the operations by hand for this issue's tables only
(tests/test_migrations.py checks that models and migrations agree).
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "d6f4b2c3d6f4"
down_revision = "c7e3a9e7c7e3"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
