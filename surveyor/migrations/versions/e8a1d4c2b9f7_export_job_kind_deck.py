"""Export jobs build workbooks or client decks

Revision ID: e8a1d4c2b9f7
Revises: e8a1c4d2b7f9
Create Date: 2026-11-27 09:10:00

Issue 23: the client deck (PowerPoint) is built by the same background jobs as the workbook;
``kind`` says which file a job builds. Existing jobs are workbooks.
"""

import sqlalchemy as sa
from alembic import op

revision = "e8a1d4c2b9f7"
down_revision = "e8a1c4d2b7f9"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("export_job", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=20), nullable=False, server_default="workbook")
        )


def downgrade():
    with op.batch_alter_table("export_job", schema=None) as batch_op:
        batch_op.drop_column("kind")
