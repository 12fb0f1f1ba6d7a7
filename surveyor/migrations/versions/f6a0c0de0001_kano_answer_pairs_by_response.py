"""Kano answer pairs readable by response from the index alone

Revision ID: f6a0c0de0001
Revises: f4a0c0de0001
Create Date: 2026-11-27 13:30:00

Issue 20, speed: the scorecard groups one wave's customer answers by location, feature and
answer pair. Without this index PostgreSQL scans every wave's ``kano_answer`` rows and hashes
them against the wave's responses, so the time grows with the whole table (up to 2.6 s at
1,000,000 responses); with it, an index-only nested loop reads only the wave's pairs
(docs/benchmarks.md, "Feature scorecard at 1,000,000 responses").
"""

from alembic import op

revision = "f6a0c0de0001"
down_revision = "f4a0c0de0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_kano_answer_response_pairs",
        "kano_answer",
        ["response_id", "item_id", "functional", "dysfunctional"],
    )


def downgrade():
    op.drop_index("ix_kano_answer_response_pairs", table_name="kano_answer")
