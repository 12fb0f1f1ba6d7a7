"""Kano evaluation: answer pairs in, feature categories and coefficients out.

Pure Python on purpose: the numbers come from a GROUP BY in the database (or from a
published table), so the same functions serve the web views, the Excel export, the
benchmarks and tests against the literature.

The method, its choices and its sources: ``docs/method.md``, "Kano evaluation".

* Kano, N., Seraku, N., Takahashi, F. & Tsuji, S. (1984): Attractive quality and must-be
  quality. Hinshitsu 14(2), 39-48. The categories.
* Berger, C. et al. (1993): Kano's methods for understanding customer-defined quality.
  Center for Quality Management Journal 2(4), 3-36. Evaluation table, tie rule
  M > O > A > I, customer-satisfaction coefficients (after Timko), continuous analysis
  (after DuMouchel).
* Lee, M. C. & Newcomb, J. F. (1997): Applying the Kano methodology to meet customer
  requirements. Quality Management Journal 4(3), 95-110. Category and total strength.
* Fong, D. (1996): Using the self-stated importance questionnaire to interpret Kano
  questionnaire results. Center for Quality Management Journal 5(3), 21-23. Fong's test.
* Matzler, K. & Hinterhuber, H. H. (1998), Technovation 18(1), 25-38, and Sauerwein, E. et al.
  (1996), IX International Working Seminar on Production Economics, Innsbruck: the
  questionnaire's functional/dysfunctional pair and the same evaluation table.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

CATEGORIES: tuple[str, ...] = ("A", "O", "M", "I", "R", "Q")
"""A attractive (delighter), O one-dimensional (performance), M must-be (basic),
I indifferent, R reverse, Q questionable."""

TIE_ORDER: tuple[str, ...] = ("M", "O", "A", "I", "R", "Q")
"""Berger et al. (1993): "if in doubt, choose the category with the greater impact"."""

ANSWERS: tuple[int, ...] = (1, 2, 3, 4, 5)
"""1 I like it, 2 I expect it, 3 I am neutral, 4 I can live with it, 5 I dislike it."""

# Rows: functional answer 1-5; columns: dysfunctional answer 1-5 (Berger et al. 1993, p. 11).
_TABLE: tuple[str, ...] = (
    "QAAAO",
    "RIIIM",
    "RIIIM",
    "RIIIM",
    "RRRRQ",
)

FUNCTIONAL_SCORES: Mapping[int, float] = {1: 4.0, 2: 2.0, 3: 0.0, 4: -1.0, 5: -2.0}
DYSFUNCTIONAL_SCORES: Mapping[int, float] = {1: -2.0, 2: -1.0, 3: 0.0, 4: 2.0, 5: 4.0}
"""The asymmetric scale of the continuous analysis (Berger et al. 1993, after DuMouchel):
a "like" weighs more than a "dislike" because the scale measures satisfaction potential."""

FONG_Z = 1.65
"""One-sided 90 % (two-sided ~90 %) critical value used by Fong (1996)."""


def evaluate(functional: int, dysfunctional: int) -> str:
    """Return the Kano category of one answer pair with the standard evaluation table.

    Raises ``ValueError`` for an answer outside 1-5, so a forged form can never be
    silently classified.
    """
    if functional not in ANSWERS or dysfunctional not in ANSWERS:
        raise ValueError(f"Kano answers must be 1-5, got ({functional!r}, {dysfunctional!r})")
    return _TABLE[functional - 1][dysfunctional - 1]


@dataclass(frozen=True)
class KanoResult:
    """Classification of one feature from its category counts."""

    counts: Mapping[str, int]
    n: int
    category: str | None
    """Most frequent category; ``None`` when nobody answered."""
    tied_with: tuple[str, ...]
    """Other categories with the same top count; the tie rule chose ``category``."""
    second: str | None
    """The runner-up used for category strength and Fong's test."""
    better: float | None
    worse: float | None
    category_strength: float | None
    total_strength: float | None
    fong_significant: bool | None
    """``None`` when there is no runner-up to test against (n = 0)."""

    @property
    def shares(self) -> dict[str, float]:
        """Share of each category in all answers (0 when n = 0)."""
        return {c: (self.counts[c] / self.n if self.n else 0.0) for c in CATEGORIES}

    @property
    def is_tie(self) -> bool:
        return bool(self.tied_with)


