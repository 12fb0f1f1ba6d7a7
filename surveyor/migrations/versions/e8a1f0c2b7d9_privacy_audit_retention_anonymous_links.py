"""Privacy by design: audit log, retention and privacy notice per project, anonymous links

Revision ID: e8a1f0c2b7d9
Revises: d6f4b2c3d6f4
Create Date: 2026-11-27 09:00:00

Issue 18 ("Trust"), GDPR part. Self-contained: one new table and added columns only.
"""

import sqlalchemy as sa
from alembic import op

revision = "e8a1f0c2b7d9"
down_revision = "d6f4b2c3d6f4"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_email", sa.String(length=254), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["user.id"],
            name=op.f("fk_audit_event_actor_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["client.id"],
            name=op.f("fk_audit_event_client_id_client"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_action"), ["action"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_event_actor_email"), ["actor_email"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_audit_event_occurred_at"), ["occurred_at"], unique=False
        )
    with op.batch_alter_table("project", schema=None) as batch_op:
        for name, length in (("privacy_controller", 200), ("privacy_contact", 200)):
            batch_op.add_column(
                sa.Column(name, sa.String(length=length), nullable=False, server_default="")
            )
        for name in ("privacy_purpose_en", "privacy_purpose_de"):
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("retention_days", sa.Integer(), nullable=True))
    with op.batch_alter_table("wave", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("personal_data_removed_at", sa.DateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("survey_link", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("anonymous", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade():
    with op.batch_alter_table("survey_link", schema=None) as batch_op:
        batch_op.drop_column("anonymous")
    with op.batch_alter_table("wave", schema=None) as batch_op:
        batch_op.drop_column("personal_data_removed_at")
    with op.batch_alter_table("project", schema=None) as batch_op:
        for name in (
            "retention_days",
            "privacy_purpose_de",
            "privacy_purpose_en",
            "privacy_contact",
            "privacy_controller",
        ):
            batch_op.drop_column(name)
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_occurred_at"))
        batch_op.drop_index(batch_op.f("ix_audit_event_actor_email"))
        batch_op.drop_index(batch_op.f("ix_audit_event_action"))
    op.drop_table("audit_event")
