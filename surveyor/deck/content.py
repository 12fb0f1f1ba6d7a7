"""What a client deck says, as plain data: the numbers and sentences, assembled but not laid out.

:func:`surveyor.services.reports.deck_assembly.assemble` fills these, the writer's input, from the
result services the workbook uses; :mod:`surveyor.deck` only lays them out on slides. Keeping
the two apart means the writer never queries or computes a figure, so a slide cannot disagree
with the workbook. Scores are fractions (0-1) as in the workbook; texts are already in the
deck's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class JourneyRow:
    phase: str
    touchpoint: str
    channel: str
    weight: float


@dataclass(frozen=True)
class KanoRow:
    """One feature of the customers' newest wave, as on the workbook's Kano sheet."""

    key: str
    text: str
    n: int
    category: str | None
    category_label: str
    better: float | None
    worse: float | None


@dataclass(frozen=True)
class KanoBlock:
    instrument: str
    wave: str
    rows: list[KanoRow]


@dataclass(frozen=True)
class Bar:
    """One category of a bar chart: own score and the competitor benchmark (fractions)."""

    label: str
    own: float | None
    competitor: float | None


@dataclass(frozen=True)
class ChecklistBlock:
    wave: str
    overall: Bar
    sections: list[Bar]
    locations: list[Bar]
    """Own locations best first, then competitors; each has a value on its own side only."""


@dataclass(frozen=True)
class Line:
    name: str
    values: list[float | None]


@dataclass(frozen=True)
class ScaleBlock:
    """CSAT, CES, NPS and contacts wave by wave: ``rows`` are (indicator, values, sizes)."""

    waves: list[str]
    rows: list[tuple[str, list[float | None], list[int]]]


@dataclass(frozen=True)
class TrendBlock:
    waves: list[str]
    kano_lines: list[Line]
    """Customers' better coefficient per feature (the Trends sheet's Kano rows)."""
    score_lines: list[Line]
    """Mystery-shopping score as a fraction (the Trends sheet's checklist rows)."""
    sentences: list[str]
    """Significant changes, Kano drift and measures' go-live, in plain words."""


@dataclass
class TouchpointContent:
    name: str
    kano: list[KanoBlock] = field(default_factory=list)
    checklist: ChecklistBlock | None = None
    scales: ScaleBlock | None = None
    trend: TrendBlock | None = None

    @property
    def has_data(self) -> bool:
        return bool(self.kano or self.checklist or self.scales)


@dataclass(frozen=True)
class SampleRow:
    touchpoint: str
    wave: str
    customers: int
    employees: int
    shops: int


@dataclass
class DeckContent:
    lang: str
    client: str
    project: str
    waves: list[str]
    journey: list[JourneyRow]
    touchpoints: list[TouchpointContent]
    samples: list[SampleRow]
    methods: list[str]
    tests: list[str]

    @property
    def has_data(self) -> bool:
        return any(touchpoint.has_data for touchpoint in self.touchpoints)
