"""Comparing waves: confidence intervals, significance tests and Kano drift, in pure Python.

Only :mod:`math` is used (no SciPy): the distributions needed are the normal, chi-square and
Student t, whose tail probabilities follow from the error function and the regularized
incomplete gamma and beta functions, evaluated with the series and continued fractions of
Press et al., *Numerical Recipes* (3rd ed., 2007), sections 6.2 and 6.4. Accuracy is far
beyond what a consultant's 5 % decision needs (tests compare with published table values);
``docs/method.md``, "Statistics without SciPy", records the comparison with SciPy (agreement,
install size, import time) and why SciPy is not a dependency.

Methods (``docs/method.md``, "Comparing waves"):

* Proportions: Wilson score interval (Wilson 1927; recommended by Brown, Cai & DasGupta 2001)
  and the normal (Wald) interval; change tested with the pooled two-proportion z-test
  (Agresti 2013, section 2.2; two-sided).
* Kano category distribution of a feature in two waves: Pearson's chi-square test of
  homogeneity. Cochran's (1954) rule asks for expected counts of at least 5, so categories
  that fall short are pooled into one cell (and that cell into the smallest regular one if it
  still falls short); the pooled categories are reported.
* Means (scores, CSAT, CES): Welch's t-test with Welch-Satterthwaite degrees of freedom
  (Welch 1947) and a normal-approximation confidence interval per wave.
* NPS (Reichheld 2003): share of 9-10 minus share of 0-6; standard error from the
  multinomial variance, Var = (p+ + p- - (p+ - p-)^2) / n; two waves compared with a z-test.
* Drift: a feature whose Kano category (Berger et al. 1993 rule) changed between two waves
  and whose category distribution changed significantly by the chi-square test above; the
  life cycle delighter -> performance -> basic follows Kano (2001).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from surveyor.scoring import kano

Z95 = 1.959963984540054
ALPHA = 0.05
MIN_EXPECTED = 5.0
LIFECYCLE = ("A", "O", "M")
"""The usual drift of a feature over time: delighter -> performance -> basic."""


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


@dataclass(frozen=True)
class TestResult:
    """A test statistic, its two-sided p-value, and whether p < alpha."""

    method: str
    statistic: float
    p_value: float
    df: float | None = None
    merged: tuple[str, ...] = ()

    @property
    def significant(self) -> bool:
        return self.p_value < ALPHA


# Intervals ----------------------------------------------------------------------------------


def wilson_interval(successes: float, n: float, z: float = Z95) -> Interval | None:
    """Wilson score interval for a proportion; good even near 0 or 1 and for small n."""
    if n <= 0:
        return None
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return Interval(max(0.0, centre - margin), min(1.0, centre + margin))


def normal_interval(successes: float, n: float, z: float = Z95) -> Interval | None:
    """Wald interval p +- z sqrt(p(1-p)/n); shown for comparison, Wilson is preferred."""
    if n <= 0:
        return None
    p = successes / n
    margin = z * math.sqrt(p * (1 - p) / n)
    return Interval(max(0.0, p - margin), min(1.0, p + margin))


def mean_interval(mean: float, sd: float | None, n: int, z: float = Z95) -> Interval | None:
    """Normal-approximation interval mean +- z sd / sqrt(n); ``None`` below two answers."""
    if n < 2 or sd is None:
        return None
    margin = z * sd / math.sqrt(n)
    return Interval(mean - margin, mean + margin)


# Tests --------------------------------------------------------------------------------------


def two_proportion_test(x1: float, n1: float, x2: float, n2: float) -> TestResult | None:
    """Pooled two-proportion z-test of p1 = p2; ``None`` when it cannot be computed."""
    if n1 <= 0 or n2 <= 0:
        return None
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return None
    z = (x2 / n2 - x1 / n1) / se
    return TestResult("two-proportion z-test", z, 2 * normal_sf(abs(z)))


def chi_square_homogeneity(
    first: Mapping[str, int], second: Mapping[str, int]
) -> TestResult | None:
    """Pearson's chi-square test that two waves share one category distribution."""
    categories = [c for c in dict.fromkeys([*first, *second]) if first.get(c, 0) + second.get(c, 0)]
    n1, n2 = sum(first.get(c, 0) for c in categories), sum(second.get(c, 0) for c in categories)
    if n1 == 0 or n2 == 0:
        return None
    cells, merged = _pool_sparse(categories, first, second, n1, n2)
    if len(cells) < 2:
        return None
    total = n1 + n2
    statistic = 0.0
    for a, b in cells:
        column = a + b
        for observed, row in ((a, n1), (b, n2)):
            expected = row * column / total
            statistic += (observed - expected) ** 2 / expected
    df = len(cells) - 1
    return TestResult(
        "chi-square test of homogeneity", statistic, chi2_sf(statistic, df), df, merged
    )


