"""Which feature to work on first: Kano category (what customers expect) against shopper
compliance (what they get).

Kano's (1984) reading of the categories decides: a missing basic (must-be) feature causes
dissatisfaction that no delighter offsets, so it comes first; a performance feature pays in
proportion to how well it is delivered; a delighter that is not delivered is an opportunity,
not a failure. Categories drift over time (Kano 2001): a delighter delivered everywhere has
become what customers expect and must now be kept up like a basic, and is re-measured.

Ranks (1 first), with ``DELIVERED`` as the compliance that counts as delivered:

1. ``fix_basic``         basic (M) below DELIVERED
2. ``improve``           performance (O) below DELIVERED
3. ``delight``           delighter (A) below DELIVERED: room to stand out
4. ``now_expected``      delighter (A) at or above DELIVERED at every location
5. ``keep``              M, O or A delivered (A not yet everywhere)
6. ``reconsider``        indifferent (I) or reverse (R): effort customers do not value
7. ``unknown``           no category (no answers, or questionable Q) or no compliance

Within a rank, lower compliance first (``docs/method.md``, "Scorecard per feature").
"""

from __future__ import annotations

from dataclasses import dataclass

DELIVERED = 0.9
RANKS = ("fix_basic", "improve", "delight", "now_expected", "keep", "reconsider", "unknown")


@dataclass(frozen=True)
class Priority:
    rank: int
    code: str


def priority(
    category: str | None, compliance: float | None, delivered_everywhere: bool = False
) -> Priority:
    """The priority of one feature at one location (or overall) by the rule above."""
    if category in ("I", "R") and compliance is not None:
        code = "reconsider"
    elif category not in ("M", "O", "A") or compliance is None:
        code = "unknown"
    elif compliance < DELIVERED:
        code = {"M": "fix_basic", "O": "improve", "A": "delight"}[category]
    elif category == "A" and delivered_everywhere:
        code = "now_expected"
    else:
        code = "keep"
    return Priority(RANKS.index(code) + 1, code)


def sort_key(rank: int, compliance: float | None) -> tuple:
    """Order rows: rank first, then the lower compliance (missing last within a rank)."""
    return (rank, compliance is None, compliance if compliance is not None else 0.0)
