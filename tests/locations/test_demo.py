"""The demo shows branches in two regions, ranked by what their customers say."""

from __future__ import annotations

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Project, User
from surveyor.services.locations import results


def test_the_demo_ranks_branches_in_two_regions(runner, app):
    assert runner.invoke(args=["demo", "--responses", "400", "--no-serve"]).exit_code == 0
    with app.test_request_context():
        project = db.session.scalar(select(Project))
        admin = db.session.scalar(select(User).where(User.role == "admin"))
        ranking = results.ranking(admin, project, project.waves[1], "csat")
        names = {unit.location.name: unit for unit in ranking.branches}
        # six branches with customer answers, six shopped ones of the pilot demo, one hotline
        assert len(names) == 13 and {r.location.name for r in ranking.regions} == {
            "Region Nord",
            "Region Süd",
        }
        assert names["Kundencenter Hafen"].small and names["Kundencenter Hafen"].rank is None
        assert sum(1 for unit in ranking.branches if unit.rank) >= 4
        better = names["Kundencenter Nordstadt"].scores.csat.value
        assert better > names["Kundencenter Mitte"].scores.csat.value
