"""Webhook secret rotation: the previous secret signs too, until its grace period ends

Revision ID: f8b0c0de0001
Revises: f7a0c0de0001
Create Date: 2026-11-27 16:00:00

A consultant rotates a subscription's signing secret; for a grace period (24 hours) every
delivery carries a signature under the new and under the previous secret, so the receiver can
switch to the new secret without refusing a single event (docs/webhooks.md).
"""

import sqlalchemy as sa
from alembic import op

revision = "f8b0c0de0001"
down_revision = "f7a0c0de0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("webhook_subscription", schema=None) as batch_op:
        batch_op.add_column(sa.Column("previous_secret", sa.String(length=80), nullable=True))
        batch_op.add_column(
            sa.Column("previous_secret_until", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("rotated_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("webhook_subscription", schema=None) as batch_op:
        batch_op.drop_column("rotated_at")
        batch_op.drop_column("previous_secret_until")
        batch_op.drop_column("previous_secret")
