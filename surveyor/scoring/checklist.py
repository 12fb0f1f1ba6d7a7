"""Mystery-shop scoring: points earned / points possible, with N/A removed from both.

Common practice of mystery-shopping providers (``docs/method.md``, "Checklist scoring", states
the rules in full, since no single published source defines them): every item carries points; a
shop's score is the ratio of the points it earned to the points that were applicable. The same
ratio is reported per section and per Kano tag (for basic items it reads as the fulfilment rate,
for performance items as the performance score, for delighters as the delighter rate). A ratio
with nothing applicable is "no score" (``None``), never 0 %.

**Critical items** (knock-out items) do not change the score: the score stays as computed, and
``critical_failures`` counts the critical items that earned less than their points. Views flag such
a shop and aggregates report how many flagged shops they contain. Capping the score (e.g. at 0 %)
would hide how the rest of the visit went and make waves incomparable once a critical item is
added or dropped; the flag keeps both facts visible.

**Aggregation** over many shops pools the points (sum of earned / sum of possible) rather than
averaging shop percentages: a shop where half of the checklist was not applicable carries half the
evidence, and pooled sums are what a SQL ``GROUP BY`` returns directly. The aggregates are those
SQL sums (``services/results/checklist_results.py``, ``services/results/checklist_overview.py``);
``tests/scoring/test_checklist_agreement.py`` holds them to :func:`score_shop` on the same shops.

Numbers in, numbers out: no Flask, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

KANO_TAGS: tuple[str, ...] = ("basic", "performance", "delighter")
"""The Kano tags a checklist item can carry, in the order every breakdown lists them."""
KANO_ORDER: dict[str, int] = {tag: position for position, tag in enumerate(KANO_TAGS)}
SCORED_TYPES: frozenset[str] = frozenset({"yes_no", "scale", "choice", "number", "duration"})
UNSCORED_TYPES: frozenset[str] = frozenset({"datetime", "text", "photo"})


@dataclass(frozen=True)
class ItemResult:
    """One answered checklist item: ``earned`` None means not applicable."""

    section: str
    kano: str
    possible: float
    earned: float | None
    critical: bool = False

    @property
    def failed_critical(self) -> bool:
        return self.critical and self.earned is not None and self.earned < self.possible


@dataclass(frozen=True)
class ShopScore:
    """Score of one shop in percent (0-100) or None, with its breakdowns and knock-outs."""

    percent: float | None
    by_section: dict[str, float | None]
    by_kano: dict[str, float | None]
    critical_failures: int
    earned: float = 0.0
    possible: float = 0.0

    @property
    def flagged(self) -> bool:
        return self.critical_failures > 0


@dataclass
class _Tally:
    earned: float = 0.0
    possible: float = 0.0
    seen: bool = field(default=False)

    def add(self, item: ItemResult) -> None:
        self.seen = True
        if item.earned is not None:
            self.earned += item.earned
            self.possible += item.possible

    @property
    def percent(self) -> float | None:
        return percent(self.earned, self.possible)


def percent(earned: float, possible: float) -> float | None:
    """``earned / possible`` in percent; None when nothing was possible (no score, not 0 %)."""
    if possible <= 0:
        return None
    return 100.0 * earned / possible


def score_shop(items: Iterable[ItemResult]) -> ShopScore:
    """Score one shop. Sections and Kano tags that occur only as N/A map to None."""
    total = _Tally()
    sections: dict[str, _Tally] = {}
    kanos: dict[str, _Tally] = {}
    failures = 0
    for item in items:
        total.add(item)
        sections.setdefault(item.section, _Tally()).add(item)
        if item.kano:
            kanos.setdefault(item.kano, _Tally()).add(item)
        failures += item.failed_critical
    return ShopScore(
        percent=total.percent,
        by_section={name: tally.percent for name, tally in sections.items()},
        by_kano={tag: tally.percent for tag, tally in kanos.items()},
        critical_failures=failures,
        earned=total.earned,
        possible=total.possible,
    )


def earned_points(
    item_type: str, settings: Mapping | None, points: float, value: float | str | None
) -> float | None:
    """Points an answer earns, or None when it does not count (N/A, unanswered, unscored).

    * ``yes_no``: value 1/0 (or "yes"/"no"); the answer ``settings["good"]`` (default "yes")
      earns all points, the other none.
    * ``scale``: proportional, ``points * (value - min) / (max - min)`` (default 1-5).
    * ``choice``: the chosen option's ``points`` from ``settings["options"]``, clamped to
      ``[0, points]``; an unknown option raises ValueError.
    * ``number`` and ``duration`` (seconds): all points within ``settings["target"]``
      (``direction`` "at_most", the default, or "at_least"), falling linearly to none at
      ``settings["limit"]`` when given, none beyond; without a target the item is unscored.
    * ``datetime``, ``text``, ``photo``: unscored.

    Items with no points are unscored too, so that they drop out of both sides of the ratio.
    """
    settings = settings or {}
    if value is None or value == "" or points <= 0 or item_type not in SCORED_TYPES:
        return None
    if item_type == "yes_no":
        return points if _yes(value) == (settings.get("good", "yes") == "yes") else 0.0
    if item_type == "choice":
        return _choice_points(settings, points, str(value))
    number = float(value)
    if item_type == "scale":
        low, high = float(settings.get("min", 1)), float(settings.get("max", 5))
        if high <= low:
            raise ValueError("scale max must exceed min")
        share = (min(max(number, low), high) - low) / (high - low)
        return points * share
    return _threshold_points(settings, points, number)


def _yes(value: float | str) -> bool:
    if isinstance(value, str):
        word = value.strip().lower()
        if word in {"yes", "true", "1", "ja"}:
            return True
        if word in {"no", "false", "0", "nein"}:
            return False
        raise ValueError(f"not a yes/no answer: {value!r}")
    return bool(value)


def _choice_points(settings: Mapping, points: float, chosen: str) -> float:
    for option in settings.get("options", ()):
        if str(option.get("value")) == chosen:
            return min(max(float(option.get("points", 0)), 0.0), points)
    raise ValueError(f"unknown option: {chosen!r}")


def _threshold_points(settings: Mapping, points: float, number: float) -> float | None:
    target = settings.get("target")
    if target is None:
        return None
    target = float(target)
    at_least = settings.get("direction") == "at_least"
    miss = target - number if at_least else number - target
    if miss <= 0:
        return points
    limit = settings.get("limit")
    if limit is None:
        return 0.0
    span = abs(float(limit) - target)
    if span == 0 or miss >= span:
        return 0.0
    return points * (1 - miss / span)
