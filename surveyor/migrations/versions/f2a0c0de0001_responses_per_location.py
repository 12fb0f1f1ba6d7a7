"""Responses carry their location, channel and reference; access per location

Revision ID: f2a0c0de0001
Revises: f3b0a1c2d301
Create Date: 2026-11-27 12:30:00

Issue 20: a survey link's hidden fields (channel, employee or case reference) are stored with
the response; an invitation remembers the location of its recipient list row; a project sets
the smallest n a location needs to be ranked; client staff can be limited to locations;
location codes are unique within a project; (wave_id, id) finds a wave's newest response.
"""

import sqlalchemy as sa
from alembic import op

revision = "f2a0c0de0001"
down_revision = "f3b0a1c2d301"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.add_column(sa.Column("channel", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("reference", sa.String(length=80), nullable=True))
        batch_op.create_index("ix_response_wave_id", ["wave_id", "id"])
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("location_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_invitation_location_id", ["location_id"])
        batch_op.create_foreign_key(
            "fk_invitation_location_id_location",
            "location",
            ["location_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("min_location_n", sa.Integer(), nullable=False, server_default="30")
        )
    op.create_index(
        "uq_location_project_code",
        "location",
        ["project_id", "code"],
        unique=True,
        sqlite_where=sa.text("code <> ''"),
        postgresql_where=sa.text("code <> ''"),
    )
    op.create_table(
        "location_access",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["location_id"], ["location.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "location_id"),
    )
    op.create_index("ix_location_access_location_id", "location_access", ["location_id"])


def downgrade():
    op.drop_index("ix_location_access_location_id", table_name="location_access")
    op.drop_table("location_access")
    op.drop_index("uq_location_project_code", table_name="location")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_column("min_location_n")
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_constraint("fk_invitation_location_id_location", type_="foreignkey")
        batch_op.drop_index("ix_invitation_location_id")
        batch_op.drop_column("location_id")
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.drop_index("ix_response_wave_id")
        batch_op.drop_column("reference")
        batch_op.drop_column("channel")
