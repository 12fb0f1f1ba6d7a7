"""What a workbook shows, as plain data: everything the sheet builders read.

:func:`surveyor.services.reports.workbook_content.assemble` fills it inside one database
snapshot; the sheets only turn it into cells, charts and styles, so this package runs no query and
needs neither models nor services (the arrows of README's architecture). The figures of the
result services (Kano results, checklist scores, trend series) arrive as the frozen dataclasses
those services return; the protocols below name the fields the sheets read. Texts arrive in the
workbook's language and raw: the sheets pass them through :func:`~surveyor.export.safety.safe_cell`
as they write them, except the Responses sheet's headers and rows, which the service makes safe as
it builds and streams them (one pass over four million cells is enough).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from surveyor.scoring.kano import ContinuousResult, KanoResult

KANO_PARTS = ("functional", "dysfunctional", "importance")


class FeatureFigures(Protocol):
    """One feature's Kano result for one wave and group
    (:class:`surveyor.services.results.kano_results.FeatureResult`)."""

    key: str
    text: str
    kano: KanoResult
    continuous: ContinuousResult | None
    importance_mean: float | None


class GapFigures(Protocol):
    """Employees against customers for one feature (``kano_results.FeatureGap``)."""

    key: str
    text: str
    customers: FeatureFigures
    employees: FeatureFigures
    category_differs: bool


class ScoreFigures(Protocol):
    """Pooled checklist points of one group of shops (``checklist_results.ScoreRow``)."""

    key: tuple
    label: tuple
    percent: float | None
    earned: float
    possible: float
    shops: int
    critical_failures: int
    critical_shops: int


class PointFigures(Protocol):
    n: int
    value: float | None


class SeriesFigures(Protocol):
    """One standard question across waves (``trend_series.Series``)."""

    name: str
    scale: str

    def point_of(self, wave_id: int) -> PointFigures | None: ...


@dataclass(frozen=True)
class WaveInfo:
    id: int
    sequence: int
    label: str


@dataclass(frozen=True)
class TouchpointInfo:
    id: int
    name: str
    phase: str | None
    channel: str | None
    weight: float


@dataclass(frozen=True)
class KanoInstrument:
    """One Kano questionnaire in the scope, with its results for every chosen wave."""

    touchpoint: str
    name: str
    results: dict[str, dict[int, list[FeatureFigures]]]
    """Group ("customer", "employee") -> wave id -> one result per feature, in question order."""
    gaps: dict[int, list[GapFigures]]
    """Wave id -> the features, where employees and customers disagree most first."""


@dataclass(frozen=True)
class MysteryRow:
    """One row of the Mystery shopping sheet: the overall score, a section or a Kano tag."""

    level: str | None
    """``None`` (overall), "section" or "kano"."""
    score: ScoreFigures
    competitor: bool


@dataclass(frozen=True)
class MeasureInfo:
    touchpoint: str
    title: str
    description: str | None
    cluster: str | None
    owner: str | None
    due_date: date | None
    go_live: date | None
    status: str


@dataclass(frozen=True)
class ResponseColumn:
    """One item column of the Responses sheet (or one part of a Kano pair), and what the
    Codebook says about it: the newest version's wording and its answer codes."""

    header: str
    part: str
    """functional, dysfunctional, importance (Kano), number, text or channels."""
    item_ids: tuple[int, ...]
    """The item in every version of the questionnaire: one column across versions."""
    touchpoint: str
    instrument: str
    key: str
    item_type: str
    section: str
    text: str
    dysfunctional_text: str | None
    options: tuple[dict, ...] = ()
    """A single choice's options, as stored (``value``, ``label_en``, ``label_de``)."""
    value_range: tuple[int, int] | None = None
    """The lowest and highest answer code of a scale, ``None`` where codes are not a range."""

    @property
    def is_kano(self) -> bool:
        return self.part in KANO_PARTS

    @property
    def is_text(self) -> bool:
        return self.part in ("text", "channels")


OnChunk = Callable[[int], None]
"""Called with the number of responses read so far, after each chunk."""


@dataclass(frozen=True)
class ResponseSheet:
    """The Responses sheet's columns and a source of its rows, read only while it is written."""

    columns: list[ResponseColumn]
    total: int
    rows: Callable[[OnChunk | None], Iterator[list]]
    """Streams one list per response (8 describing it, then one value per column); it reads
    from the database in chunks, so it must run inside the snapshot that counted ``total``."""


