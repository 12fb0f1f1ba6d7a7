"""The demo includes a checklist with a shopper, assignments and approved shops."""

from sqlalchemy import func, select

from surveyor.demo import pilots as pilot_demo
from surveyor.extensions import db
from surveyor.models import Answer, Assignment, Item, Project, User
from surveyor.services.results import checklist_results
from tests.demo_output import demo_password


def test_the_demo_has_approved_shops_at_own_and_competitor_locations(runner, app, client):
    result = runner.invoke(args=["demo", "--responses", "0", "--no-serve"])
    assert result.exit_code == 0, result.output
    password = demo_password(result.output)
    with app.app_context():
        statuses = dict(
            db.session.execute(
                select(Assignment.status, func.count()).group_by(Assignment.status)
            ).all()
        )
        piloted = len(pilot_demo.BRANCHES) * 2 * pilot_demo.SHOPS_PER_WAVE  # two waves measured
        assert statuses == {"approved": 6 + piloted, "submitted": 1, "assigned": 2}
        project_id = db.session.scalar(select(Project.id))
        own = checklist_results.total(project_id, competitor=False)
        rival = checklist_results.total(project_id, competitor=True)
        assert (own.shops, rival.shops) == (4 + piloted, 2)
        assert 0 < own.percent < 100 and 0 < rival.percent <= 100
        assert db.session.scalar(select(User.role).where(User.email == "shopper@demo.surveyor"))
    response = client.post("/login", data={"email": "shopper@demo.surveyor", "password": password})
    assert response.status_code == 302


def test_every_demo_item_that_claims_points_can_earn_them(runner, app):
    """The waiting time claimed 2 points but had no target, so no shop could ever score it."""
    result = runner.invoke(args=["demo", "--responses", "0", "--no-serve"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        best = dict(
            db.session.execute(
                select(Item.key, func.max(Answer.earned))
                .join(Answer, Answer.item_id == Item.id)
                .where(Item.points > 0)
                .group_by(Item.key)
            ).all()
        )
    assert best["wait"] is not None and best["wait"] > 0
    assert [key for key, earned in best.items() if not earned] == []
