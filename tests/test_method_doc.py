"""The code cites its methods in docs/method.md, inside the repository, by section name.

Scoring docstrings used to point to a file outside the repository; this keeps every citation
resolvable: no reference leaves the repository, and every cited section exists.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
METHOD = ROOT / "docs" / "method.md"
CITATION = re.compile(r'docs/method\.md`*,\s*"([^"]+)"')


def _texts() -> dict[str, str]:
    paths = [ROOT / "README.md", *ROOT.glob("docs/*.md")]
    for folder in ("surveyor", "tests", "benchmarks"):
        paths += [p for p in (ROOT / folder).rglob("*") if p.suffix in {".py", ".html", ".md"}]
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in paths}


def test_nothing_cites_a_file_outside_the_repository():
    outside = re.compile(r"METHOD\.md|\.\./shared|\bshared/[A-Z]")
    assert [name for name, text in _texts().items() if outside.search(text)] == []


def test_every_cited_section_of_the_method_exists():
    headings = {
        line.lstrip("#").strip() for line in METHOD.read_text().splitlines() if line.startswith("#")
    }
    cited = {
        (name, " ".join(section.split()))
        for name, text in _texts().items()
        for section in CITATION.findall(text)
    }
    assert {name for name, _ in cited} >= {
        "surveyor/scoring/kano.py",
        "surveyor/scoring/checklist.py",
        "surveyor/scoring/trends.py",
    }
    assert [(name, section) for name, section in sorted(cited) if section not in headings] == []