class CardScores(Protocol):
    """One unit's figures in one wave (``services.locations.scores.WaveScores``): ``csat``,
    ``nps``, ``ces``, ``contacts`` and ``checklist`` are estimates (value, low, high, n)."""

    responses: int
    index: float | None
    features: dict

    def value(self, metric: str) -> float | None: ...

    def size(self, metric: str) -> int: ...


@dataclass(frozen=True)
class CardWave:
    """One wave of a report card: the card's own unit first, then what it is compared with."""

    label: str
    units: list[CardScores | None]
    """In the order of :attr:`ReportCardContent.columns`; None where a branch has no region."""
    rank: int | None
    ranked: int


@dataclass(frozen=True)
class CardBranch:
    """A branch in a region's card: its newest-wave figures and its rank among all branches."""

    name: str
    code: str
    rank: int | None
    small: bool
    scores: CardScores


@dataclass(frozen=True)
class ReportCardContent:
    """A branch's or a region's report card (``services.locations.card_content``)."""

    kind: str
    """"location" (a branch against its region and the client) or "region" (against the client)."""
    name: str
    parent: str
    """The branch's region; empty for a region."""
    min_n: int
    metric: str
    waves: list[CardWave]
    features: list[tuple[str, str]]
    """(key, text) of the Kano features shown for the newest wave."""
    branches: list[CardBranch] = field(default_factory=list)
    branches_wave: str = ""
    ranked_branches: int = 0

    @property
    def columns(self) -> tuple[str, ...]:
        return ("location", "region", "client") if self.kind == "location" else ("region", "client")


@dataclass(frozen=True)
class LocationRankRow:
    """One branch, region or the whole client in one wave's ranking by one metric."""

    level: str
    """"branch", "region" or "client"."""
    name: str
    code: str | None
    region: str | None
    value: float | None
    low: float | None
    high: float | None
    n: int
    """The n the project's minimum applies to: shops for checklist scores, else responses."""
    rank: int | None
    small: bool
    """Fewer than the minimum n: listed, marked, not ranked."""


@dataclass(frozen=True)
class LocationRanking:
    """One wave's ranking by one metric (``services.locations.results.Ranking``), in its order:
    ranked branches first, then regions, then the whole client."""

    wave: WaveInfo
    metric: str
    """A key of ``surveyor.labels.LOCATION_METRICS``."""
    rows: list[LocationRankRow]


@dataclass(frozen=True)
class LocationSheet:
    """The Locations sheet: the client's own branches and regions ranked, newest wave first."""

    min_n: int
    rankings: list[LocationRanking]


@dataclass(frozen=True)
class WorkbookContent:
    lang: str
    client: str
    project: str
    exported_at: datetime
    waves: list[WaveInfo]
    touchpoints: list[TouchpointInfo]
    response_counts: dict[tuple[int, int, str], int]
    """Responses per (touchpoint id, wave id, group)."""
    touchpoint_index: dict[tuple[int, int], float]
    """Weighted touchpoint index per (touchpoint id, wave id), where measured."""
    kano: list[KanoInstrument]
    mystery: list[MysteryRow]
    """In the sheet's order: touchpoint, location, wave, then overall, sections, Kano tags."""
    checklist_scores: dict[tuple[int, int], ScoreFigures]
    """Overall checklist score per (touchpoint id, wave id)."""
    standard_questions: dict[int, list[SeriesFigures]]
    """CSAT, CES, NPS, contacts and first-contact resolution per touchpoint id."""
    measures: list[MeasureInfo]
    responses: ResponseSheet
    pilots: list = field(default_factory=list)
    """Rows of the Pilots sheet (``services.pilots.table.PilotRow``), one per measure and metric."""
    pilot_method: str = ""
    """How the pilot effects were estimated, in the workbook's language."""
    scorecard: list = field(default_factory=list)
    """Rows of the Scorecard sheet (``services.scorecards.table.ScorecardRow``)."""
    loop_rows: list = field(default_factory=list)
    """Loop metrics per project, touchpoint, location and wave (``services.cases.metrics``)."""
    loop_effects: list = field(default_factory=list)
    """Whether followed-up customers answered better in the next wave."""
    workshops: list = field(default_factory=list)
    """The project's workshop reports (``services.workshops.report.WorkshopReport``)."""
    locations: LocationSheet | None = None
    """None when the project has no own branches: the workbook then has no Locations sheet."""

    @property
    def wave_ids(self) -> list[int]:
        return [wave.id for wave in self.waves]
