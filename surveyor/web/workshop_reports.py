"""The workshop report (printable) and a measure's trace back to the workshop.

Read-only: viewers of the client's staff see them too. The trace ends in a link to the
touchpoint's trend page, which marks the measure's go-live: that is the measured effect.
"""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from surveyor.forms.measures import CLUSTER_LABELS, STATUS_LABELS
from surveyor.models.workshops import PARTICIPANT_ROLES
from surveyor.services import tenancy
from surveyor.services.projects import measures
from surveyor.services.workshops import report, trace

bp = Blueprint("workshop_reports", __name__)


@bp.context_processor
def labels() -> dict:
    return {
        "cluster_labels": CLUSTER_LABELS,
        "status_labels": STATUS_LABELS,
        "roles": PARTICIPANT_ROLES,
    }


@bp.get("/workshops/<int:workshop_id>/report")
def show(workshop_id: int):
    workshop = tenancy.get_workshop(current_user, workshop_id)
    return render_template(
        "workshops/report.html", workshop=workshop, report=report.build(workshop)
    )


@bp.get("/measures/<int:measure_id>/trace")
def measure_trace(measure_id: int):
    measure = measures.get_measure(current_user, measure_id)
    return render_template("workshops/trace.html", measure=measure, traces=trace.trace(measure))
