"""The checklist rule exists twice: as :func:`surveyor.scoring.checklist.score_shop` (the review
page's score of one shop) and as SQL sums (results page, API and Excel export, see
``services/results/checklist_results.py`` and ``services/results/checklist_overview.py``). Both are
kept, because the results pages must aggregate in the database; this test holds them to one rule on
the same shops: points earned / points possible with N/A removed from both sides, critical items
that earned less than their points counted as knock-outs, and shops pooled by summing points.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Answer, Assignment, Item, Location
from surveyor.scoring.checklist import SCORED_TYPES, ItemResult, ShopScore, score_shop
from surveyor.services.results import checklist_overview, checklist_results

# Shops of Factory.checklist_instrument (greet is the critical item; None answers are N/A).
SHOPS = {
    "own A": [
        {},
        {"greet": 0, "wait": 150, "friendly": 2},
        {"wait": None, "offer": None, "farewell": None},
    ],
    "own B": [
        {"greet": 0, "wait": None, "friendly": 1, "offer": "none", "farewell": 0},
        {"wait": 90, "friendly": 4, "offer": "one"},
    ],
    "rival C": [
        {"friendly": 3, "farewell": None},
        {"greet": 0, "offer": None},
    ],
}


@pytest.fixture
def shops(make):
    """Three locations (one a competitor), two waves, seven approved shops, one pending."""
    project = make.project()
    instrument = make.checklist_instrument(make.touchpoint(project, channel="store"))
    waves = [make.wave(project, 0, label="Baseline"), make.wave(project, 1, label="Follow-up")]
    for name, answers in SHOPS.items():
        location = make.location(project, name=name, is_competitor=name.startswith("rival"))
        for number, shop in enumerate(answers):
            make.approved_shop(instrument, shop, location=location, wave=waves[number % 2])
    make.submitted_shop(make.assignment(instrument, wave=waves[0]), {"greet": 0})
    return project


def _shop_items(project_id: int) -> dict[int, tuple[str, bool, list[ItemResult]]]:
    """Each approved shop's scored items, read from its stored answers: (location, rival, items)."""
    shops = db.session.execute(
        select(Assignment, Location)
        .join(Location, Location.id == Assignment.location_id)
        .where(Location.project_id == project_id, Assignment.status == "approved")
    ).all()
    found = {}
    for assignment, location in shops:
        rows = db.session.execute(
            select(Item, Answer)
            .join(Answer, Answer.item_id == Item.id)
            .where(
                Answer.response_id == assignment.response_id,
                Item.points > 0,
                Item.item_type.in_(sorted(SCORED_TYPES)),
            )
        ).all()
        items = [
            ItemResult(item.section, item.kano_tag or "", item.points, answer.earned, item.critical)
            for item, answer in rows
        ]
        found[assignment.id] = (location.name, location.is_competitor, items)
    return found


def _pooled(shops: list[list[ItemResult]]) -> tuple[ShopScore, int]:
    """Several shops pooled by the pure function: all their items scored as one, and how many
    of the shops had a knock-out."""
    pooled = score_shop(item for items in shops for item in items)
    return pooled, sum(score_shop(items).flagged for items in shops)


def _approx(value: float | None):
    return None if value is None else pytest.approx(value)


def test_sql_and_pure_function_score_every_shop_alike(app, shops):
    with app.app_context():
        pure = {key: score_shop(items) for key, (_, _, items) in _shop_items(shops.id).items()}
        by_shop = {row.key[0]: row for row in checklist_results.scores(shops.id, ("shop",))}
        by_section = checklist_results.scores(shops.id, ("shop", "section"))
        by_kano = checklist_results.scores(shops.id, ("shop", "kano"))
    assert set(by_shop) == set(pure) and len(pure) == 7
    assert any(shop.flagged for shop in pure.values())
    assert any(None in shop.by_section.values() for shop in pure.values())
    for assignment_id, shop in pure.items():
        row = by_shop[assignment_id]
        assert (row.earned, row.possible) == pytest.approx((shop.earned, shop.possible))
        assert row.percent == _approx(shop.percent)
        assert row.critical_failures == shop.critical_failures
        assert row.critical_shops == int(shop.flagged)
    for rows, breakdown in ((by_section, "by_section"), (by_kano, "by_kano")):
        sql = {(row.key[0], row.key[1] or ""): row.percent for row in rows}
        expected = {
            (assignment_id, name): value
            for assignment_id, shop in pure.items()
            for name, value in getattr(shop, breakdown).items()
        }
        assert sql.keys() == expected.keys()
        for key, value in expected.items():
            assert sql[key] == _approx(value), key


def test_sql_pools_shops_as_the_pure_function_does(app, shops):
    with app.app_context():
        shop_items = _shop_items(shops.id)
        locations = checklist_results.scores(shops.id, ("location",))
        sections = checklist_results.scores(shops.id, ("competitor", "section"))
        page = checklist_overview.overview(shops.id)
    for row in [*locations, *page.ranking, *page.competitor_locations]:
        name = row.label[0]
        at_location = [items for place, _, items in shop_items.values() if place == name]
        pooled, flagged = _pooled(at_location)
        assert row.percent == _approx(pooled.percent), name
        assert row.critical_shops == flagged, name
    for rival, total in ((False, page.own), (True, page.competitors)):
        on_side = [items for _, side, items in shop_items.values() if side == rival]
        pooled, flagged = _pooled(on_side)
        assert (total.percent, total.critical_shops) == (_approx(pooled.percent), flagged)
        assert {row.label[1]: row.percent for row in sections if row.key[0] == rival} == {
            name: _approx(value) for name, value in pooled.by_section.items()
        }
        assert {
            entry["label"]: (entry["competitor"] if rival else entry["own"]).percent
            for entry in page.by_section
        } == {name: _approx(value) for name, value in pooled.by_section.items()}
        assert {
            entry["label"] or "": (entry["competitor"] if rival else entry["own"]).percent
            for entry in page.by_kano
        } == {name: _approx(value) for name, value in pooled.by_kano.items()}
