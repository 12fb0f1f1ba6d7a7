"""Project language for e-mails; optional German texts of phases, touchpoints, measures, sections

Revision ID: e8a1c4d2b7f9
Revises: e1a7c3d9b2f4
Create Date: 2026-11-27 09:20:00

Customers and invitees have no account whose language could be asked, so the project says which
language its e-mails speak; existing projects keep English, the language their e-mails had.
Consultants may give phases, touchpoints, measures and checklist sections a German text beside
the one they wrote; German readers see it where it exists.
"""

import sqlalchemy as sa
from alembic import op

revision = "e8a1c4d2b7f9"
down_revision = "e1a7c3d9b2f4"
branch_labels = None
depends_on = None

GERMAN_TEXTS = (
    ("phase", "name_de", 80),
    ("touchpoint", "name_de", 120),
    ("measure", "title_de", 200),
    ("item", "section_de", 120),
)


def upgrade():
    with op.batch_alter_table("project") as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=5), server_default="en", nullable=False)
        )
    for table, column, length in GERMAN_TEXTS:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(
                sa.Column(column, sa.String(length=length), server_default="", nullable=False)
            )


def downgrade():
    for table, column, _length in reversed(GERMAN_TEXTS):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column(column)
    with op.batch_alter_table("project") as batch_op:
        batch_op.drop_column("language")
