"""Wave comparisons against hand-computed values and published table values."""

import math

import pytest

from surveyor.scoring import trends


def test_wilson_interval_of_8_out_of_10():
    # p = .8, z^2/n = .38416: centre .99208/1.38416, margin 1.96 sqrt(.025604)/1.38416
    interval = trends.wilson_interval(8, 10)
    assert interval.low == pytest.approx(0.4902, abs=1e-4)
    assert interval.high == pytest.approx(0.9433, abs=1e-4)


def test_wilson_stays_inside_0_1_where_wald_collapses():
    assert trends.wilson_interval(0, 10).low == 0.0
    assert trends.wilson_interval(0, 10).high == pytest.approx(0.2775, abs=1e-4)
    wald = trends.normal_interval(0, 10)
    assert (wald.low, wald.high) == (0.0, 0.0)
    assert trends.wilson_interval(3, 0) is None


def test_two_proportion_z_test():
    # pooled p = .525, se = sqrt(.525 * .475 * .02) = .070622, z = .15 / .070622 = 2.124
    result = trends.two_proportion_test(45, 100, 60, 100)
    assert result.statistic == pytest.approx(2.1240, abs=1e-4)
    assert result.p_value == pytest.approx(0.0337, abs=1e-4)
    assert result.significant
    assert not trends.two_proportion_test(45, 100, 50, 100).significant


def test_chi_square_two_by_two():
    # every expected count is 25: chi2 = 4 * 5^2 / 25 = 4, df 1, p = .0455
    result = trends.chi_square_homogeneity({"A": 20, "O": 30}, {"A": 30, "O": 20})
    assert result.statistic == pytest.approx(4.0)
    assert result.df == 1
    assert result.p_value == pytest.approx(0.0455, abs=1e-4)


def test_sparse_categories_are_pooled():
    result = trends.chi_square_homogeneity(
        {"A": 30, "O": 10, "M": 2, "I": 1}, {"A": 10, "O": 30, "M": 1, "R": 1}
    )
    assert set(result.merged) >= {"M", "I", "R"}
    assert result.df == 1


def test_distribution_tails_match_tables():
    assert trends.chi2_sf(3.841459, 1) == pytest.approx(0.05, abs=1e-6)
    assert trends.chi2_sf(5.991465, 2) == pytest.approx(0.05, abs=1e-6)
    assert trends.chi2_sf(11.0705, 5) == pytest.approx(0.05, abs=1e-5)
    assert trends.chi2_sf(0.0, 3) == 1.0
    assert trends.student_t_two_sided(2.228, 10) == pytest.approx(0.05, abs=1e-4)
    assert trends.student_t_two_sided(2.000, 60) == pytest.approx(0.05, abs=1e-3)
    assert trends.student_t_two_sided(12.706, 1) == pytest.approx(0.05, abs=1e-4)
    assert trends.normal_sf(1.959964) == pytest.approx(0.025, abs=1e-7)


def test_welch_t_test():
    # se^2 = 4/30 + 9/40 = .358333; t = 1 / .598609; df = .358333^2 / (.13333^2/29 + .225^2/39)
    result = trends.welch_test(10, 2, 30, 11, 3, 40)
    assert result.statistic == pytest.approx(1.6705, abs=1e-4)
    assert result.df == pytest.approx(67.19, abs=0.01)
    assert 0.09 < result.p_value < 0.11
    assert trends.welch_test(1, 1, 1, 2, 1, 5) is None


def test_nps_and_its_standard_error():
    # 10 promoters, 4 detractors of 20: NPS .3, Var = (.5 + .2 - .09) / 20
    score = trends.nps({10: 6, 9: 4, 8: 3, 7: 3, 5: 2, 2: 2})
    assert score.score == pytest.approx(0.3)
    assert score.se == pytest.approx(math.sqrt(0.61 / 20))
    assert trends.nps({}) is None


def test_drift_from_delighter_to_performance_is_significant():
    # A and O swap 30 <-> 10 (expected 20 each): chi2 = 4 * 100 / 20 = 20, df 3
    found = trends.drift({"A": 30, "O": 10, "M": 5, "I": 5}, {"A": 10, "O": 30, "M": 5, "I": 5})
    assert (found.before, found.after) == ("A", "O")
    assert found.test.statistic == pytest.approx(20.0)
    assert found.significant and found.along_lifecycle


def test_a_small_category_change_is_not_called_drift():
    found = trends.drift({"A": 11, "O": 9, "I": 5}, {"A": 9, "O": 11, "I": 5})
    assert found.moved
    assert not found.significant
