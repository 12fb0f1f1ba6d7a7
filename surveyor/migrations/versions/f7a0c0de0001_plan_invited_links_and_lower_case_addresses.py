"""Links remember when the plan sent them to the wave's invitees; addresses lower-cased

Revision ID: f7a0c0de0001
Revises: f6a0c0de0001
Create Date: 2026-11-27 16:00:00

Issue 16: a questionnaire ticked on a plan while its wave runs is sent to the wave's invitees
once per link, marked by ``survey_link.plan_invited_at``. Existing links count as done (they
were handled under the old rule), so upgrading sends nobody a surprise e-mail.

E-mail addresses are compared case-insensitively; stored ones are lower-cased like new ones.
Invitations have no unique address, so all are lowered. A user's address is lowered only when
no other account has the same address in other capitals: such accounts are never merged.
"""

import sqlalchemy as sa
from alembic import op

revision = "f7a0c0de0001"
down_revision = "f6a0c0de0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("survey_link", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_invited_at", sa.DateTime(timezone=True)))
    op.execute("UPDATE survey_link SET plan_invited_at = created_at")
    op.execute("UPDATE invitation SET email = lower(email) WHERE email <> lower(email)")
    op.execute(
        'UPDATE "user" SET email = lower(email) WHERE email <> lower(email) AND NOT EXISTS '
        '(SELECT 1 FROM "user" AS other '
        'WHERE other.id <> "user".id AND lower(other.email) = lower("user".email))'
    )


def downgrade():
    # Never by copying the table: on SQLite (foreign keys on) dropping the old copy would
    # cascade to every invitation. SQLite 3.35+ drops a plain column in place.
    with op.batch_alter_table("survey_link", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("plan_invited_at")
