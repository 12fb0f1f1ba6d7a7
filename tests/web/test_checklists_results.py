"""Results of approved shops: per section, Kano tag, location, wave, own vs competitor.

Hand-computed with the items of ``Factory.checklist_instrument`` (greet 2, wait 3, friendly 4,
offer 2, farewell 1 point; the rest unscored):

* own A, approved, all good: 12 / 12
* own B, approved: greet 0 (critical), wait 120 s -> 1.5, friendly 3 -> 2, offer none -> 0,
  farewell N/A: 3.5 / 11
* competitor C, approved: wait N/A, friendly 1 -> 0, rest good: 5 / 9
* own A, submitted only (not approved): must not count.
"""

import pytest
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Project
from surveyor.services.results import checklist_results as results
from tests.factories import _Ref

SHOP_B = {"greet": 0, "wait": 120, "friendly": 3, "offer": "none", "farewell": None}
SHOP_C = {"wait": None, "friendly": 1}


@pytest.fixture
def shops(make):
    project = make.project()
    touchpoint = make.touchpoint(project, channel="store", name="Store counter")
    instrument = make.checklist_instrument(touchpoint)
    baseline = make.wave(project, 0, label="Baseline")
    follow_up = make.wave(project, 1, label="Follow-up")
    own_a = make.location(project, name="A Main Street")
    own_b = make.location(project, name="B Station")
    rival = make.location(project, name="C Rival", is_competitor=True)
    make.approved_shop(instrument, location=own_a, wave=baseline)
    make.approved_shop(instrument, SHOP_B, location=own_b, wave=baseline)
    make.approved_shop(instrument, SHOP_C, location=rival, wave=follow_up)
    pending = make.assignment(instrument, location=own_a, wave=baseline)
    make.submitted_shop(pending, {"greet": 0, "friendly": 1})
    return project, {"a": own_a, "b": own_b, "c": rival, "baseline": baseline}


def _by(app, project, dims, **filters):
    with app.app_context():
        return {
            row.label if len(dims) > 1 else row.label[0]: row
            for row in results.scores(project.id, dims, **filters)
        }


def test_only_approved_shops_count_pooled_over_points(app, shops):
    project, _ = shops
    with app.app_context():
        own = results.total(project.id, competitor=False)
        everything = results.total(project.id)
    assert (own.earned, own.possible, own.shops) == (15.5, 23, 2)
    assert own.percent == pytest.approx(100 * 15.5 / 23)
    assert (own.critical_failures, own.critical_shops) == (1, 1)
    assert everything.shops == 3
    assert everything.percent == pytest.approx(100 * 20.5 / 32)


def test_sections_and_kano_tags_own_vs_competitor(app, shops):
    project, _ = shops
    with app.app_context():
        sections = {e["label"]: e for e in results.competitor_benchmark(project.id, "section")}
        kano = {e["label"]: e for e in results.competitor_benchmark(project.id, "kano")}
    assert list(sections) == ["Greeting", "Advice", "Farewell"]
    assert sections["Greeting"]["own"].percent == pytest.approx(65.0)
    assert sections["Advice"]["own"].percent == pytest.approx(100 * 8 / 12)
    assert sections["Farewell"]["own"].percent == pytest.approx(100.0)
    assert sections["Greeting"]["competitor"].percent == pytest.approx(100.0)
    assert sections["Advice"]["competitor"].percent == pytest.approx(100 * 2 / 6)
    assert list(kano) == ["basic", "performance", "delighter"]
    assert kano["basic"]["own"].percent == pytest.approx(60.0)
    assert kano["performance"]["own"].percent == pytest.approx(75.0)
    assert kano["delighter"]["own"].percent == pytest.approx(50.0)


def test_a_group_with_nothing_applicable_has_no_score(app, shops):
    project, parts = shops
    sections = _by(app, project, ("section",), location_id=parts["b"].id)
    assert sections["Farewell"].possible == 0
    assert sections["Farewell"].percent is None
    assert sections["Greeting"].percent == pytest.approx(30.0)


def test_location_ranking_waves_and_filters(app, shops):
    project, parts = shops
    with app.app_context():
        ranking = results.location_ranking(project.id)
    assert [row.label[0] for row in ranking] == ["A Main Street", "B Station"]
    assert ranking[1].percent == pytest.approx(100 * 3.5 / 11)
    waves = _by(app, project, ("wave",))
    assert list(waves) == ["Baseline", "Follow-up"]
    assert waves["Follow-up"].percent == pytest.approx(100 * 5 / 9)
    both = _by(app, project, ("wave", "competitor"), wave_ids=[parts["baseline"].id])
    assert list(both) == [("Baseline", False)]
    with pytest.raises(ValueError):
        results.scores(project.id, ("colour",))


