"""A small project with Kano answers from customers and employees, a shop and a measure.

The answers are inserted as stored rows (the survey form is tested elsewhere), so each test
knows exactly which pairs went in and can recompute the expected figures with the scoring module.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from io import BytesIO

import pytest
from openpyxl import load_workbook

from surveyor.extensions import db
from surveyor.models import Answer, Instrument, KanoAnswer, Measure, Response
from surveyor.services.instruments import instruments

# feature key -> answer pairs of the customers in the baseline (functional, dysfunctional)
CUSTOMER_PAIRS = {
    "f1": [(2, 5)] * 3 + [(1, 5)] * 2 + [(1, 3)],
    "f2": [(1, 3)] * 4 + [(3, 3)] * 2,
    "f3": [(1, 5)] * 5 + [(5, 1)],
}
EMPLOYEE_PAIRS = {"f1": [(3, 3)] * 3, "f2": [(1, 3)] * 3, "f3": [(2, 5)] * 3}
INJECTIONS = ("=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1:A2)", "\tTAB", "\rCR")


@dataclass
class ExportProject:
    project: object
    touchpoint: object
    instrument: object
    checklist: object
    baseline: object
    follow_up: object
    client: object


def respond(
    app,
    instrument,
    wave,
    group: str,
    pairs: dict,
    comment: str | None = None,
    numbers: dict | None = None,
    location_id: int | None = None,
) -> None:
    """Store one response as the survey would: Kano pairs by feature key, a comment, and
    ``numbers`` for standard questions by item key (e.g. ``{"csat": 4}``), at a location."""
    with app.app_context():
        version = instruments.published_version(db.session.get(Instrument, instrument.id))
        items = {item.key: item for item in version.items}
        response = Response(
            submission_id=uuid.uuid4().hex,
            content_hash="0" * 64,
            version_id=version.id,
            wave_id=wave.id,
            respondent_group=group,
            location_id=location_id,
        )
        db.session.add(response)
        db.session.flush()
        for key, (functional, dysfunctional) in pairs.items():
            db.session.add(
                KanoAnswer(
                    response_id=response.id,
                    item_id=items[key].id,
                    functional=functional,
                    dysfunctional=dysfunctional,
                    importance=5,
                )
            )
        if comment is not None:
            db.session.add(
                Answer(response_id=response.id, item_id=items["comment"].id, text=comment)
            )
        for key, number in (numbers or {}).items():
            db.session.add(Answer(response_id=response.id, item_id=items[key].id, number=number))
        db.session.commit()


def respond_many(app, instrument, wave, group: str, pairs_by_feature: dict) -> None:
    count = len(next(iter(pairs_by_feature.values())))
    for index in range(count):
        respond(app, instrument, wave, group, {k: v[index] for k, v in pairs_by_feature.items()})


@pytest.fixture
def export_project(app, make) -> ExportProject:
    client = make.client("Stadtwerke Test")
    project = make.project(client, "Contact 2026")
    touchpoint = make.touchpoint(project, name="Hotline")
    instrument = make.kano_instrument(
        touchpoint, features=3, optional=("comment",), importance=True
    )
    baseline = make.wave(project, 0, label="Baseline")
    follow_up = make.wave(project, 1, label="Follow-up")
    respond_many(app, instrument, baseline, "customer", CUSTOMER_PAIRS)
    respond_many(app, instrument, baseline, "employee", EMPLOYEE_PAIRS)
    respond_many(app, instrument, follow_up, "customer", CUSTOMER_PAIRS)
    checklist = make.checklist_instrument(make.touchpoint(project, name="Counter"))
    with app.app_context():
        db.session.add(
            Measure(touchpoint_id=touchpoint.id, title="Call-back booking", cluster="it_support")
        )
        db.session.commit()
    return ExportProject(project, touchpoint, instrument, checklist, baseline, follow_up, client)


def open_workbook(data: bytes | str):
    """Open as a consultant's Excel would: the full reader (charts included), not read-only."""
    return load_workbook(BytesIO(data) if isinstance(data, bytes) else data)


def rows_of(sheet, header_row: int = 1) -> list[dict]:
    rows = list(sheet.iter_rows(min_row=header_row, values_only=True))
    header = rows[0]
    return [
        dict(zip(header, row, strict=True)) for row in rows[1:] if any(v is not None for v in row)
    ]
