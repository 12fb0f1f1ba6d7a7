"""Project language for invitations and reminders

Revision ID: e8a1c4d2b7f9
Revises: d6f4b2c3d6f4
Create Date: 2026-11-27 09:20:00

Customers and invitees have no account whose language could be asked, so the project says which
language its e-mails speak. Existing projects keep English, the language their e-mails had.
"""

import sqlalchemy as sa
from alembic import op

revision = "e8a1c4d2b7f9"
down_revision = "d6f4b2c3d6f4"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("project") as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=5), server_default="en", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("project") as batch_op:
        batch_op.drop_column("language")
