"""Locations form regions and carry a code for links and recipient lists

Revision ID: f1a0c0de0001
Revises: e8a1f0c2e8b2
Create Date: 2026-11-27 12:20:00

Issue 20 ("locations everywhere"): a region groups branches (``parent_id``), ``kind`` tells
the two apart and ``code`` identifies a location in a survey link or a recipient list.
"""

import sqlalchemy as sa
from alembic import op

revision = "f1a0c0de0001"
down_revision = "e8a1f0c2e8b2"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("location", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=20), nullable=False, server_default="branch")
        )
        batch_op.add_column(
            sa.Column("code", sa.String(length=40), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_location_parent_id", ["parent_id"])
        batch_op.create_foreign_key(
            "fk_location_parent_id_location", "location", ["parent_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_check_constraint("location_kind", "kind IN ('branch', 'region')")


def downgrade():
    with op.batch_alter_table("location", schema=None) as batch_op:
        batch_op.drop_constraint("location_kind", type_="check")
        batch_op.drop_constraint("fk_location_parent_id_location", type_="foreignkey")
        batch_op.drop_index("ix_location_parent_id")
        batch_op.drop_column("parent_id")
        batch_op.drop_column("code")
        batch_op.drop_column("kind")
