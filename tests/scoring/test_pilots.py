"""Difference in differences, checked by hand and against Card & Krueger (1994)."""

import pytest

from surveyor.scoring.pilots import (
    POOLED,
    WELCH,
    GroupStats,
    did_from_cells,
    difference_in_differences,
    summarize,
    t_quantile,
    unit_changes,
)


def test_worked_example_with_welch_by_hand():
    # Pilot locations changed by 1, 3, 5 (mean 3, variance 4); the others by -2, 0, 2 (mean 0,
    # variance 4). SE = sqrt(4/3 + 4/3) = 1.63299; Welch df = (8/3)^2 / (2 * (4/3)^2 / 2) = 4;
    # t(0.975, 4) = 2.776 (any t table), so the 95 % CI is 3 -/+ 4.533.
    result = difference_in_differences(summarize([1, 3, 5]), summarize([-2, 0, 2]))
    assert result.method == WELCH
    assert result.estimate == pytest.approx(3.0)
    assert result.se == pytest.approx(1.63299, abs=1e-5)
    assert result.df == pytest.approx(4.0)
    assert result.low == pytest.approx(-1.534, abs=1e-3)
    assert result.high == pytest.approx(7.534, abs=1e-3)


def test_single_pilot_location_uses_the_pooled_variance():
    # One pilot changed by 2; others by 0, 1, -1 (variance 1, 2 df). Pooled variance 2/2 = 1,
    # SE = sqrt(1 * (1/1 + 1/3)) = 1.1547, t(0.975, 2) = 4.303: CI 2 -/+ 4.969.
    result = difference_in_differences(summarize([2]), summarize([0, 1, -1]))
    assert result.method == POOLED
    assert result.df == 2
    assert result.se == pytest.approx(1.1547, abs=1e-4)
    assert (result.low, result.high) == pytest.approx((-2.969, 6.969), abs=1e-3)


def test_card_and_krueger_1994_table_3():
    # Card & Krueger (1994), "Minimum Wages and Employment", AER 84(4), Table 3: mean FTE
    # employment per store, New Jersey (treated) 20.44 before, 21.03 after; Pennsylvania 23.33
    # before, 21.17 after; difference in differences 2.76. Row 4 (balanced sample of stores):
    # change NJ 0.47 (SE 0.48), PA -2.28 (SE 1.25), difference 2.75 (SE 1.34). The store
    # counts (331 NJ, 79 PA) only set the degrees of freedom; variance = SE^2 * n.
    # The published 2.76 comes from unrounded means; the rounded cells give 2.75.
    assert did_from_cells(20.44, 21.03, 23.33, 21.17) == pytest.approx(2.76, abs=0.011)
    nj = GroupStats(331, 0.47, 0.48**2 * 331)
    pa = GroupStats(79, -2.28, 1.25**2 * 79)
    result = difference_in_differences(nj, pa)
    assert result.estimate == pytest.approx(2.75)
    assert round(result.se, 2) == 1.34
    assert result.p_value < 0.05
    assert result.low > 0


def test_t_quantile_matches_tables():
    assert t_quantile(0.975, 4) == pytest.approx(2.776, abs=1e-3)
    assert t_quantile(0.975, 2) == pytest.approx(4.303, abs=1e-3)
    assert t_quantile(0.975, 1e6) == pytest.approx(1.960, abs=1e-3)


def test_too_few_units_or_no_spread_give_no_result():
    assert difference_in_differences(summarize([2]), summarize([1])) is None
    assert difference_in_differences(summarize([1, 1]), summarize([0, 0])) is None


def test_unit_changes_keep_units_measured_in_both_periods():
    assert unit_changes({1: 50.0, 2: 60.0, 3: 70.0}, {1: 55.0, 3: 65.0, 4: 1.0}) == {
        1: 5.0,
        3: -5.0,
    }
