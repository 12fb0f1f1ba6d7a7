"""Improvement measures: tenant-checked lookup, and saving the fields a form may set."""

from __future__ import annotations

from surveyor.database import committed
from surveyor.extensions import db
from surveyor.models import Measure, Touchpoint, User
from surveyor.services import tenancy

FIELDS = ("title", "title_de", "description", "cluster", "owner", "due_date", "go_live", "status")


def get_measure(user: User, measure_id: int) -> Measure:
    """The measure if its touchpoint is within the user's clients; 404 otherwise."""
    return tenancy.get(user, Measure, measure_id)


def new_measure(touchpoint: Touchpoint, **fields) -> Measure:
    measure = Measure(touchpoint=touchpoint)
    _set_fields(measure, fields)
    db.session.add(measure)
    return measure


add_measure = committed(new_measure)
"""The workspace's "new measure": :func:`new_measure`, saved at once."""


@committed
def update_measure(measure: Measure, **fields) -> None:
    _set_fields(measure, fields)


@committed
def delete_measure(measure: Measure) -> None:
    db.session.delete(measure)


def _set_fields(measure: Measure, fields: dict) -> None:
    for name in FIELDS:
        if name in fields:
            value = fields[name]
            setattr(measure, name, value.strip() if isinstance(value, str) else value)