def test_results_page_shows_ranking_benchmark_and_drill_down(client, auth, make, app, shops):
    project, parts = shops
    auth.login(make.user("viewer", clients=(_Ref(_client_id(app, project)),)))
    page = client.get(f"/projects/{project.id}/checklist-results").text
    assert "67.4 %" in page  # own: 15.5 / 23
    assert "55.6 %" in page  # competitor: 5 / 9
    assert page.index("A Main Street") < page.index("B Station")
    assert "1 shop with critical failures" in page
    filtered = client.get(
        f"/projects/{project.id}/checklist-results?wave={parts['baseline'].id}&wave_junk=1"
    ).text
    assert "55.6 %" not in filtered
    with app.app_context():
        from surveyor.models import Assignment

        approved = db.session.scalar(
            select(Assignment.id).where(
                Assignment.status == "approved", Assignment.location_id == parts["b"].id
            )
        )
    shop = client.get(f"/shops/{approved}").text
    assert "31.8 %" in shop
    assert "Approve" not in shop  # viewers read, they do not review


def test_results_of_another_tenant_are_404(client, auth, make, shops):
    project, _ = shops
    auth.login(make.user("consultant", clients=(make.client(),)))
    assert client.get(f"/projects/{project.id}/checklist-results").status_code == 404


def test_the_results_page_needs_a_fixed_number_of_queries(client, auth, make, app, queries):
    project = make.project()
    instrument = make.checklist_instrument(make.touchpoint(project))
    wave = make.wave(project, 0)
    make.approved_shop(instrument, wave=wave)
    auth.login(make.user("consultant", clients=(_Ref(_client_id(app, project)),)))
    url = f"/projects/{project.id}/checklist-results"
    with queries:
        client.get(url)
    few = queries.count
    for _ in range(5):
        make.approved_shop(instrument, wave=wave)
    with queries:
        client.get(url)
    assert queries.count == few


def _client_id(app, project):
    with app.app_context():
        return db.session.get(Project, project.id).client_id


def test_the_page_overview_adds_up_to_the_same_figures_as_scores(app, shops):
    """The one-pass overview must agree with the per-dimension GROUP BY queries."""
    from surveyor.services.results.checklist_overview import overview

    project, parts = shops
    with app.app_context():
        for filters in ({}, {"wave_ids": [parts["baseline"].id]}, {"competitor": False}):
            seen = overview(project.id, **filters)
            totals = results.own_and_competitors(project.id, **filters)
            assert _figures(seen.own) == _figures(totals.get(False))
            assert _figures(seen.competitors) == _figures(totals.get(True))
            ranked, rivals = results.locations(project.id, **filters)
            assert [_figures(r) for r in seen.ranking] == [_figures(r) for r in ranked]
            assert [_figures(r) for r in seen.competitor_locations] == [_figures(r) for r in rivals]
            for by, rows in (("section", seen.by_section), ("kano", seen.by_kano)):
                expected = results.competitor_benchmark(project.id, by, **filters)
                assert [e["label"] for e in rows] == [e["label"] for e in expected]
                for got, want in zip(rows, expected, strict=True):
                    for side in ("own", "competitor"):
                        assert _percent(got[side]) == _percent(want[side])
            own_only = {**filters, "competitor": False}
            touchpoints = results.scores(project.id, ("touchpoint",), **own_only)
            assert [_figures(r) for r in seen.by_touchpoint] == [_figures(r) for r in touchpoints]


def _figures(row):
    if row is None:
        return None
    return (
        round(row.earned, 6),
        row.possible,
        row.shops,
        row.critical_failures,
        row.critical_shops,
    )


def _percent(row):
    return None if row is None else row.percent


@pytest.fixture
def german_shop(make):
    """An approved shop of a checklist whose consultant wrote German names beside English."""
    project = make.project()
    touchpoint = make.touchpoint(project, channel="store", name="Counter", name_de="Ladentheke")
    instrument = make.checklist_instrument(touchpoint, name="Visit", german=True)
    make.approved_shop(instrument, location=make.location(project, name="Main Street"))
    return project


@pytest.mark.parametrize(
    ("locale", "shown", "hidden"),
    [
        ("de", ["Ladentheke", "Begrüßung", "Verabschiedung"], ["Counter", "Greeting", "Farewell"]),
        ("en", ["Counter", "Greeting", "Farewell"], ["Ladentheke", "Begrüßung"]),
    ],
)
def test_results_page_names_touchpoints_and_sections_in_the_readers_language(
    client, auth, make, app, german_shop, locale, shown, hidden
):
    project = german_shop
    reader = make.user("viewer", clients=(_Ref(_client_id(app, project)),), locale=locale)
    auth.login(reader)
    page = client.get(f"/projects/{project.id}/checklist-results").text
    for name in shown:
        assert name in page
    for name in hidden:
        assert name not in page


def test_scores_label_items_in_german_and_keep_the_figures(app, german_shop):
    from flask_babel import force_locale

    project = german_shop
    by = ("touchpoint", "section", "item")
    with app.app_context():
        english = results.scores(project.id, by)
        with force_locale("de"):
            german = results.scores(project.id, by)
    assert [row.key for row in german] == [row.key for row in english]
    assert [row.percent for row in german] == [row.percent for row in english]
    assert english[0].label == ("Counter", "Greeting", "Item greet")
    assert german[0].label == ("Ladentheke", "Begrüßung", "Punkt greet")
