"""The demo pilots a training in five locations (its effect shows) and links checklist items."""

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import FeatureLink, Measure, Project
from surveyor.services.pilots.effects import pilot_report
from surveyor.services.scorecards.cards import build_scorecard


def test_demo_pilot_effect_is_visible_and_features_are_linked(runner, app):
    result = runner.invoke(args=["demo", "--responses", "400", "--no-serve"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        measure = db.session.scalar(
            select(Measure).where(Measure.title == "Friendliness and needs-assessment training")
        )
        assert len(measure.pilot_locations) == 5
        report = pilot_report(measure)
        assert report.problem == ""
        checklist = next(e for e in report.effects if e.metric == "checklist")
        assert checklist.result.low > 0, checklist
        assert db.session.scalar(select(db.func.count()).select_from(FeatureLink)) == 3
        project = db.session.scalar(select(Project))
        cards = build_scorecard(project).cards
        assert {card.key for card in cards} == {"polite", "anticipates", "reach-60s"}
