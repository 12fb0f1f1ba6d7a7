"""The scorecard per feature: per linked Kano feature and own location, the customers' Kano
category, the shoppers' compliance and the priority that follows
(:mod:`surveyor.scoring.scorecard`).

A location's own category is used when at least ``MIN_LOCATION_N`` of its customers answered;
below that the feature's category over all customers stands in (and the row says so), since a
handful of answers cannot classify a feature. Employees' category is shown beside it where
the questionnaire has employee answers, as a check on what staff believe customers expect.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import select

from surveyor.extensions import db
from surveyor.models import Instrument, Location, Project, Wave
from surveyor.scoring import scorecard as rule
from surveyor.services.errors import Invalid
from surveyor.services.results import kano_results
from surveyor.services.scorecards import figures, links

MIN_LOCATION_N = 10


@dataclass(frozen=True)
class Cell:
    """One feature at one location (``location`` None: all own locations together)."""

    location: str | None
    location_n: int
    """Customers who answered the feature at this location."""
    category: str | None
    from_location: bool
    """True when ``category`` is the location's own; else the all-customer category."""
    delivered: int
    applicable: int
    priority: rule.Priority

    @property
    def compliance(self) -> float | None:
        return self.delivered / self.applicable if self.applicable else None


@dataclass
class FeatureCard:
    instrument: str
    key: str
    text: str
    observed_by: list[str]
    customers: kano_results.FeatureResult
    employees: kano_results.FeatureResult | None
    total: Cell
    locations: list[Cell] = field(default_factory=list)


@dataclass
class Scorecard:
    project: Project
    wave: Wave | None
    waves: list[Wave]
    cards: list[FeatureCard]


def build_scorecard(project: Project, wave_id: int | None = None, locale: str = "en") -> Scorecard:
    """The project's scorecard in one wave (default: the latest that is not just planned)."""
    waves = [wave for wave in project.waves if wave.status != "planned"]
    if wave_id is not None:
        wave = next((w for w in project.waves if w.id == wave_id), None)
        if wave is None:
            raise Invalid("", {"wave_id": ["This wave is not one of the project's."]})
    else:
        wave = waves[-1] if waves else None
    all_links = links.project_links(project)
    if wave is None or not all_links:
        return Scorecard(project, wave, waves, [])
    observed = _observed_by(project, all_links, locale)
    shares = figures.compliance(all_links, wave.id)
    kano_ids = sorted({link.kano_instrument_id for link in all_links})
    local = figures.kano_by_location(kano_ids, wave.id)
    names = _location_names(project)
    cards = []
    for instrument in db.session.scalars(select(Instrument).where(Instrument.id.in_(kano_ids))):
        customers = kano_results.feature_results(instrument, wave, "customer", locale)
        employees = kano_results.feature_results(instrument, wave, "employee", locale)
        for customer, employee in zip(customers, employees, strict=True):
            key = (instrument.id, customer.key)
            if key not in observed:
                continue
            cards.append(_card(instrument, customer, employee, observed[key], shares, local, names))
    cards.sort(key=lambda c: rule.sort_key(c.total.priority.rank, c.total.compliance))
    return Scorecard(project, wave, waves, cards)


def _card(instrument, customer, employee, observed, shares, local, names) -> FeatureCard:
    overall = customer.kano.category
    cells = []
    for location_id, name in names.items():
        delivered, applicable = shares.get((instrument.id, customer.key, location_id), (0, 0))
        result = local.get((instrument.id, customer.key, location_id))
        n = result.n if result else 0
        if not applicable and not n:
            continue
        own = n >= MIN_LOCATION_N
        category = result.category if own else overall
        cells.append(Cell(name, n, category, own, delivered, applicable, _none()))
    everywhere = bool(cells) and all(
        c.compliance is not None and c.compliance >= rule.DELIVERED for c in cells
    )
    cells = [
        _with_priority(cell, rule.priority(cell.category, cell.compliance, everywhere))
        for cell in cells
    ]
    cells.sort(key=lambda c: rule.sort_key(c.priority.rank, c.compliance))
    delivered = sum(c.delivered for c in cells)
    applicable = sum(c.applicable for c in cells)
    share = delivered / applicable if applicable else None
    total = Cell(
        None,
        customer.n,
        overall,
        False,
        delivered,
        applicable,
        rule.priority(overall, share, everywhere),
    )
    return FeatureCard(
        instrument=instrument.name,
        key=customer.key,
        text=customer.text,
        observed_by=observed,
        customers=customer,
        employees=employee if employee.n else None,
        total=total,
        locations=cells,
    )


def _none() -> rule.Priority:
    return rule.priority(None, None)


def _with_priority(cell: Cell, priority: rule.Priority) -> Cell:
    return replace(cell, priority=priority)


def _location_names(project: Project) -> dict[int, str]:
    rows = db.session.execute(
        select(Location.id, Location.name)
        .where(
            Location.project_id == project.id,
            Location.is_competitor.is_(False),
            Location.kind == "branch",
        )
        .order_by(Location.name)
    )
    return dict(rows.all())


def _observed_by(project: Project, all_links, locale: str) -> dict[tuple[int, str], list[str]]:
    texts = {
        (choice.instrument_id, choice.key): choice.text
        for choice in links.choices(project, "checklist", locale)
    }
    observed: dict[tuple[int, str], list[str]] = {}
    for link in all_links:
        text = texts.get((link.checklist_instrument_id, link.checklist_key), link.checklist_key)
        observed.setdefault((link.kano_instrument_id, link.kano_key), []).append(text)
    return observed
