"""Measurement plans, scheduled waves, outbox

Revision ID: b5d2a7e5b5d2
Revises: a4c1c0e1c4a1
Create Date: 2026-11-25 06:00:00

Filled in by the work on issue #5. Write the operations by hand for this issue's tables only
(tests/test_migrations.py checks that models and migrations agree).
"""

import sqlalchemy as sa
from alembic import op

revision = "b5d2a7e5b5d2"
down_revision = "a4c1c0e1c4a1"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "measurement_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("recurrence", sa.String(length=20), nullable=False),
        sa.Column("cron", sa.String(length=120), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("field_seconds", sa.Integer(), nullable=False),
        sa.Column("reminder_after_seconds", sa.Integer(), nullable=True),
        sa.Column("instrument_ids", sa.JSON(), nullable=False),
        sa.Column("location_ids", sa.JSON(), nullable=False),
        sa.Column("assignment_rule", sa.String(length=30), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_measurement_plan_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measurement_plan")),
        sa.UniqueConstraint("project_id", name=op.f("uq_measurement_plan_project_id")),
    )
    op.create_table(
        "outbox_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_outbox_message_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_message")),
    )
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_message_created_at"), ["created_at"])
        batch_op.create_index(batch_op.f("ix_outbox_message_project_id"), ["project_id"])
    with op.batch_alter_table("wave", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("period_key", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_wave_plan_id_measurement_plan"),
            "measurement_plan",
            ["plan_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_wave_plan_id_period_key"), ["plan_id", "period_key"]
        )


def downgrade():
    with op.batch_alter_table("wave", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_wave_plan_id_period_key"), type_="unique")
        batch_op.drop_constraint(batch_op.f("fk_wave_plan_id_measurement_plan"), type_="foreignkey")
        batch_op.drop_column("reminded_at")
        batch_op.drop_column("period_key")
        batch_op.drop_column("plan_id")
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_message_project_id"))
        batch_op.drop_index(batch_op.f("ix_outbox_message_created_at"))
    op.drop_table("outbox_message")
    op.drop_table("measurement_plan")
