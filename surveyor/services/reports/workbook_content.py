"""Everything a workbook shows, read from the result services into plain data for the writer.

Nothing is recomputed here: Kano figures come from :func:`kano_results.results_by_wave` and
:func:`kano_results.feature_gaps`, mystery-shopping scores from :func:`checklist_results.scores`
(approved shops only), the touchpoint index and the standard questions from :mod:`trends`, the
locations' ranking from :mod:`surveyor.services.locations.results`, so a figure in the workbook
equals the page's and the deck's. The Responses sheet's rows are not read here but streamed
while the sheet is written (:mod:`~surveyor.services.reports.response_rows`).
Call inside one snapshot and ``force_locale`` of the workbook's language
(:func:`surveyor.services.reports.workbooks.build_workbook` does).
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import get_locale
from sqlalchemy import func, select

from surveyor.export.content import (
    KanoInstrument,
    MeasureInfo,
    MysteryRow,
    TouchpointInfo,
    WaveInfo,
    WorkbookContent,
)
from surveyor.extensions import db
from surveyor.labels import localized
from surveyor.models import Instrument, InstrumentVersion, Measure, Response, Touchpoint
from surveyor.services.cases.metrics import loop_report
from surveyor.services.pilots.effects import METHOD
from surveyor.services.pilots.table import pilot_rows
from surveyor.services.reports.location_rows import location_sheet
from surveyor.services.reports.response_rows import response_sheet
from surveyor.services.reports.scope import ExportContext, ExportScope, instruments, load_context
from surveyor.services.results import checklist_results, trends
from surveyor.services.results.checklist_results import ScoreRow
from surveyor.services.results.kano_results import feature_gaps, results_by_wave
from surveyor.services.scorecards.table import scorecard_rows
from surveyor.services.workshops.report import for_project as workshop_reports

KANO_GROUPS = ("customer", "employee")
MYSTERY_BASE = ("touchpoint", "location", "wave")
MYSTERY_LEVELS = (None, "section", "kano")
"""The Mystery shopping sheet's rows per touchpoint, location and wave: overall, then sections
and Kano tags."""


def assemble(scope: ExportScope) -> WorkbookContent:
    """The workbook of ``scope`` as plain data; the response rows are read when written."""
    context = load_context(scope)
    project = context.project
    wave_ids = context.wave_ids
    return WorkbookContent(
        lang=scope.lang,
        client=project.client.name,
        project=project.name,
        exported_at=datetime.now(UTC).replace(tzinfo=None, microsecond=0),
        waves=[WaveInfo(wave.id, wave.sequence, wave.label) for wave in context.waves],
        touchpoints=[_touchpoint(touchpoint) for touchpoint in context.touchpoints],
        response_counts=response_counts(context),
        touchpoint_index=trends.touchpoint_index(project.id, wave_ids),
        kano=[_kano(context, instrument) for instrument in instruments(context, "kano")],
        mystery=_mystery(context),
        checklist_scores=checklist_by_touchpoint_and_wave(context),
        standard_questions=trends.standard_question_series(project.id, wave_ids)
        if wave_ids
        else {},
        measures=_measures(context),
        responses=response_sheet(context),
        pilots=pilot_rows(context.touchpoint_ids),
        pilot_method=str(METHOD),
        scorecard=_scorecard(context),
        **_loop(context),
        workshops=workshop_reports(context.project),
        locations=location_sheet(context),
    )


def _scorecard(context: ExportContext) -> list:
    """The scorecard of the newest measured wave of the scope, in the workbook's language."""
    measured = [wave for wave in context.waves if wave.status != "planned"]
    wave_id = measured[-1].id if measured else None
    return scorecard_rows(context.project, wave_id, str(get_locale() or "en"))


def _loop(context: ExportContext) -> dict:
    report = loop_report(context.project)
    rows = [*report.total, *report.by_touchpoint, *report.by_location, *report.by_wave]
    return {"loop_rows": rows, "loop_effects": list(report.effects)}


