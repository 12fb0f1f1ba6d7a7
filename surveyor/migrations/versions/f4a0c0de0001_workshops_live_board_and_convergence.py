"""Workshops: participants, cards, clusters, causes, dot votes and the measures they became

Revision ID: f4a0c0de0001
Revises: f2a0c0de0002
Create Date: 2026-11-27 12:20:00

Issue 22: the workshop's live board (cards stored once per client-made id), its convergent
steps and the link tables that trace a measure back to the cards it came from.
"""

import sqlalchemy as sa
from alembic import op

revision = "f4a0c0de0001"
down_revision = "f2a0c0de0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "workshop",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("facilitator_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("title_de", sa.String(length=200), server_default="", nullable=False),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("world", sa.String(length=20), nullable=True),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("join_code", sa.String(length=12), nullable=False),
        sa.Column("join_open", sa.Boolean(), nullable=False),
        sa.Column("voting_open", sa.Boolean(), nullable=False),
        sa.Column("card_limit", sa.Integer(), nullable=False),
        sa.Column("vote_budget", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("card_limit > 0", name=op.f("ck_workshop_card_limit_positive")),
        sa.CheckConstraint("vote_budget > 0", name=op.f("ck_workshop_vote_budget_positive")),
        sa.ForeignKeyConstraint(
            ["facilitator_id"],
            ["user.id"],
            name=op.f("fk_workshop_facilitator_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_workshop_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop")),
        sa.UniqueConstraint("join_code", name=op.f("uq_workshop_join_code")),
        sa.UniqueConstraint("key", name=op.f("uq_workshop_key")),
    )
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshop_facilitator_id"), ["facilitator_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_workshop_project_id"), ["project_id"], unique=False)

    op.create_table(
        "workshop_cause",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("stage", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name=op.f("fk_workshop_cause_workshop_id_workshop"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_cause")),
    )
    with op.batch_alter_table("workshop_cause", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshop_cause_workshop_id"), ["workshop_id"], unique=False
        )

    op.create_table(
        "workshop_cluster",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name=op.f("fk_workshop_cluster_workshop_id_workshop"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_cluster")),
    )
    with op.batch_alter_table("workshop_cluster", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshop_cluster_workshop_id"), ["workshop_id"], unique=False
        )

    op.create_table(
        "workshop_participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name=op.f("fk_workshop_participant_workshop_id_workshop"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_participant")),
    )
    with op.batch_alter_table("workshop_participant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshop_participant_workshop_id"), ["workshop_id"], unique=False
        )

    op.create_table(
        "workshop_card",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=40), nullable=False),
        sa.Column("world", sa.String(length=20), nullable=False),
        sa.Column("text", sa.String(length=280), nullable=False),
        sa.Column("touchpoint_id", sa.Integer(), nullable=True),
        sa.Column("phase_id", sa.Integer(), nullable=True),
        sa.Column("cluster_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["workshop_cluster.id"],
            name=op.f("fk_workshop_card_cluster_id_workshop_cluster"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["workshop_participant.id"],
            name=op.f("fk_workshop_card_participant_id_workshop_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["phase_id"],
            ["phase.id"],
            name=op.f("fk_workshop_card_phase_id_phase"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["touchpoint_id"],
            ["touchpoint.id"],
            name=op.f("fk_workshop_card_touchpoint_id_touchpoint"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name=op.f("fk_workshop_card_workshop_id_workshop"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_card")),
        sa.UniqueConstraint("workshop_id", "client_id", name="workshop_card_once"),
    )
    with op.batch_alter_table("workshop_card", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshop_card_cluster_id"), ["cluster_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_workshop_card_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_workshop_card_workshop_id"), ["workshop_id"], unique=False
        )

    op.create_table(
        "workshop_cause_cluster",
        sa.Column("cause_id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cause_id"],
            ["workshop_cause.id"],
            name=op.f("fk_workshop_cause_cluster_cause_id_workshop_cause"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["workshop_cluster.id"],
            name=op.f("fk_workshop_cause_cluster_cluster_id_workshop_cluster"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("cause_id", "cluster_id", name=op.f("pk_workshop_cause_cluster")),
    )
    op.create_table(
        "workshop_vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("cause_id", sa.Integer(), nullable=False),
        sa.Column("dot", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["cause_id"],
            ["workshop_cause.id"],
            name=op.f("fk_workshop_vote_cause_id_workshop_cause"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["workshop_participant.id"],
            name=op.f("fk_workshop_vote_participant_id_workshop_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name=op.f("fk_workshop_vote_workshop_id_workshop"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_vote")),
        sa.UniqueConstraint("participant_id", "dot", name="workshop_vote_dot"),
    )
    with op.batch_alter_table("workshop_vote", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workshop_vote_cause_id"), ["cause_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_workshop_vote_workshop_id"), ["workshop_id"], unique=False
        )

    op.create_table(
        "workshop_cause_measure",
        sa.Column("cause_id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cause_id"],
            ["workshop_cause.id"],
            name=op.f("fk_workshop_cause_measure_cause_id_workshop_cause"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["measure_id"],
            ["measure.id"],
            name=op.f("fk_workshop_cause_measure_measure_id_measure"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("cause_id", "measure_id", name=op.f("pk_workshop_cause_measure")),
    )


def downgrade():
    op.drop_table("workshop_cause_measure")
    with op.batch_alter_table("workshop_vote", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_vote_workshop_id"))
        batch_op.drop_index(batch_op.f("ix_workshop_vote_cause_id"))

    op.drop_table("workshop_vote")
    op.drop_table("workshop_cause_cluster")
    with op.batch_alter_table("workshop_card", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_card_workshop_id"))
        batch_op.drop_index(batch_op.f("ix_workshop_card_participant_id"))
        batch_op.drop_index(batch_op.f("ix_workshop_card_cluster_id"))

    op.drop_table("workshop_card")
    with op.batch_alter_table("workshop_participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_participant_workshop_id"))

    op.drop_table("workshop_participant")
    with op.batch_alter_table("workshop_cluster", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_cluster_workshop_id"))

    op.drop_table("workshop_cluster")
    with op.batch_alter_table("workshop_cause", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_cause_workshop_id"))

    op.drop_table("workshop_cause")
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_project_id"))
        batch_op.drop_index(batch_op.f("ix_workshop_facilitator_id"))

    op.drop_table("workshop")
