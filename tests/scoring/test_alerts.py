"""Alert matching and loop figures, against hand-computed values."""

from __future__ import annotations

import pytest

from surveyor.scoring.alerts import (
    LoopFigures,
    ResponseFacts,
    median_of_histogram,
    response_finding,
    shop_finding,
    threshold_problem,
)


@pytest.mark.parametrize(("nps", "matches"), [(0, True), (6, True), (7, False), (None, False)])
def test_detractors_are_0_to_6(nps, matches):
    """Reichheld (2003): 0-6 detractors, 7-8 passives, 9-10 promoters."""
    assert (response_finding("nps_detractor", None, ResponseFacts(nps=nps)) is not None) is matches


def test_csat_at_most_includes_the_value_and_kano_dislike_names_the_features():
    assert response_finding("csat_at_most", 2, ResponseFacts(csat=2)) == {"csat": 2}
    assert response_finding("csat_at_most", 2, ResponseFacts(csat=3)) is None
    facts = ResponseFacts(disliked=("f2",))
    assert response_finding("kano_dislike", None, facts) == {"disliked": ["f2"]}


def test_shop_findings():
    assert shop_finding("critical_failure", None, 95.0, 1) == {"critical_failures": 1}
    assert shop_finding("critical_failure", None, 40.0, 0) is None
    assert shop_finding("shop_score_below", 80, 79.96, 0) == {"score": 80.0}
    assert shop_finding("shop_score_below", 80, 80.0, 0) is None
    assert shop_finding("shop_score_below", 80, None, 0) is None


@pytest.mark.parametrize(
    ("kind", "threshold", "problem"),
    [
        ("csat_at_most", 0.5, "csat_never"),
        ("csat_at_most", 5, "csat_always"),
        ("csat_at_most", None, "threshold_missing"),
        ("csat_at_most", 1, None),
        ("shop_score_below", 0, "score_never"),
        ("shop_score_below", 101, "score_always"),
        ("shop_score_below", 100, None),
        ("nps_detractor", None, None),
    ],
)
def test_thresholds_that_can_never_match(kind, threshold, problem):
    assert threshold_problem(kind, threshold) == problem


def test_median_of_a_histogram_by_hand():
    # 2, 5, 5, 9 -> (5 + 5) / 2; 1, 3, 40 -> 3; 4, 8 -> 6
    assert median_of_histogram({5: 2, 2: 1, 9: 1}) == 5.0
    assert median_of_histogram({40: 1, 1: 1, 3: 1}) == 3.0
    assert median_of_histogram({4: 1, 8: 1}) == 6.0
    assert median_of_histogram({}) is None


def test_share_in_time_counts_open_cases_against_it():
    assert LoopFigures(opened=4, closed=2, closed_in_time=1, median_hours=3).share_in_time == 0.25
    assert LoopFigures(0, 0, 0, None).share_in_time is None
