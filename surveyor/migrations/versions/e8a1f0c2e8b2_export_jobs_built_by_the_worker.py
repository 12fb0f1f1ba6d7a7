"""Export jobs are claimed and retried by the scheduler's worker

Revision ID: e8a1f0c2e8b2
Revises: e8a1f0c2e8a1
Create Date: 2026-11-27 10:40:00

Issue 19 ("one worker process"): web workers only queue export jobs; ``surveyor scheduler``
claims them. ``attempts`` bounds the retries of a failing job and ``next_attempt_at`` holds its
back-off.
"""

import sqlalchemy as sa
from alembic import op

revision = "e8a1f0c2e8b2"
down_revision = "e8a1f0c2e8a1"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("export_job", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("attempts", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade():
    with op.batch_alter_table("export_job", schema=None) as batch_op:
        batch_op.drop_column("next_attempt_at")
        batch_op.drop_column("attempts")
