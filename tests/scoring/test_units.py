"""Estimates and ranks of locations, against values computed by hand."""

import pytest

from surveyor.scoring import units


def test_mean_estimate_of_five_five_four():
    # mean 14/3; s^2 = ((1/3)^2 * 2 + (2/3)^2) / 2 = 1/3; 1.96 * sqrt(1/3) / sqrt(3) = 0.6533
    estimate = units.mean_estimate({5: 2, 4: 1})
    assert estimate.value == pytest.approx(4.6667, abs=1e-4)
    assert (estimate.low, estimate.high) == pytest.approx((4.0133, 5.3200), abs=1e-4)
    assert estimate.n == 3
    assert units.mean_estimate({4: 1}).low is None
    assert units.mean_estimate({}) is None


def test_nps_estimate_in_points():
    # 5 promoters, 3 passives, 2 detractors of 10: NPS = 0.5 - 0.2 = 30 points;
    # Var = (0.5 + 0.2 - 0.09) / 10 = 0.061, 1.96 * sqrt(0.061) = 0.4841
    estimate = units.nps_estimate({10: 5, 8: 3, 2: 2})
    assert estimate.value == pytest.approx(30.0)
    assert (estimate.low, estimate.high) == pytest.approx((30 - 48.41, 30 + 48.41), abs=0.01)


def test_one_nps_answer_has_no_interval():
    """As for means: one answer gives a score, not the zero-width "-100 (-100 to -100)" that
    branches with a single detractor showed in the ranking and on their report card."""
    estimate = units.nps_estimate({3: 1})
    assert estimate.value == pytest.approx(-100.0)
    assert (estimate.low, estimate.high, estimate.n) == (None, None, 1)


def test_the_nps_interval_stays_within_the_scale():
    """Six detractors and a promoter: the normal approximation reaches below -100, a score
    no set of answers can have (a region card showed "-43 (-110 to 24)")."""
    estimate = units.nps_estimate({0: 6, 10: 1})
    assert estimate.value == pytest.approx(-100 * 5 / 7)
    assert estimate.low == -100.0 and -100 < estimate.high < 100


def test_ties_share_a_place_and_small_samples_get_none():
    values = {"a": 4.0, "b": 4.5, "c": 4.0, "d": 3.0, "small": 5.0, "empty": None}
    sizes = {"a": 40, "b": 40, "c": 40, "d": 40, "small": 5, "empty": 90}
    ranks = units.rank(values, sizes, min_n=30)
    assert ranks == {"b": 1, "a": 2, "c": 2, "d": 4, "small": None, "empty": None}


def test_lower_is_better_for_contacts():
    ranks = units.rank({"a": 1.2, "b": 2.5}, {"a": 50, "b": 50}, 30, higher_is_better=False)
    assert ranks == {"a": 1, "b": 2}


def test_weighted_index_weighs_touchpoints():
    assert units.weighted_index([(2.0, 80.0), (1.0, 50.0)]) == pytest.approx(70.0)
    assert units.weighted_index([]) is None


def test_a_mean_interval_stays_on_its_scale():
    """CSAT answers 1 and 5: mean 3, s = sqrt(8), 3 +- 1.96 * sqrt(8) / sqrt(2) = -0.92 to 6.92,
    which no mean of answers from 1 to 5 can reach; cut to the scale it reads 1 to 5."""
    wide = units.mean_estimate({1: 1, 5: 1})
    assert (round(wide.low, 2), round(wide.high, 2)) == (-0.92, 6.92)
    cut = units.mean_estimate({1: 1, 5: 1}, scale=(1, 5))
    assert (cut.value, cut.low, cut.high, cut.n) == (3, 1, 5, 2)
    inside = units.mean_estimate({3: 2, 4: 1}, scale=(1, 5))  # 2.68 to 3.99
    assert inside == units.mean_estimate({3: 2, 4: 1})
    top = units.mean_estimate({5: 2, 4: 1}, scale=(1, 5))  # 4.01 to 5.32 before
    assert (round(top.low, 2), top.high) == (4.01, 5)