def _pool_sparse(categories, first, second, n1, n2):
    total = n1 + n2

    def sparse(a: int, b: int) -> bool:
        return min(n1, n2) * (a + b) / total < MIN_EXPECTED

    regular = [(c, first.get(c, 0), second.get(c, 0)) for c in categories]
    pooled = [cell for cell in regular if sparse(cell[1], cell[2])]
    regular = [cell for cell in regular if not sparse(cell[1], cell[2])]
    if len(pooled) < 2 and not (pooled and regular):
        return [(a, b) for _, a, b in regular + pooled], ()
    merged = tuple(c for c, _, _ in pooled)
    a, b = sum(p[1] for p in pooled), sum(p[2] for p in pooled)
    if sparse(a, b) and regular:
        smallest = min(range(len(regular)), key=lambda i: regular[i][1] + regular[i][2])
        c, x, y = regular.pop(smallest)
        merged += (c,)
        a, b = a + x, b + y
    return [(x, y) for _, x, y in regular] + [(a, b)], merged


def welch_test(
    mean1: float, sd1: float, n1: int, mean2: float, sd2: float, n2: int
) -> TestResult | None:
    """Welch's unequal-variance t-test of mean1 = mean2 (two-sided)."""
    if n1 < 2 or n2 < 2:
        return None
    v1, v2 = sd1 * sd1 / n1, sd2 * sd2 / n2
    if v1 + v2 == 0:
        return None
    t = (mean2 - mean1) / math.sqrt(v1 + v2)
    df = (v1 + v2) ** 2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
    return TestResult("Welch's t-test", t, student_t_two_sided(t, df), df)


@dataclass(frozen=True)
class Nps:
    score: float
    """Share of promoters minus share of detractors, from -1 to 1."""
    se: float
    n: int

    @property
    def interval(self) -> Interval:
        return Interval(self.score - Z95 * self.se, self.score + Z95 * self.se)


def nps(counts: Mapping[int, int]) -> Nps | None:
    """Net Promoter Score from counts per answer 0-10, with its multinomial standard error."""
    n = sum(counts.values())
    if n == 0:
        return None
    promoters = sum(c for value, c in counts.items() if value >= 9) / n
    detractors = sum(c for value, c in counts.items() if value <= 6) / n
    score = promoters - detractors
    variance = (promoters + detractors - score * score) / n
    return Nps(score, math.sqrt(max(variance, 0.0)), n)


def nps_test(first: Nps, second: Nps) -> TestResult | None:
    se = math.sqrt(first.se**2 + second.se**2)
    if se == 0:
        return None
    z = (second.score - first.score) / se
    return TestResult("NPS z-test", z, 2 * normal_sf(abs(z)))


# Drift --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Drift:
    """A feature's category between two waves, and whether the move is real."""

    before: str | None
    after: str | None
    test: TestResult | None

    @property
    def moved(self) -> bool:
        return None not in (self.before, self.after) and self.before != self.after

    @property
    def significant(self) -> bool:
        return self.moved and self.test is not None and self.test.significant

    @property
    def along_lifecycle(self) -> bool:
        """Delighter -> performance -> basic, the direction Kano expected features to age."""
        if not self.moved or self.before not in LIFECYCLE or self.after not in LIFECYCLE:
            return False
        return LIFECYCLE.index(self.after) > LIFECYCLE.index(self.before)


def drift(before: Mapping[str, int], after: Mapping[str, int]) -> Drift:
    """Compare one feature's category counts (A, O, M, I, R, Q) in two waves."""
    first, second = kano.analyze(before), kano.analyze(after)
    return Drift(first.category, second.category, chi_square_homogeneity(before, after))


# Distributions ------------------------------------------------------------------------------


def normal_sf(z: float) -> float:
    """P(Z > z) for a standard normal variable."""
    return 0.5 * math.erfc(z / math.sqrt(2))


def chi2_sf(x: float, df: float) -> float:
    """P(X > x) for chi-square with ``df`` degrees of freedom: Q(df/2, x/2)."""
    if x <= 0:
        return 1.0
    return _gamma_q(df / 2, x / 2)


def student_t_two_sided(t: float, df: float) -> float:
    """P(|T| > |t|) for Student's t: I_{df/(df+t^2)}(df/2, 1/2)."""
    return _beta_regularized(df / 2, 0.5, df / (df + t * t))


def _gamma_q(a: float, x: float) -> float:
    """Regularized upper incomplete gamma (Numerical Recipes 6.2: series or Lentz fraction)."""
    if x < a + 1:
        term = total = 1.0 / a
        denominator = a
        for _ in range(10_000):
            denominator += 1
            term *= x / denominator
            total += term
            if abs(term) < abs(total) * 1e-15:
                break
        return max(0.0, 1.0 - total * math.exp(-x + a * math.log(x) - math.lgamma(a)))
    tiny = 1e-300
    b = x + 1 - a
    c, d = 1 / tiny, 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return math.exp(-x + a * math.log(x) - math.lgamma(a)) * h


def _beta_regularized(a: float, b: float, x: float) -> float:
    """I_x(a, b) (Numerical Recipes 6.4, continued fraction with the symmetry relation)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):
        return front * _beta_fraction(a, b, x) / a
    return 1.0 - front * _beta_fraction(b, a, 1 - x) / b


def _beta_fraction(a: float, b: float, x: float) -> float:
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1 / (tiny if abs(d) < tiny else d)
    h = d
    for m in range(1, 10_000):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (tiny if abs(d) < tiny else d)
            c = 1 + numerator / c
            c = tiny if abs(c) < tiny else c
            h *= d * c
        if abs(d * c - 1) < 1e-15:
            break
    return h
