"""Kano scoring against the published evaluation table and worked examples.

Hand-computed figures are written out next to each assertion so a reviewer can redo them.
"""

import math

import pytest

from surveyor.scoring.kano import (
    CATEGORIES,
    analyze,
    continuous,
    counts_from_pairs,
    evaluate,
    fong_significant,
)

# Berger et al. (1993), evaluation table; rows functional 1-5, columns dysfunctional 1-5.
PUBLISHED_TABLE = {
    1: "Q A A A O",
    2: "R I I I M",
    3: "R I I I M",
    4: "R I I I M",
    5: "R R R R Q",
}


@pytest.mark.parametrize("functional", range(1, 6))
def test_evaluate_matches_the_published_table(functional):
    expected = PUBLISHED_TABLE[functional].split()
    assert [evaluate(functional, d) for d in range(1, 6)] == expected


@pytest.mark.parametrize("pair", [(0, 3), (6, 1), (3, 0), (3, 6), (None, 2), ("1", 2)])
def test_evaluate_rejects_answers_outside_the_scale(pair):
    with pytest.raises(ValueError):
        evaluate(*pair)


def test_a_hand_worked_must_be_feature():
    # n = 100; M = 45 is top, runner-up O = 20 (ties with I = 20, O wins by M>O>A>I).
    result = analyze({"A": 10, "O": 20, "M": 45, "I": 20, "R": 3, "Q": 2})
    assert result.category == "M"
    assert result.second == "O"
    assert result.tied_with == ()
    assert result.better == pytest.approx(30 / 95)  # (A+O)/(A+O+M+I) = 0.316
    assert result.worse == pytest.approx(-65 / 95)  # -(O+M)/(A+O+M+I) = -0.684
    assert result.category_strength == pytest.approx(0.25)  # 45 % - 20 %
    assert result.total_strength == pytest.approx(0.75)  # (10+20+45)/100
    # Fong: |45-20| = 25 >= 1.65*sqrt(65*135/200) = 10.93
    assert result.fong_significant is True
    assert result.shares["M"] == pytest.approx(0.45)


def test_ties_follow_berger_and_are_visible():
    result = analyze({"A": 10, "O": 10, "M": 10, "I": 10})
    assert result.category == "M"
    assert result.tied_with == ("O", "A", "I")
    assert result.is_tie
    assert result.category_strength == 0
    assert result.fong_significant is False


def test_delighter_beats_indifferent_on_a_tie():
    result = analyze({"A": 7, "I": 7, "Q": 1})
    assert (result.category, result.tied_with) == ("A", ("I",))


def test_fong_boundary_worked_by_hand():
    # a=30, b=20, n=60: threshold = 1.65*sqrt(50*70/120) = 1.65*5.4006 = 8.911
    assert fong_significant(30, 20, 60) is True  # difference 10
    # a=28, b=20, n=60: threshold = 1.65*sqrt(48*72/120) = 1.65*5.3666 = 8.855
    assert fong_significant(28, 20, 60) is False  # difference 8


def test_no_answers_is_no_result_not_zero():
    result = analyze({})
    assert result.n == 0
    assert result.category is None
    assert result.better is None and result.worse is None
    assert result.fong_significant is None


def test_only_reverse_and_questionable_answers_have_no_coefficients():
    result = analyze({"R": 3, "Q": 1})
    assert result.category == "R"
    assert result.better is None and result.worse is None
    assert result.total_strength == 0


@pytest.mark.parametrize("counts", [{"X": 1}, {"A": -1}])
def test_analyze_rejects_bad_counts(counts):
    with pytest.raises(ValueError):
        analyze(counts)


# Ski example of Matzler, Hinterhuber, Bailom & Sauerwein (1996), "How to delight your
# customers", Journal of Product & Brand Management 5(2), 6-18, reused in Matzler &
# Hinterhuber (1998), Technovation 18(1), 25-38: category shares in per cent (x10 here to
# get whole counts). The published classification is M, O and A respectively.
SKI_EXAMPLE = [
    ("edges always sharp", {"A": 70, "O": 323, "M": 493, "I": 95, "R": 3, "Q": 16}, "M"),
    ("service", {"A": 104, "O": 451, "M": 305, "I": 115, "R": 12, "Q": 13}, "O"),
    ("ski design", {"A": 638, "O": 216, "M": 29, "I": 85, "R": 10, "Q": 22}, "A"),
]


@pytest.mark.parametrize(("feature", "counts", "category"), SKI_EXAMPLE)
def test_ski_example_categories(feature, counts, category):
    assert analyze(counts).category == category, feature


def test_ski_example_coefficients_worked_by_hand():
    edges = analyze(SKI_EXAMPLE[0][1])
    assert edges.better == pytest.approx(393 / 981)  # 0.40
    assert edges.worse == pytest.approx(-816 / 981)  # -0.83
    design = analyze(SKI_EXAMPLE[2][1])
    assert design.better == pytest.approx(854 / 968)  # 0.88
    assert design.worse == pytest.approx(-245 / 968)  # -0.25


def test_counts_from_group_by_rows():
    rows = [(1, 5, 4), (2, 5, 3), (1, 3, 2), (3, 3, 1), (5, 1, 1), (1, 1, 2)]
    assert counts_from_pairs(rows) == {"A": 2, "O": 4, "M": 3, "I": 1, "R": 1, "Q": 2}
    assert set(counts_from_pairs([])) == set(CATEGORIES)


def test_continuous_unweighted_worked_by_hand():
    # scores: (1,5) -> (4, 4); (2,5) -> (2, 4); (3,3) twice -> (0, 0)
    rows = [(1, 5, None, 1), (2, 5, None, 1), (3, 3, None, 2)]
    result = continuous(rows)
    assert result.n == 4
    assert result.functional_mean == pytest.approx(1.5)
    assert result.functional_sd == pytest.approx(math.sqrt(11 / 3))
    assert result.dysfunctional_mean == pytest.approx(2.0)
    assert result.dysfunctional_sd == pytest.approx(math.sqrt(16 / 3))
    assert result.importance_weighted is False


def test_continuous_importance_weighted_worked_by_hand():
    # weights 9, 1, 5 (x2): V1 = 20, V2 = 81 + 1 + 50 = 132, V1 - V2/V1 = 13.4
    rows = [(1, 5, 9, 1), (2, 5, 1, 1), (3, 3, 5, 2), (1, 5, None, 7)]
    result = continuous(rows, weighted=True)
    assert result.n == 4  # the row without importance is left out
    assert result.functional_mean == pytest.approx(38 / 20)
    assert result.dysfunctional_mean == pytest.approx(40 / 20)
    # 9*2.1^2 + 1*0.1^2 + 10*1.9^2 = 75.8
    assert result.functional_sd == pytest.approx(math.sqrt(75.8 / 13.4))


def test_equal_importance_weights_give_the_unweighted_result():
    rows = [(1, 5, 3, 1), (2, 5, 3, 1), (3, 3, 3, 2)]
    weighted = continuous(rows, weighted=True)
    plain = continuous(rows)
    assert weighted.functional_mean == pytest.approx(plain.functional_mean)
    assert weighted.functional_sd == pytest.approx(plain.functional_sd)


def test_continuous_edge_cases():
    assert continuous([]) is None
    single = continuous([(1, 1, None, 1)])
    assert single.functional_sd is None
    with pytest.raises(ValueError):
        continuous([(0, 1, None, 1)])
