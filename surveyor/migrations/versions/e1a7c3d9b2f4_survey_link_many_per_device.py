"""Survey links: one answer per device unless the link is a counter tablet

Revision ID: e1a7c3d9b2f4
Revises: e8a1f0c2b7d9
Create Date: 2026-11-27 09:00:00

Issue 16: a customer who pressed Back and sent the survey again was counted twice. Public links
now remember on the device that it answered; a link meant for a counter tablet, where many
people answer on one device, says so explicitly with ``many_per_device``. Existing links keep
the safe default (one answer per device).
"""

import sqlalchemy as sa
from alembic import op

revision = "e1a7c3d9b2f4"
down_revision = "e8a1f0c2b7d9"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("survey_link") as batch:
        batch.add_column(
            sa.Column("many_per_device", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table("survey_link") as batch:
        batch.drop_column("many_per_device")
