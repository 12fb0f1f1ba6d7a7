"""Transactional outbox: delivery state per message

Revision ID: e8a1f0c2b7d4
Revises: e8a1d4c2b9f7
Create Date: 2026-11-27 09:10:00

Issue 19. Messages are no longer handed to SMTP inside the transaction that wrote them; the
scheduler delivers them afterwards and records status, attempts, the next attempt, the last
error and the delivery time per message, under a stable Message-ID. ``sent_at`` becomes
``delivered_at`` and ``error`` becomes ``last_error``; existing rows keep their outcome (a row
that failed before this revision is marked failed and not retried, as it was never retried).
"""

import sqlalchemy as sa
from alembic import op

revision = "e8a1f0c2b7d4"
down_revision = "e8a1d4c2b9f7"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.alter_column("sent_at", new_column_name="delivered_at")
        batch_op.alter_column("error", new_column_name="last_error")
        batch_op.add_column(sa.Column("message_id", sa.String(length=120), nullable=True))
        batch_op.add_column(
            sa.Column("status", sa.String(length=20), nullable=False, server_default="pending")
        )
        batch_op.add_column(
            sa.Column("attempts", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True)
        )
    outbox = sa.table(
        "outbox_message",
        sa.column("id", sa.Integer),
        sa.column("message_id", sa.String),
        sa.column("status", sa.String),
        sa.column("attempts", sa.Integer),
        sa.column("delivered_at", sa.DateTime),
        sa.column("last_error", sa.Text),
    )
    op.execute(
        outbox.update().values(
            message_id=sa.literal("<outbox-")
            + sa.cast(outbox.c.id, sa.String)
            + sa.literal("@surveyor.outbox>")
        )
    )
    op.execute(
        outbox.update()
        .where(outbox.c.delivered_at.is_not(None))
        .values(status="sent", attempts=1)
    )
    op.execute(
        outbox.update()
        .where(outbox.c.delivered_at.is_(None), outbox.c.last_error.is_not(None))
        .values(status="failed", attempts=1)
    )
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.alter_column("message_id", existing_type=sa.String(length=120), nullable=False)
        batch_op.alter_column("status", server_default=None)
        batch_op.alter_column("attempts", server_default=None)
        batch_op.create_unique_constraint(
            batch_op.f("uq_outbox_message_message_id"), ["message_id"]
        )
        batch_op.create_index(batch_op.f("ix_outbox_message_status"), ["status"], unique=False)


def downgrade():
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_message_status"))
        batch_op.drop_constraint(batch_op.f("uq_outbox_message_message_id"), type_="unique")
        batch_op.drop_column("next_attempt_at")
        batch_op.drop_column("attempts")
        batch_op.drop_column("status")
        batch_op.drop_column("message_id")
        batch_op.alter_column("last_error", new_column_name="error")
        batch_op.alter_column("delivered_at", new_column_name="sent_at")
