"""Improvement measures: tenant-checked lookup and the fields a form may set."""

from __future__ import annotations

from surveyor.extensions import db
from surveyor.models import Measure, Touchpoint, User
from surveyor.services import tenancy

FIELDS = ("title", "title_de", "description", "cluster", "owner", "due_date", "go_live", "status")


def get_measure(user: User, measure_id: int) -> Measure:
    """The measure if its touchpoint is within the user's clients; 404 otherwise."""
    return tenancy.get(user, Measure, measure_id)


def add_measure(touchpoint: Touchpoint, **fields) -> Measure:
    measure = Measure(touchpoint=touchpoint)
    update_measure(measure, **fields)
    db.session.add(measure)
    return measure


def update_measure(measure: Measure, **fields) -> None:
    for name in FIELDS:
        if name in fields:
            value = fields[name]
            setattr(measure, name, value.strip() if isinstance(value, str) else value)
