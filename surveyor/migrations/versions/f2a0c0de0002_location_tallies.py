"""Counts per closed wave and location, for results by location at a million responses

Revision ID: f2a0c0de0002
Revises: f2a0c0de0001
Create Date: 2026-11-27 12:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "f2a0c0de0002"
down_revision = "f2a0c0de0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "location_tally",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wave_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("first", sa.SmallInteger(), nullable=True),
        sa.Column("second", sa.SmallInteger(), nullable=True),
        sa.Column("third", sa.SmallInteger(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["wave_id"], ["wave.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["location_id"], ["location.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["item_id"], ["item.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_location_tally_wave_id", "location_tally", ["wave_id"])
    op.create_table(
        "wave_tally",
        sa.Column("wave_id", sa.Integer(), nullable=False),
        sa.Column("last_response_id", sa.Integer(), nullable=False),
        sa.Column("refreshed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["wave_id"], ["wave.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("wave_id"),
    )


def downgrade():
    op.drop_table("wave_tally")
    op.drop_index("ix_location_tally_wave_id", table_name="location_tally")
    op.drop_table("location_tally")
