"""Checklist scoring against hand-computed shops."""

import pytest

from surveyor.scoring.checklist import (
    ItemResult,
    earned_points,
    percent,
    score_shop,
)


def test_a_shop_scores_earned_over_possible_per_section_and_kano_tag():
    shop = score_shop(
        [
            ItemResult("Greeting", "basic", 2, 2),
            ItemResult("Greeting", "performance", 3, 1),
            ItemResult("Advice", "performance", 5, 4),
            ItemResult("Advice", "delighter", 2, 0),
        ]
    )
    # (2 + 1 + 4 + 0) / (2 + 3 + 5 + 2) = 7 / 12
    assert shop.percent == pytest.approx(100 * 7 / 12)
    assert shop.by_section == {
        "Greeting": pytest.approx(60.0),
        "Advice": pytest.approx(100 * 4 / 7),
    }
    assert shop.by_kano == {
        "basic": pytest.approx(100.0),
        "performance": pytest.approx(62.5),
        "delighter": pytest.approx(0.0),
    }
    assert shop.critical_failures == 0
    assert not shop.flagged


def test_not_applicable_items_leave_both_sides_of_the_ratio():
    shop = score_shop(
        [
            ItemResult("Greeting", "basic", 4, 3),
            ItemResult("Greeting", "basic", 10, None),
        ]
    )
    assert shop.percent == pytest.approx(75.0)
    assert (shop.earned, shop.possible) == (3, 4)


def test_an_all_na_section_has_no_score_rather_than_zero():
    shop = score_shop(
        [
            ItemResult("Greeting", "basic", 2, 1),
            ItemResult("Farewell", "delighter", 3, None),
            ItemResult("Farewell", "delighter", 1, None),
        ]
    )
    assert shop.by_section["Farewell"] is None
    assert shop.by_kano["delighter"] is None
    assert shop.percent == pytest.approx(50.0)


def test_a_shop_with_nothing_applicable_has_no_score():
    shop = score_shop([ItemResult("A", "basic", 2, None)])
    assert shop.percent is None
    assert score_shop([]).percent is None


def test_critical_failures_are_counted_and_leave_the_score_as_computed():
    shop = score_shop(
        [
            ItemResult("Counter", "basic", 5, 0, critical=True),  # failed
            ItemResult("Counter", "basic", 5, 5, critical=True),  # passed
            ItemResult("Counter", "basic", 5, 2.5, critical=True),  # partly: failed
            ItemResult("Counter", "basic", 5, None, critical=True),  # N/A: not failed
            ItemResult("Counter", "performance", 5, 5),
        ]
    )
    assert shop.critical_failures == 2
    assert shop.flagged
    # (0 + 5 + 2.5 + 5) / 20
    assert shop.percent == pytest.approx(62.5)


def test_pooling_shops_sums_points_so_a_mostly_na_shop_weighs_less():
    """Several shops pool as one list of items (the SQL sums do the same, see
    test_checklist_agreement.py)."""
    full = [ItemResult("A", "basic", 10, 10)]
    thin = [ItemResult("A", "basic", 2, 0), ItemResult("A", "basic", 8, None)]
    flagged = [ItemResult("A", "basic", 10, 5, critical=True)]
    pooled = score_shop([*full, *thin, *flagged])
    # (10 + 0 + 5) / (10 + 2 + 10); the mean of shop percents would be 50 %.
    assert pooled.percent == pytest.approx(100 * 15 / 22)
    assert [score_shop(shop).flagged for shop in (full, thin, flagged)] == [False, False, True]


def test_nothing_applicable_is_no_score():
    assert score_shop([]).percent is None
    assert percent(0, 0) is None


@pytest.mark.parametrize(
    ("value", "settings", "expected"),
    [
        (1, {}, 3.0),
        (0, {}, 0.0),
        ("yes", {}, 3.0),
        ("no", {"good": "no"}, 3.0),
        (1, {"good": "no"}, 0.0),
        (None, {}, None),
    ],
)
def test_yes_no_earns_all_or_nothing(value, settings, expected):
    assert earned_points("yes_no", settings, 3, value) == expected


def test_scale_earns_proportionally():
    assert earned_points("scale", {"min": 1, "max": 5}, 4, 1) == 0.0
    assert earned_points("scale", {"min": 1, "max": 5}, 4, 4) == pytest.approx(3.0)
    assert earned_points("scale", {}, 4, 5) == pytest.approx(4.0)
    assert earned_points("scale", {"min": 0, "max": 10}, 2, 7) == pytest.approx(1.4)


def test_choice_earns_the_points_of_the_chosen_option_within_the_item_points():
    settings = {
        "options": [
            {"value": "warm", "points": 3},
            {"value": "neutral", "points": 1},
            {"value": "rude", "points": -2},
            {"value": "overdone", "points": 9},
        ]
    }
    assert earned_points("choice", settings, 3, "warm") == 3.0
    assert earned_points("choice", settings, 3, "neutral") == 1.0
    assert earned_points("choice", settings, 3, "rude") == 0.0
    assert earned_points("choice", settings, 3, "overdone") == 3.0
    with pytest.raises(ValueError):
        earned_points("choice", settings, 3, "unknown")


def test_duration_meets_a_target_and_decays_linearly_to_the_limit():
    settings = {"target": 60, "limit": 180}
    assert earned_points("duration", settings, 6, 45) == 6.0
    assert earned_points("duration", settings, 6, 60) == 6.0
    assert earned_points("duration", settings, 6, 120) == pytest.approx(3.0)
    assert earned_points("duration", settings, 6, 300) == 0.0
    assert earned_points("duration", {"target": 60}, 6, 61) == 0.0


def test_number_can_require_at_least_a_target():
    settings = {"target": 3, "direction": "at_least", "limit": 1}
    assert earned_points("number", settings, 2, 4) == 2.0
    assert earned_points("number", settings, 2, 2) == pytest.approx(1.0)
    assert earned_points("number", settings, 2, 0) == 0.0


@pytest.mark.parametrize(
    ("item_type", "settings", "value"),
    [
        ("number", {}, 5),
        ("duration", {}, 30),
        ("text", {}, "friendly"),
        ("datetime", {}, "2026-11-25T10:00"),
        ("photo", {}, "x"),
        ("yes_no", {}, ""),
    ],
)
def test_unscored_answers_earn_none(item_type, settings, value):
    assert earned_points(item_type, settings, 5, value) is None


def test_items_without_points_are_unscored():
    assert earned_points("yes_no", {}, 0, 1) is None


def test_bad_values_raise_value_error():
    with pytest.raises(ValueError):
        earned_points("yes_no", {}, 1, "maybe")
    with pytest.raises(ValueError):
        earned_points("scale", {}, 1, "high")
    with pytest.raises(ValueError):
        earned_points("scale", {"min": 5, "max": 5}, 1, 5)
