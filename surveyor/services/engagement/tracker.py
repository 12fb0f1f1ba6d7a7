"""The engagement tracker: the ten steps of the touchpoint method and the evidence for each.

A consultant runs an engagement over months; the tracker answers "where are we, and what is
missing?" from what Surveyor already holds (the interview, touchpoints and their weights, the
baseline wave, employee and customer answers, measures and their go-live, follow-up waves and
mystery shops), so nobody keeps a second status list by hand. Steps that happen outside Surveyor
(analysing processes and IT systems, integrating measures into daily business) are confirmed by
the consultant's note. Every fact is one COUNT in the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import distinct, func, select

from surveyor.extensions import db
from surveyor.models import (
    Assignment,
    EngagementStepNote,
    Instrument,
    InstrumentVersion,
    Location,
    Measure,
    Project,
    Response,
    Touchpoint,
    User,
    Wave,
    client_access,
)
from surveyor.models.engagement import ENGAGEMENT_STEPS
from surveyor.models.measures import measure_pilot_location
from surveyor.services.engagement.interview import interview_of
from surveyor.services.errors import Invalid

NOTE_LIMIT = 2000


@dataclass(frozen=True)
class Facts:
    """What Surveyor knows about a project's progress, counted in the database."""

    interview_recorded: bool = False
    interview_has_goals: bool = False
    client_staff: int = 0
    consultants: int = 0
    touchpoints: int = 0
    phases_with_touchpoints: int = 0
    touchpoints_measured: int = 0
    customer_answers: int = 0
    employee_answers: int = 0
    locations: int = 0
    competitor_locations_shopped: int = 0
    baseline_closed: bool = False
    distinct_weights: int = 0
    measures: int = 0
    measure_clusters: int = 0
    measures_with_go_live: int = 0
    measures_piloted: int = 0
    measures_live: int = 0
    follow_up_waves_closed: int = 0
    approved_shops_after_baseline: int = 0


@dataclass(frozen=True)
class StepProgress:
    """One step: its state, what Surveyor holds for it, and what is still missing."""

    step: int
    state: str
    evidence: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    confirmed: bool = False
    note: str = ""


def progress(project: Project) -> list[StepProgress]:
    """The ten steps of ``project``, in the method's order."""
    facts = facts_of(project)
    notes = {
        note.step: note
        for note in db.session.scalars(
            select(EngagementStepNote).where(EngagementStepNote.project_id == project.id)
        )
    }
    steps = []
    for step in ENGAGEMENT_STEPS:
        evidence, missing = _EVIDENCE[step](facts)
        note = notes.get(step)
        confirmed = bool(note and note.done)
        steps.append(
            StepProgress(
                step=step,
                state=step_state(bool(evidence), not missing, confirmed),
                evidence=evidence,
                missing=[] if confirmed else missing,
                confirmed=confirmed,
                note=note.note if note else "",
            )
        )
    return steps


def step_state(has_evidence: bool, complete: bool, confirmed: bool) -> str:
    """``done`` when the evidence is complete or the consultant confirmed the step, ``started``
    when some evidence exists, ``open`` otherwise."""
    if confirmed or (has_evidence and complete):
        return "done"
    return "started" if has_evidence else "open"


def save_note(project: Project, step: int, note: str, done: bool) -> None:
    """The consultant's note and confirmation for one step; the caller checked edit rights."""
    if step not in ENGAGEMENT_STEPS:
        raise Invalid(_("There is no such step."), {"step": [_("Choose a step from 1 to 10.")]})
    note = (note or "").strip()
    if len(note) > NOTE_LIMIT:
        message = _("At most %(count)d characters.", count=NOTE_LIMIT)
        raise Invalid(message, {"note": [message]})
    row = db.session.scalar(
        select(EngagementStepNote).where(
            EngagementStepNote.project_id == project.id, EngagementStepNote.step == step
        )
    ) or EngagementStepNote(project_id=project.id, step=step)
    row.note, row.done = note, done
    db.session.add(row)
    db.session.commit()


