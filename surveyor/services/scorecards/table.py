"""The scorecard as plain rows: one per feature for all locations, then one per location."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _

from surveyor.labels import kano_category_label, scorecard_priority_label
from surveyor.models import Project
from surveyor.services.scorecards.cards import Cell, FeatureCard, build_scorecard


@dataclass(frozen=True)
class ScorecardRow:
    feature: str
    observed_by: str
    location: str
    customers: str
    customers_n: int
    employees: str
    employees_n: int
    compliance: float | None
    """Share 0-1 of applicable shop answers that delivered the feature."""
    delivered: int
    applicable: int
    rank: int
    priority: str


def scorecard_rows(project: Project, wave_id: int | None, locale: str) -> list[ScorecardRow]:
    """Rows worded in ``locale`` (the API asks for one; the workbook has its own)."""
    rows = []
    with force_locale(locale):
        for card in build_scorecard(project, wave_id, locale).cards:
            rows.append(_row(card, card.total, _("All locations")))
            rows.extend(_row(card, cell, cell.location or "") for cell in card.locations)
    return rows


def _row(card: FeatureCard, cell: Cell, location: str) -> ScorecardRow:
    employees = card.employees
    return ScorecardRow(
        feature=card.text,
        observed_by="; ".join(card.observed_by),
        location=location,
        customers=kano_category_label(cell.category, short=True) if cell.category else "",
        customers_n=cell.location_n,
        employees=kano_category_label(employees.kano.category, short=True) if employees else "",
        employees_n=employees.n if employees else 0,
        compliance=cell.compliance,
        delivered=cell.delivered,
        applicable=cell.applicable,
        rank=cell.priority.rank,
        priority=scorecard_priority_label(cell.priority.code),
    )
