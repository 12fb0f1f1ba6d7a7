"""Measures are piloted in chosen locations; checklist items observe Kano features

Revision ID: f2b0c0de0001
Revises: f4b0c0de0001
Create Date: 2026-11-27 12:30:00

Issue 20, items 3 and 4: ``measure_pilot_location`` lists the pilot locations of a measure
(difference in differences against the others), ``feature_link`` ties a checklist item to
the Kano feature it observes (the scorecard per feature).
"""

import sqlalchemy as sa
from alembic import op

revision = "f2b0c0de0001"
down_revision = "f4b0c0de0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "measure_pilot_location",
        sa.Column(
            "measure_id",
            sa.Integer(),
            sa.ForeignKey("measure.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "location_id",
            sa.Integer(),
            sa.ForeignKey("location.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_table(
        "feature_link",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "checklist_instrument_id",
            sa.Integer(),
            sa.ForeignKey("instrument.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("checklist_key", sa.String(length=40), nullable=False),
        sa.Column(
            "kano_instrument_id",
            sa.Integer(),
            sa.ForeignKey("instrument.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kano_key", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("checklist_instrument_id", "checklist_key"),
    )
    op.create_index(
        "ix_feature_link_checklist_instrument_id", "feature_link", ["checklist_instrument_id"]
    )
    op.create_index("ix_feature_link_kano_instrument_id", "feature_link", ["kano_instrument_id"])


def downgrade():
    op.drop_index("ix_feature_link_kano_instrument_id", table_name="feature_link")
    op.drop_index("ix_feature_link_checklist_instrument_id", table_name="feature_link")
    op.drop_table("feature_link")
    op.drop_table("measure_pilot_location")
