"""Whether one response or shop matches an alert rule, and the loop's figures: pure Python.

Method: ``docs/method.md``, "Closing the loop".

Thresholds follow the measures' own definitions: an NPS detractor answers 0-6 (Reichheld 2003);
CSAT is 1-5, so "at most 0" can never match; a Kano answer of 5 to the functional question is
"I dislike it" when the feature is present (Berger et al. 1993); a shop's score is 0-100
(``scoring/checklist.py``). A finding is returned as data (what matched), so that each reader's
page words it in their language.

Median time to close is taken from a histogram of whole hours, which is what a ``GROUP BY`` on
the stored hours returns: the figures never need every case loaded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

DETRACTOR_MAX = 6
CSAT_RANGE = (1, 5)
DISLIKE = 5
SCORE_RANGE = (0.0, 100.0)


@dataclass(frozen=True)
class ResponseFacts:
    """What a rule may look at in one customer response."""

    nps: int | None = None
    csat: int | None = None
    disliked: Sequence[str] = ()
    """Keys of Kano features whose functional answer was "I dislike it"."""


def response_finding(kind: str, threshold: float | None, facts: ResponseFacts) -> dict | None:
    """What in ``facts`` matches a response rule, or None."""
    if kind == "nps_detractor" and facts.nps is not None and facts.nps <= DETRACTOR_MAX:
        return {"nps": facts.nps}
    csat = facts.csat
    if kind == "csat_at_most" and None not in (csat, threshold) and csat <= threshold:
        return {"csat": csat}
    if kind == "kano_dislike" and facts.disliked:
        return {"disliked": list(facts.disliked)}
    return None


def shop_finding(
    kind: str, threshold: float | None, percent: float | None, critical_failures: int
) -> dict | None:
    """What in one approved shop matches a shop rule, or None."""
    if kind == "critical_failure" and critical_failures > 0:
        return {"critical_failures": critical_failures}
    if kind == "shop_score_below" and None not in (percent, threshold) and percent < threshold:
        return {"score": round(percent, 1)}
    return None


def threshold_problem(kind: str, threshold: float | None) -> str | None:
    """Why a threshold makes the rule impossible (or meaningless), as a code; None when fine."""
    if kind == "csat_at_most":
        if threshold is None:
            return "threshold_missing"
        if threshold < CSAT_RANGE[0]:
            return "csat_never"
        if threshold >= CSAT_RANGE[1]:
            return "csat_always"
    if kind == "shop_score_below":
        if threshold is None:
            return "threshold_missing"
        if threshold <= SCORE_RANGE[0]:
            return "score_never"
        if threshold > SCORE_RANGE[1]:
            return "score_always"
    return None


@dataclass(frozen=True)
class LoopFigures:
    """Cases opened, closed, closed within the due date, and the median hours to close."""

    opened: int
    closed: int
    closed_in_time: int
    median_hours: float | None

    @property
    def share_in_time(self) -> float | None:
        """Closed within the due date, as a share of the cases opened (open ones count as not)."""
        return self.closed_in_time / self.opened if self.opened else None


def median_of_histogram(counts: Mapping[int, int]) -> float | None:
    """The median of values given as {value: how many}; the mean of the middle two when even."""
    total = sum(counts.values())
    if total == 0:
        return None
    middle = ((total - 1) // 2, total // 2)
    found: list[float] = []
    seen = 0
    for value in sorted(counts):
        following = seen + counts[value]
        found.extend(float(value) for rank in middle if seen <= rank < following)
        seen = following
    return sum(found) / 2