def facts_of(project: Project) -> Facts:
    """Count everything the ten steps look at; a few small aggregate queries."""
    interview = interview_of(project)
    scalar = db.session.scalar
    roles = dict(
        db.session.execute(
            select(User.role, func.count())
            .join(client_access, client_access.c.user_id == User.id)
            .where(client_access.c.client_id == project.client_id, User.active.is_(True))
            .group_by(User.role)
        ).all()
    )
    touchpoints = select(Touchpoint.id).where(Touchpoint.project_id == project.id)
    responses = (
        select(Response.respondent_group, func.count())
        .join(Wave, Response.wave_id == Wave.id)
        .where(Wave.project_id == project.id)
        .group_by(Response.respondent_group)
    )
    answers = dict(db.session.execute(responses).all())
    measures = select(Measure).join(Touchpoint).where(Touchpoint.project_id == project.id)
    measured = (
        select(func.count(distinct(Instrument.touchpoint_id)))
        .join(InstrumentVersion, InstrumentVersion.instrument_id == Instrument.id)
        .join(Response, Response.version_id == InstrumentVersion.id)
        .where(Instrument.touchpoint_id.in_(touchpoints))
    )
    shops_after_baseline = (
        select(func.count())
        .select_from(Assignment)
        .join(Wave, Assignment.wave_id == Wave.id)
        .where(Wave.project_id == project.id, Wave.sequence > 0, Assignment.status == "approved")
    )
    competitors_shopped = (
        select(func.count(distinct(Assignment.location_id)))
        .join(Location, Assignment.location_id == Location.id)
        .where(
            Location.project_id == project.id,
            Location.is_competitor.is_(True),
            Assignment.status == "approved",
        )
    )
    return Facts(
        interview_recorded=interview is not None,
        interview_has_goals=bool(interview and interview.goals and interview.challenges),
        client_staff=roles.get("viewer", 0),
        consultants=roles.get("consultant", 0),
        touchpoints=scalar(select(func.count()).select_from(touchpoints.subquery())),
        phases_with_touchpoints=scalar(
            select(func.count(distinct(Touchpoint.phase_id))).where(
                Touchpoint.project_id == project.id
            )
        ),
        touchpoints_measured=scalar(measured),
        customer_answers=answers.get("customer", 0),
        employee_answers=answers.get("employee", 0),
        locations=scalar(
            select(func.count()).where(
                Location.project_id == project.id, Location.is_competitor.is_(False)
            )
        ),
        competitor_locations_shopped=scalar(competitors_shopped),
        baseline_closed=bool(
            scalar(
                select(func.count()).where(
                    Wave.project_id == project.id, Wave.sequence == 0, Wave.status == "closed"
                )
            )
        ),
        distinct_weights=scalar(
            select(func.count(distinct(Touchpoint.weight))).where(
                Touchpoint.project_id == project.id
            )
        ),
        measures=scalar(select(func.count()).select_from(measures.subquery())),
        measure_clusters=scalar(
            select(func.count(distinct(Measure.cluster)))
            .join(Touchpoint)
            .where(Touchpoint.project_id == project.id)
        ),
        measures_with_go_live=scalar(
            select(func.count()).select_from(
                measures.where(Measure.go_live.is_not(None)).subquery()
            )
        ),
        measures_piloted=scalar(
            select(func.count(distinct(measure_pilot_location.c.measure_id)))
            .join(Measure, Measure.id == measure_pilot_location.c.measure_id)
            .join(Touchpoint)
            .where(Touchpoint.project_id == project.id, Measure.go_live.is_not(None))
        ),
        measures_live=scalar(
            select(func.count()).select_from(measures.where(Measure.status == "live").subquery())
        ),
        follow_up_waves_closed=scalar(
            select(func.count()).where(
                Wave.project_id == project.id, Wave.sequence > 0, Wave.status == "closed"
            )
        ),
        approved_shops_after_baseline=scalar(shops_after_baseline),
    )


Finding = tuple[list[str], list[str]]


def _initiation(facts: Facts) -> Finding:
    if not facts.interview_recorded:
        return [], [_("Record the client interview: situations, challenges, goals and vision.")]
    evidence = [_("The client interview is recorded.")]
    if not facts.interview_has_goals:
        return evidence, [_("Add the client's challenges and goals to the interview.")]
    return evidence, []


def _kick_off(facts: Facts) -> Finding:
    evidence, missing = [], []
    if facts.consultants:
        evidence.append(
            ngettext(
                "%(num)d consultant works on the client.",
                "%(num)d consultants work on the client.",
                facts.consultants,
            )
        )
    if facts.client_staff:
        evidence.append(
            ngettext(
                "%(num)d member of the client's staff has access.",
                "%(num)d members of the client's staff have access.",
                facts.client_staff,
            )
        )
    else:
        missing.append(_("Give the client's staff access, so they can read their results."))
    return evidence, missing


