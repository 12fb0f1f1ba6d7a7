"""The demo carries a measurement plan, measures, and a visible Kano drift at the hotline."""

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Item, Measure, MeasurementPlan, Project, Touchpoint, Wave
from surveyor.models.base import utcnow
from surveyor.services.results import trends
from surveyor.services.waves import scheduling


def test_demo_plan_owns_the_waves_and_the_hotline_shows_a_drift(runner, app):
    result = runner.invoke(args=["demo", "--responses", "400", "--no-serve"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        plan = db.session.scalar(select(MeasurementPlan))
        waves = db.session.scalars(select(Wave).order_by(Wave.sequence)).all()
        assert all(wave.plan_id == plan.id and wave.period_key for wave in waves)
        assert scheduling.open_due_waves(utcnow()) == []  # nothing stray opens on the demo
        hotline = db.session.scalar(select(Touchpoint).where(Touchpoint.name == "Service hotline"))
        trend = trends.touchpoint_trend(hotline)
        drifted = {(a.feature.key, a.drift.before, a.drift.after) for a in trend.alerts}
        assert ("callback", "A", "O") in drifted
        counter = db.session.scalar(
            select(Touchpoint).where(Touchpoint.name == "Customer centre counter")
        )
        assert len(counter.measures) == 2


def test_the_demo_speaks_german_with_capitalised_sie_and_german_checklist_texts(runner, app):
    """German-first demo: "Sie erreichen", never "sie erreichen"; every checklist item in German."""
    result = runner.invoke(args=["demo", "--responses", "0", "--no-serve"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        items = db.session.scalars(select(Item)).all()
        project = db.session.scalar(select(Project))
        assert project.language == "de"
        assert [w.label for w in project.waves] == [
            "Nullmessung",
            "Folgemessung 1",
            "Folgemessung 2",
        ]
        features = [item for item in items if item.item_type == "kano_feature"]
        checklist = [item for item in items if item.version.instrument.kind == "checklist"]
        assert features and checklist
        assert all(item.negative_text_de and item.negative_text_en for item in features)
        assert all(item.negative_text_de[0].isupper() for item in features)
        assert not [i.negative_text_de for i in features if i.negative_text_de.startswith("Wenn")]
        assert all(item.text_de for item in checklist)


def test_the_demo_names_touchpoints_and_measures_in_german_too(runner, app):
    runner.invoke(args=["demo", "--responses", "0", "--no-serve"])
    with app.app_context():
        touchpoints = db.session.scalars(select(Touchpoint)).all()
        measures = db.session.scalars(select(Measure)).all()
        assert touchpoints and all(t.name_de and t.name_de != t.name for t in touchpoints)
        assert measures and all(m.title_de for m in measures)
