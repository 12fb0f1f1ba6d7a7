"""Alert rules and follow-up cases

Revision ID: f3a0c0de0001
Revises: f2b0c0de0001
Create Date: 2026-11-27 12:30:00

Issue 21 ("close the loop"): rules per project that open follow-up cases with an owner, a due
date and a status; the case keeps a consenting customer's contact details.
"""

import sqlalchemy as sa
from alembic import op

revision = "f3a0c0de0001"
down_revision = "f2b0c0de0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "alert_rule",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer(),
            sa.ForeignKey("project.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_de", sa.String(length=120), nullable=False, server_default=""),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("threshold", sa.Float(), nullable=True),
        sa.Column("touchpoint_ids", sa.JSON(), nullable=False),
        sa.Column("location_ids", sa.JSON(), nullable=False),
        sa.Column("recipient_ids", sa.JSON(), nullable=False),
        sa.Column("due_days", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_alert_rule_project_id", "alert_rule", ["project_id"])
    op.create_table(
        "follow_up_case",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer(),
            sa.ForeignKey("project.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("rule_id", sa.Integer(), sa.ForeignKey("alert_rule.id", ondelete="SET NULL")),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column(
            "touchpoint_id", sa.Integer(), sa.ForeignKey("touchpoint.id", ondelete="SET NULL")
        ),
        sa.Column("location_id", sa.Integer(), sa.ForeignKey("location.id", ondelete="SET NULL")),
        sa.Column("wave_id", sa.Integer(), sa.ForeignKey("wave.id", ondelete="CASCADE")),
        sa.Column("response_id", sa.Integer(), sa.ForeignKey("response.id", ondelete="SET NULL")),
        sa.Column("owner_id", sa.Integer(), sa.ForeignKey("user.id", ondelete="SET NULL")),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("hours_to_close", sa.Integer(), nullable=True),
        sa.Column("closed_in_time", sa.Boolean(), nullable=True),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution_note", sa.Text(), nullable=False),
        sa.Column("contact_name", sa.String(length=120), nullable=False),
        sa.Column("contact_details", sa.String(length=254), nullable=False),
        sa.UniqueConstraint("rule_id", "key"),
        sa.CheckConstraint(
            "status IN ('open', 'in_progress', 'resolved', 'no_action')", name="case_status"
        ),
    )
    for column in ("project_id", "touchpoint_id", "location_id", "wave_id", "response_id"):
        op.create_index(f"ix_follow_up_case_{column}", "follow_up_case", [column])
    op.create_index("ix_follow_up_case_owner_id", "follow_up_case", ["owner_id"])
    op.create_index("ix_follow_up_case_status", "follow_up_case", ["status"])


def downgrade():
    op.drop_table("follow_up_case")
    op.drop_table("alert_rule")
