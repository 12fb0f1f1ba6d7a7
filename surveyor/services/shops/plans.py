"""Saving a project's measurement plan from the form's fields (days in, seconds stored)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from surveyor.database import committed
from surveyor.extensions import db
from surveyor.models import Instrument, Location, MeasurementPlan, Project, Touchpoint
from surveyor.models.base import utcnow
from surveyor.models.plans import DAY
from surveyor.services.waves import wave_setup


def plan_of(project: Project) -> MeasurementPlan | None:
    return db.session.scalar(
        select(MeasurementPlan).where(MeasurementPlan.project_id == project.id)
    )


def instruments_of(project: Project) -> list[Instrument]:
    return list(
        db.session.scalars(
            select(Instrument)
            .join(Touchpoint, Instrument.touchpoint_id == Touchpoint.id)
            .where(Touchpoint.project_id == project.id)
            .order_by(Touchpoint.position, Instrument.name)
        )
    )


def set_plan(project: Project, plan: MeasurementPlan | None, fields: dict) -> MeasurementPlan:
    """Create or update the plan; ids not belonging to the project are dropped.

    Instruments ticked while a wave of the plan is open get their links and assignments in it
    now, rather than only from the next period on.
    """
    own_instruments = {i.id for i in instruments_of(project)}
    own_locations = set(
        db.session.scalars(select(Location.id).where(Location.project_id == project.id))
    )
    if plan is None:
        plan = MeasurementPlan(project_id=project.id)
    starts = fields["starts_at"]
    plan.recurrence = fields["recurrence"]
    plan.cron = (fields.get("cron") or "").strip() if plan.recurrence == "cron" else ""
    plan.starts_at = starts if starts.tzinfo else starts.replace(tzinfo=UTC)
    plan.field_seconds = round(fields["field_days"] * DAY)
    reminder = fields.get("reminder_days")
    plan.reminder_after_seconds = None if reminder is None else round(reminder * DAY)
    plan.instrument_ids = [i for i in fields.get("instrument_ids") or [] if i in own_instruments]
    plan.location_ids = [i for i in fields.get("location_ids") or [] if i in own_locations]
    plan.assignment_rule = fields["assignment_rule"]
    plan.active = bool(fields.get("active"))
    db.session.add(plan)
    wave_setup.complete_open_waves(plan, utcnow())
    return plan


save_plan = committed(set_plan)
"""The workspace's "save plan": :func:`set_plan`, saved at once."""


def form_data(plan: MeasurementPlan) -> dict:
    """The plan as the form shows it (UTC, without zone; durations in days)."""
    starts: datetime = plan.starts_at
    return {
        "recurrence": plan.recurrence,
        "cron": plan.cron,
        "starts_at": starts.replace(tzinfo=None),
        "field_days": plan.field_seconds / DAY,
        "reminder_days": (
            None if plan.reminder_after_seconds is None else plan.reminder_after_seconds / DAY
        ),
        "instrument_ids": list(plan.instrument_ids or []),
        "location_ids": list(plan.location_ids or []),
        "assignment_rule": plan.assignment_rule,
        "active": plan.active,
    }
