"""Loop metrics: how many cases opened, how many closed in time, how fast, and whether it helped.

Counted with ``GROUP BY`` only, per project, touchpoint, location or wave. The median time to
close comes from a histogram of the whole hours stored at closing
(:func:`surveyor.scoring.alerts.median_of_histogram`), so no case list is loaded. "Closed within
the due date" is a share of all cases opened in the group: a case still open past its date
counts against it, as it would for the customer.

Whether followed-up customers answered better next time can only be told where a customer is
identifiable: a personal (non-anonymous) invitation whose e-mail address invited them again in a
later wave of the project. The answer to the same question (NPS or CSAT) is compared between the
response that opened a resolved case and the later one. Retention removes invitees' addresses,
so the comparison covers the waves still within their retention period.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import aliased

from surveyor.extensions import db
from surveyor.labels import localized
from surveyor.models import (
    Answer,
    FollowUpCase,
    Invitation,
    Item,
    Project,
    Response,
    Wave,
)
from surveyor.scoring.alerts import LoopFigures, median_of_histogram
from surveyor.services.messaging.addresses import folded

GROUPS = {
    "project": FollowUpCase.project_id,
    "touchpoint": FollowUpCase.touchpoint_id,
    "location": FollowUpCase.location_id,
    "wave": FollowUpCase.wave_id,
}


@dataclass(frozen=True)
class LoopRow:
    group: str
    """"project", "touchpoint", "location" or "wave"."""
    key: int | None
    name: str
    figures: LoopFigures


@dataclass(frozen=True)
class FollowUpEffect:
    """Customers of resolved cases who answered the same question again in a later wave."""

    question: str
    """"nps" or "csat"."""
    customers: int
    improved: int
    mean_change: float | None


def loop_metrics(project: Project, group: str, touchpoint_id: int | None = None) -> list[LoopRow]:
    """One row per group value with cases (``group`` one of :data:`GROUPS`)."""
    column = GROUPS[group]
    scope = [FollowUpCase.project_id == project.id]
    if touchpoint_id is not None:
        scope.append(FollowUpCase.touchpoint_id == touchpoint_id)
    counts = db.session.execute(
        select(
            column,
            func.count(FollowUpCase.id),
            func.sum(sql_case((FollowUpCase.closed_at.is_not(None), 1), else_=0)),
            func.sum(sql_case((FollowUpCase.closed_in_time.is_(True), 1), else_=0)),
        )
        .where(*scope)
        .group_by(column)
    ).all()
    histograms: dict = {}
    for key, hours, number in db.session.execute(
        select(column, FollowUpCase.hours_to_close, func.count(FollowUpCase.id))
        .where(*scope, FollowUpCase.hours_to_close.is_not(None))
        .group_by(column, FollowUpCase.hours_to_close)
    ):
        histograms.setdefault(key, {})[hours] = number
    names = _names(project, group)
    rows = [
        LoopRow(
            group,
            key,
            names.get(key, "—"),
            LoopFigures(
                int(opened),
                int(closed or 0),
                int(in_time or 0),
                median_of_histogram(histograms.get(key, {})),
            ),
        )
        for key, opened, closed, in_time in counts
    ]
    order = list(names)
    return sorted(rows, key=lambda row: order.index(row.key) if row.key in order else len(order))


def follow_up_effects(project: Project, touchpoint_id: int | None = None) -> list[FollowUpEffect]:
    """Per question (NPS, CSAT): later answers of followed-up, identifiable customers."""
    first_invitation, later_invitation = aliased(Invitation), aliased(Invitation)
    later_response = aliased(Response)
    first_wave, later_wave = aliased(Wave), aliased(Wave)
    first_answer, later_answer = aliased(Answer), aliased(Answer)
    first_item, later_item = aliased(Item), aliased(Item)
    change = later_answer.number - first_answer.number
    query = (
        select(
            first_item.item_type,
            func.count(),
            func.sum(sql_case((change > 0, 1), else_=0)),
            func.avg(change),
        )
        .select_from(FollowUpCase)
        .join(first_invitation, first_invitation.response_id == FollowUpCase.response_id)
        .join(first_wave, first_wave.id == FollowUpCase.wave_id)
        .join(
            later_invitation,
            and_(
                folded(later_invitation.email) == folded(first_invitation.email),
                later_invitation.response_id.is_not(None),
                later_invitation.response_id != FollowUpCase.response_id,
            ),
        )
        .join(later_response, later_response.id == later_invitation.response_id)
        .join(later_wave, later_wave.id == later_response.wave_id)
        .join(first_answer, first_answer.response_id == FollowUpCase.response_id)
        .join(first_item, first_item.id == first_answer.item_id)
        .join(later_answer, later_answer.response_id == later_response.id)
        .join(later_item, later_item.id == later_answer.item_id)
        .where(
            FollowUpCase.project_id == project.id,
            FollowUpCase.status == "resolved",
            first_invitation.email != "",
            later_wave.project_id == project.id,
            later_wave.sequence > first_wave.sequence,
            first_item.item_type.in_(("nps", "csat")),
            later_item.item_type == first_item.item_type,
            first_answer.number.is_not(None),
            later_answer.number.is_not(None),
        )
        .group_by(first_item.item_type)
    )
    if touchpoint_id is not None:
        query = query.where(FollowUpCase.touchpoint_id == touchpoint_id)
    return [
        FollowUpEffect(
            question,
            int(customers),
            int(improved or 0),
            None if mean is None else float(mean),
        )
        for question, customers, improved, mean in db.session.execute(query)
    ]


def _names(project: Project, group: str) -> dict:
    if group == "project":
        return {project.id: project.name}
    if group == "touchpoint":
        return {t.id: localized(t) for t in project.touchpoints}
    if group == "location":
        return {loc.id: loc.name for loc in project.locations}
    return {wave.id: wave.label for wave in project.waves}


@dataclass(frozen=True)
class LoopReport:
    """What the trend page, the workbook and the API show about closing the loop."""

    total: list[LoopRow]
    by_wave: list[LoopRow]
    by_location: list[LoopRow]
    by_touchpoint: list[LoopRow]
    effects: list[FollowUpEffect]


def loop_report(project: Project, touchpoint_id: int | None = None) -> LoopReport:
    """Loop metrics of a project (or one of its touchpoints) in every grouping at once."""
    return LoopReport(
        total=loop_metrics(project, "project", touchpoint_id),
        by_wave=loop_metrics(project, "wave", touchpoint_id),
        by_location=loop_metrics(project, "location", touchpoint_id),
        by_touchpoint=loop_metrics(project, "touchpoint", touchpoint_id),
        effects=follow_up_effects(project, touchpoint_id),
    )
