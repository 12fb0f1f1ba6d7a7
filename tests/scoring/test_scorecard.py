"""The scorecard's priority rule, case by case (computed by hand from the rule's table)."""

import pytest

from surveyor.scoring.scorecard import DELIVERED, priority, sort_key


@pytest.mark.parametrize(
    ("category", "compliance", "everywhere", "rank", "code"),
    [
        ("M", 0.5, False, 1, "fix_basic"),
        ("M", 0.89, True, 1, "fix_basic"),
        ("O", 0.2, False, 2, "improve"),
        ("A", 0.0, False, 3, "delight"),
        ("A", 1.0, True, 4, "now_expected"),
        ("A", 0.95, False, 5, "keep"),
        ("M", DELIVERED, False, 5, "keep"),
        ("O", 1.0, True, 5, "keep"),
        ("I", 1.0, True, 6, "reconsider"),
        ("R", 0.3, False, 6, "reconsider"),
        ("Q", 0.3, False, 7, "unknown"),
        (None, 0.3, False, 7, "unknown"),
        ("M", None, False, 7, "unknown"),
    ],
)
def test_priority_follows_the_rule(category, compliance, everywhere, rank, code):
    found = priority(category, compliance, everywhere)
    assert (found.rank, found.code) == (rank, code)


def test_a_missing_basic_comes_before_everything_else():
    # Hand-sorted: basic at 40 % first, then basic at 80 %, performance at 10 %, delighter
    # at 0 %, then the delighter delivered everywhere, then indifferent.
    cases = {
        "greeting": ("M", 0.8),
        "resolution time": ("M", 0.4),
        "name": ("O", 0.1),
        "offer": ("A", 0.0),
        "call back": ("A", 1.0),
        "music": ("I", 0.5),
    }

    def key(name):
        category, compliance = cases[name]
        found = priority(category, compliance, delivered_everywhere=compliance >= DELIVERED)
        return sort_key(found.rank, compliance)

    assert sorted(cases, key=key) == [
        "resolution time",
        "greeting",
        "name",
        "offer",
        "call back",
        "music",
    ]
