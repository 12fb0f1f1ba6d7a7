"""Checklist shops: assignments, reviews, photos, audit trail

Revision ID: a4c1c0e1c4a1
Revises: 7ccd9aa0d311
Create Date: 2026-11-25 06:00:00

Filled in by the work on issue #4. Write the operations by hand for this issue's tables only
(tests/test_migrations.py checks that models and migrations agree).
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "a4c1c0e1c4a1"
down_revision = "7ccd9aa0d311"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
