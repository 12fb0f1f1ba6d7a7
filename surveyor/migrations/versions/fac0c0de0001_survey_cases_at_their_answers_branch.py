"""Survey cases opened before answers passed on their branch take the branch of their answer

Revision ID: fac0c0de0001
Revises: f9b1c0de0001
Create Date: 2026-11-27 19:00:00

Until the fix of 2026-11-27 a survey answer tied to a branch (a branch's QR link, a kiosk's
``location_code``, an invitation from a recipient list) opened its follow-up cases without that
branch: they counted under "no location" in the loop metrics and were hidden from the branch's
own staff. Such cases now take the location stored with the answer. Shop cases always had theirs.
Rules limited to branches that should have fired then cannot be replayed; no data changes shape.
"""

from alembic import op

revision = "fac0c0de0001"
down_revision = "f9b1c0de0001"
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        "UPDATE follow_up_case SET location_id = "
        "(SELECT response.location_id FROM response WHERE response.id = follow_up_case.response_id) "
        "WHERE location_id IS NULL "
        "AND kind IN ('nps_detractor', 'csat_at_most', 'kano_dislike') "
        "AND EXISTS (SELECT 1 FROM response WHERE response.id = follow_up_case.response_id "
        "AND response.location_id IS NOT NULL)"
    )


def downgrade():
    # Which cases were given their answer's branch is not recorded; the location stays right.
    pass
