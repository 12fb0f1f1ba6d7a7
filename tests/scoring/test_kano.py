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


# Ski example of Sauerwein, Bailom, Matzler & Hinterhuber (1996), "The Kano model: how to
# delight your customers", IX. International Working Seminar on Production Economics,
# Innsbruck/Igls, pp. 313-327 (Matzler and Hinterhuber, of the 1998 Technovation paper, are
# among its authors). Fig. 11 prints, per requirement, A/O/M/I as whole per cent of A+O+M+I
# and the coefficients to two decimals; Fig. 10 prints "ease of turn" unrounded as A 10.4,
# O 45.1, M 30.5, I 11.5 per cent of all answers. Figures as transcribed from the paper in
# github.com/billzhou-eh/kano, KANO_METHODOLOGY.md section 5 (commit e9f842d); we could not
# open the paper itself here. The paper's rule (the most frequent category, pp. 8-9) makes
# edge grip must-be, ease of turn one-dimensional and service attractive.
SAUERWEIN_FIG_11 = [
    # requirement, shares A/O/M/I, category, printed better, printed worse
    ("edge grip", {"A": 7, "O": 33, "M": 50, "I": 10}, "M", 0.40, -0.83),
    ("ease of turn", {"A": 11, "O": 46, "M": 31, "I": 12}, "O", 0.57, -0.78),
    ("service", {"A": 66, "O": 22, "M": 3, "I": 9}, "A", 0.89, -0.25),
]


@pytest.mark.parametrize(("requirement", "shares", "category", "better", "worse"), SAUERWEIN_FIG_11)
def test_sauerwein_ski_example(requirement, shares, category, better, worse):
    result = analyze(shares)
    assert result.category == category, requirement
    # The shares are rounded to whole per cent, so coefficients computed from them may differ
    # from the printed ones (computed from unrounded data) by up to 0.01: service's better is
    # (66 + 22) / 100 = 0.88 here, printed 0.89.
    assert result.better == pytest.approx(better, abs=0.0101), requirement
    assert result.worse == pytest.approx(worse, abs=0.0101), requirement


def test_sauerwein_ease_of_turn_unrounded_gives_the_printed_coefficients():
    result = analyze({"A": 104, "O": 451, "M": 305, "I": 115})  # Fig. 10, per mille
    assert round(result.better, 2) == 0.57  # 555 / 975 = 0.569
    assert round(result.worse, 2) == -0.78  # -756 / 975 = -0.775
    assert result.category == "O"


def test_sauerwein_edge_grip_coefficients_exact():
    result = analyze({"A": 7, "O": 33, "M": 50, "I": 10})
    assert result.better == pytest.approx(0.40)  # (7 + 33) / 100
    assert result.worse == pytest.approx(-0.83)  # -(33 + 50) / 100


# Brand & Rese (2026), "Dual Response Kano method", Journal of Retailing and Consumer Services
# 89, 104596, Table 1: raw counts including R and Q, CS+ and CS- printed to three decimals
# (transcribed in the same repository). The coefficients leave R and Q out of the denominator,
# as Berger et al. (1993) define them; every attribute is most often indifferent.
BRAND_RESE_TABLE_1 = [
    (
        "app-based bonus program",
        {"A": 216, "O": 56, "M": 13, "I": 275, "R": 23, "Q": 24},
        0.486,
        -0.123,
    ),
    ("smart mirror", {"A": 229, "O": 42, "M": 5, "I": 276, "R": 33, "Q": 22}, 0.491, -0.085),
    ("free in-store WiFi", {"A": 187, "O": 71, "M": 46, "I": 258, "R": 19, "Q": 26}, 0.459, -0.208),
]


@pytest.mark.parametrize(("attribute", "counts", "better", "worse"), BRAND_RESE_TABLE_1)
def test_brand_rese_coefficients(attribute, counts, better, worse):
    result = analyze(counts)
    assert round(result.better, 3) == better, attribute
    assert round(result.worse, 3) == worse, attribute
    assert result.category == "I", attribute


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
