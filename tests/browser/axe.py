"""axe-core audits of the page a Playwright test has open.

axe-core comes from the PyPI package ``axe-playwright-python``, which bundles ``axe.min.js``: the
README's ``pip install -e '.[test]'`` brings it, with no npm step. The script is evaluated
through the DevTools protocol rather than added as a ``<script>`` tag, because the pages'
Content-Security-Policy forbids inline scripts, and the audit must see the pages as served.
Only WCAG 2.0/2.1/2.2 A and AA rules run: that is what BITV 2.0 / EN 301 549 require.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files

WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = ("serious", "critical")


@cache
def axe_source() -> str:
    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def axe_version() -> str:
    return re.search(r"axe v([\d.]+)", axe_source()).group(1)


def violations(page) -> list[dict]:
    """Every WCAG A/AA violation axe finds on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    options = json.dumps({"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}})
    return page.evaluate(f"axe.run(document, {options}).then((results) => results.violations)")


def blocking(found: list[dict]) -> list[dict]:
    return [violation for violation in found if violation["impact"] in BLOCKING_IMPACTS]


def describe(where: str, found: list[dict]) -> str:
    """One block per violation: rule, impact, help, and the CSS targets of the nodes."""
    lines = [f"{where}: {len(found)} serious or critical accessibility violation(s)"]
    for violation in found:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    - {' '.join(map(str, node['target']))}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


class Audit:
    """Collects the blocking violations of several pages, so one run reports them all."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def check(self, page, where: str) -> None:
        found = blocking(violations(page))
        if found:
            self.problems.append(describe(where, found))

    def assert_clean(self) -> None:
        assert not self.problems, "\n\n".join(self.problems)