def analyze(counts: Mapping[str, int]) -> KanoResult:
    """Classify one feature from its counts of A, O, M, I, R and Q.

    * category: the most frequent category; ties broken M > O > A > I (> R > Q), and the
      tie reported in ``tied_with`` (Berger et al. 1993).
    * better = (A + O) / (A + O + M + I); worse = -(O + M) / (A + O + M + I); R and Q left
      out (Berger et al. 1993, after Timko). ``None`` when A + O + M + I = 0.
    * category_strength = share of the top category minus share of the runner-up, both as
      fractions of all n answers; total_strength = (A + O + M) / n (Lee & Newcomb 1997).
    * fong_significant: with a, b the counts of the two most frequent categories,
      |a - b| >= 1.65 * sqrt((a + b)(2n - a - b) / (2n))  (Fong 1996, 90 % level).
    """
    unknown = set(counts) - set(CATEGORIES)
    if unknown:
        raise ValueError(f"unknown Kano categories: {sorted(unknown)}")
    full = {c: int(counts.get(c, 0)) for c in CATEGORIES}
    if any(v < 0 for v in full.values()):
        raise ValueError("Kano counts cannot be negative")
    n = sum(full.values())
    if n == 0:
        return KanoResult(full, 0, None, (), None, None, None, None, None, None)

    ranked = sorted(CATEGORIES, key=lambda c: (-full[c], TIE_ORDER.index(c)))
    category, second = ranked[0], ranked[1]
    tied_with = tuple(c for c in ranked[1:] if full[c] == full[category])

    a, o, m, i = full["A"], full["O"], full["M"], full["I"]
    relevant = a + o + m + i
    better = (a + o) / relevant if relevant else None
    worse = -(o + m) / relevant if relevant else None

    top, runner_up = full[category], full[second]
    return KanoResult(
        counts=full,
        n=n,
        category=category,
        tied_with=tied_with,
        second=second,
        better=better,
        worse=worse,
        category_strength=(top - runner_up) / n,
        total_strength=(a + o + m) / n,
        fong_significant=fong_significant(top, runner_up, n),
    )


def fong_significant(a: int, b: int, n: int) -> bool:
    """Fong's (1996) test: do the two most frequent categories differ at the 90 % level?"""
    if n <= 0:
        raise ValueError("n must be positive")
    threshold = FONG_Z * math.sqrt((a + b) * (2 * n - a - b) / (2 * n))
    return abs(a - b) >= threshold


def counts_from_pairs(rows: Iterable[tuple[int, int, int]]) -> dict[str, int]:
    """Turn ``(functional, dysfunctional, count)`` rows of a GROUP BY into category counts."""
    counts = dict.fromkeys(CATEGORIES, 0)
    for functional, dysfunctional, count in rows:
        counts[evaluate(functional, dysfunctional)] += count
    return counts


@dataclass(frozen=True)
class ContinuousResult:
    """Means and standard deviations on the asymmetric scale, for the 2-D plot with error bars.

    ``functional`` is the y axis (satisfaction when present), ``dysfunctional`` the x axis
    (dissatisfaction when absent). Standard deviations are ``None`` below two answers.
    """

    n: int
    functional_mean: float
    functional_sd: float | None
    dysfunctional_mean: float
    dysfunctional_sd: float | None
    importance_weighted: bool


def continuous(
    rows: Iterable[tuple[int, int, int | None, int]], *, weighted: bool = False
) -> ContinuousResult | None:
    """Continuous Kano analysis from ``(functional, dysfunctional, importance, count)`` rows.

    Answers are scored with :data:`FUNCTIONAL_SCORES` and :data:`DYSFUNCTIONAL_SCORES`
    (Berger et al. 1993). Unweighted: arithmetic means and sample standard deviations.
    ``weighted=True``: each answer is weighted by its self-stated importance (rows without
    importance are left out) and the standard deviation uses the unbiased formula for
    reliability weights, Var = sum w (x - mean)^2 / (V1 - V2 / V1) with V1 = sum w and
    V2 = sum w^2; with equal weights this is the ordinary sample variance. Returns ``None``
    when no row qualifies.
    """
    data: list[tuple[float, float, float]] = []  # (functional score, dysfunctional score, w)
    counts: list[int] = []
    for functional, dysfunctional, importance, count in rows:
        if functional not in ANSWERS or dysfunctional not in ANSWERS:
            raise ValueError(f"Kano answers must be 1-5, got ({functional!r}, {dysfunctional!r})")
        if count <= 0:
            continue
        if weighted:
            if importance is None:
                continue
            if importance <= 0:
                raise ValueError(f"importance must be positive, got {importance!r}")
        weight = float(importance) if weighted else 1.0
        data.append((FUNCTIONAL_SCORES[functional], DYSFUNCTIONAL_SCORES[dysfunctional], weight))
        counts.append(count)
    if not data:
        return None

    v1 = sum(w * c for (_, _, w), c in zip(data, counts, strict=True))
    v2 = sum(w * w * c for (_, _, w), c in zip(data, counts, strict=True))
    f_mean = sum(f * w * c for (f, _, w), c in zip(data, counts, strict=True)) / v1
    d_mean = sum(d * w * c for (_, d, w), c in zip(data, counts, strict=True)) / v1
    denominator = v1 - v2 / v1
    n = sum(counts)
    if n < 2 or denominator <= 0:
        f_sd = d_sd = None
    else:
        f_var = sum(w * c * (f - f_mean) ** 2 for (f, _, w), c in zip(data, counts, strict=True))
        d_var = sum(w * c * (d - d_mean) ** 2 for (_, d, w), c in zip(data, counts, strict=True))
        f_sd = math.sqrt(f_var / denominator)
        d_sd = math.sqrt(d_var / denominator)
    return ContinuousResult(n, f_mean, f_sd, d_mean, d_sd, weighted)