def _touchpoints(facts: Facts) -> Finding:
    evidence, missing = [], []
    if facts.touchpoints:
        evidence.append(
            ngettext("%(num)d touchpoint mapped", "%(num)d touchpoints mapped", facts.touchpoints)
            + ", "
            + ngettext(
                "in %(num)d journey phase.",
                "in %(num)d journey phases.",
                facts.phases_with_touchpoints,
            )
        )
    else:
        missing.append(_("Map the customer journey's touchpoints."))
    if facts.customer_answers and facts.employee_answers:
        evidence.append(_("Customers and employees have both answered: the gaps can be shown."))
    else:
        missing.append(_("Ask customers and employees the same questions to measure the gaps."))
    return evidence, missing


def _resources(facts: Facts) -> Finding:
    evidence = []
    if facts.locations:
        evidence.append(
            ngettext("%(num)d location recorded.", "%(num)d locations recorded.", facts.locations)
        )
    return evidence, [
        _(
            "Analyse resources, processes, data and IT systems against the customer "
            "requirements, then confirm this step."
        )
    ]


def _baseline(facts: Facts) -> Finding:
    evidence, missing = [], []
    if facts.baseline_closed:
        evidence.append(_("The baseline wave is closed."))
    else:
        missing.append(_("Close the baseline wave (zero measurement)."))
    if facts.touchpoints_measured:
        evidence.append(
            ngettext(
                "%(num)d touchpoint measured.",
                "%(num)d touchpoints measured.",
                facts.touchpoints_measured,
            )
        )
    if facts.competitor_locations_shopped:
        evidence.append(
            ngettext(
                "%(num)d competitor shopped for benchmarking.",
                "%(num)d competitors shopped for benchmarking.",
                facts.competitor_locations_shopped,
            )
        )
    else:
        missing.append(_("Shop a competitor for the benchmark."))
    return evidence, missing


def _weighting(facts: Facts) -> Finding:
    if facts.distinct_weights > 1:
        return [_("The touchpoints are weighted.")], []
    return [], [_("Weight the touchpoints by their importance to the customer.")]


def _measures(facts: Facts) -> Finding:
    if not facts.measures:
        return [], [_("Develop measures for the touchpoints with the largest gaps.")]
    evidence = [
        ngettext("%(num)d measure", "%(num)d measures", facts.measures)
        + ", "
        + ngettext("in %(num)d cluster.", "in %(num)d clusters.", facts.measure_clusters)
    ]
    return evidence, []


def _trial(facts: Facts) -> Finding:
    if facts.measures_piloted:
        return [
            ngettext(
                "%(num)d measure is piloted in chosen locations, judged against the others.",
                "%(num)d measures are piloted in chosen locations, judged against the others.",
                facts.measures_piloted,
            )
        ], []
    if facts.measures_with_go_live:
        return [
            ngettext(
                "%(num)d measure has a go-live date to judge it by.",
                "%(num)d measures have a go-live date to judge them by.",
                facts.measures_with_go_live,
            )
        ], [_("Choose pilot locations for a measure to judge it against the other locations.")]
    return [], [_("Try a measure in a test market first: pilot locations and a go-live date.")]


def _integration(facts: Facts) -> Finding:
    if facts.measures_live:
        return [
            ngettext("%(num)d measure is live.", "%(num)d measures are live.", facts.measures_live)
        ], [_("Confirm when the measures are part of daily business.")]
    return [], [_("Put measures live step by step.")]


def _success(facts: Facts) -> Finding:
    evidence, missing = [], []
    if facts.follow_up_waves_closed:
        evidence.append(
            ngettext(
                "%(num)d follow-up wave closed.",
                "%(num)d follow-up waves closed.",
                facts.follow_up_waves_closed,
            )
        )
    else:
        missing.append(_("Close a follow-up wave to measure the success."))
    if facts.approved_shops_after_baseline:
        evidence.append(
            ngettext(
                "%(num)d mystery shop approved after the baseline.",
                "%(num)d mystery shops approved after the baseline.",
                facts.approved_shops_after_baseline,
            )
        )
    else:
        missing.append(_("Mystery-shop the touchpoints again after the baseline."))
    return evidence, missing


_EVIDENCE = {
    1: _initiation,
    2: _kick_off,
    3: _touchpoints,
    4: _resources,
    5: _baseline,
    6: _weighting,
    7: _measures,
    8: _trial,
    9: _integration,
    10: _success,
}
