"""Measurement plans, scheduled waves, outbox

Revision ID: b5d2a7e5b5d2
Revises: a4c1c0e1c4a1
Create Date: 2026-11-25 06:00:00

Filled in by the work on issue #5. Write the operations by hand for this issue's tables only
(tests/test_migrations.py checks that models and migrations agree).
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "b5d2a7e5b5d2"
down_revision = "a4c1c0e1c4a1"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
