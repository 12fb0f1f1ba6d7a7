"""Location limits for client viewers only: drop the limits of every other role

Revision ID: f9b1c0de0001
Revises: f8b0c0de0001
Create Date: 2026-11-27 19:00:00

Only viewers (client staff) can be limited to locations now (docs/security.md, "Staff limited
to locations"): editing pages never applied the limit, so a limited consultant or admin was
promised a cut they did not get. Limits given to other roles before the rule was enforced are
removed; those accounts see every location of their clients, as the editing pages always showed
them. The removed rows cannot be brought back: downgrading leaves the table as it is.
"""

import sqlalchemy as sa
from alembic import op

revision = "f9b1c0de0001"
down_revision = "f8b0c0de0001"
branch_labels = None
depends_on = None

user = sa.table("user", sa.column("id", sa.Integer), sa.column("role", sa.String))
location_access = sa.table("location_access", sa.column("user_id", sa.Integer))


def upgrade():
    others = sa.select(user.c.id).where(user.c.role != "viewer")
    op.execute(sa.delete(location_access).where(location_access.c.user_id.in_(others)))


def downgrade():
    pass
