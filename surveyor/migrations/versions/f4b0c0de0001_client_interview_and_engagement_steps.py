"""The client interview and the consultant's notes on the ten steps of the method

Revision ID: f4b0c0de0001
Revises: f1a0c0de0001
Create Date: 2026-11-27 12:45:00

Issue 22 (items 1 and 5): stage one of an engagement is a structured interview; the engagement
tracker shows the ten steps with Surveyor's evidence and the consultant's own notes.
"""

import sqlalchemy as sa
from alembic import op

revision = "f4b0c0de0001"
down_revision = "f1a0c0de0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "client_interview",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("attendees", sa.Text(), nullable=False),
        sa.Column("situations", sa.Text(), nullable=False),
        sa.Column("challenges", sa.Text(), nullable=False),
        sa.Column("goals", sa.Text(), nullable=False),
        sa.Column("vision", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_client_interview_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_interview")),
        sa.UniqueConstraint("project_id", name=op.f("uq_client_interview_project_id")),
    )
    op.create_table(
        "engagement_step_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=2000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_engagement_step_note_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagement_step_note")),
        sa.UniqueConstraint(
            "project_id", "step", name=op.f("uq_engagement_step_note_project_id_step")
        ),
    )


def downgrade():
    op.drop_table("engagement_step_note")
    op.drop_table("client_interview")