def response_counts(context: ExportContext) -> dict[tuple[int, int, str], int]:
    """Responses per (touchpoint, wave, group): one GROUP BY over the chosen scope."""
    query = (
        select(
            Instrument.touchpoint_id,
            Response.wave_id,
            Response.respondent_group,
            func.count(Response.id),
        )
        .join(InstrumentVersion, InstrumentVersion.id == Response.version_id)
        .join(Instrument, Instrument.id == InstrumentVersion.instrument_id)
        .where(
            Instrument.touchpoint_id.in_(context.touchpoint_ids),
            Response.wave_id.in_(context.wave_ids),
        )
        .group_by(Instrument.touchpoint_id, Response.wave_id, Response.respondent_group)
    )
    return {(tp, wave, group): n for tp, wave, group, n in db.session.execute(query)}


def checklist_by_touchpoint_and_wave(context: ExportContext) -> dict[tuple[int, int], ScoreRow]:
    """The overall checklist score of every touchpoint and chosen wave with approved shops."""
    if not context.waves:
        return {}
    rows = checklist_results.scores(
        context.project.id, ("touchpoint", "wave"), wave_ids=context.wave_ids
    )
    return {(row.key[0], row.key[1]): row for row in rows}


def _touchpoint(touchpoint: Touchpoint) -> TouchpointInfo:
    phase = localized(touchpoint.phase) if touchpoint.phase else None
    return TouchpointInfo(
        touchpoint.id, localized(touchpoint), phase, touchpoint.channel, touchpoint.weight
    )


def _kano(context: ExportContext, instrument: Instrument) -> KanoInstrument:
    """Both groups' results in every wave (Kano and Trends sheets) and the gaps (Gaps sheet)."""
    return KanoInstrument(
        touchpoint=localized(instrument.touchpoint),
        name=instrument.name,
        results={
            group: results_by_wave(instrument, context.wave_ids, group, context.lang)
            for group in KANO_GROUPS
        },
        gaps={wave.id: feature_gaps(instrument, wave, context.lang) for wave in context.waves},
    )


def _mystery(context: ExportContext) -> list[MysteryRow]:
    """Every level's scores in the chosen touchpoints, in the order the sheet lists them."""
    touchpoints = set(context.touchpoint_ids)
    found = []
    for level in MYSTERY_LEVELS:
        by = MYSTERY_BASE + ((level,) if level else ())
        for row in checklist_results.scores(context.project.id, by, wave_ids=context.wave_ids):
            if row.key[0] in touchpoints:
                found.append((level, row))
    order = {tid: index for index, tid in enumerate(context.touchpoint_ids)}
    sequence = {wave.id: wave.sequence for wave in context.waves}
    found.sort(
        key=lambda lr: (
            order[lr[1].key[0]],
            str(lr[1].label[1]),
            sequence.get(lr[1].key[2], 0),
            MYSTERY_LEVELS.index(lr[0]),
            str(lr[1].label[3]) if lr[0] else "",
        )
    )
    competitors = {lid for lid, location in context.locations.items() if location.is_competitor}
    return [MysteryRow(level, row, row.key[1] in competitors) for level, row in found]


def _measures(context: ExportContext) -> list[MeasureInfo]:
    """The improvement actions of the chosen touchpoints, in journey order."""
    names = {touchpoint.id: localized(touchpoint) for touchpoint in context.touchpoints}
    order = {tid: index for index, tid in enumerate(context.touchpoint_ids)}
    measures = db.session.scalars(
        select(Measure).where(Measure.touchpoint_id.in_(context.touchpoint_ids))
    ).all()
    return [
        MeasureInfo(
            touchpoint=names[measure.touchpoint_id],
            title=localized(measure, "title"),
            description=measure.description,
            cluster=measure.cluster,
            owner=measure.owner,
            due_date=measure.due_date,
            go_live=measure.go_live,
            status=measure.status,
        )
        for measure in sorted(measures, key=lambda m: (order[m.touchpoint_id], m.id))
    ]
