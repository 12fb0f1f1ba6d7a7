"""The numbers of a client deck, taken from the services the workbook and the web pages use.

Nothing is recomputed here: Kano rows come from :func:`kano_results.results_by_wave` (as on the
workbook's Kano and Trends sheets), checklist scores from :mod:`checklist_results` (Mystery
shopping and Trends sheets), CSAT/CES/NPS/contacts from :func:`trends.standard_question_series`,
sample sizes from the Overview sheet's :func:`.workbook_content.response_counts`, and the
sentences about changes from :func:`trends.touchpoint_trend`. So a figure on a slide equals the
workbook's for the same :class:`~surveyor.services.reports.scope.ExportScope`. Call inside
``force_locale`` of the deck's language.
"""

from __future__ import annotations

from surveyor.deck.content import (
    Bar,
    ChecklistBlock,
    DeckContent,
    JourneyRow,
    KanoBlock,
    KanoRow,
    Line,
    SampleRow,
    ScaleBlock,
    TouchpointContent,
    TrendBlock,
)
from surveyor.export.table import fraction
from surveyor.labels import localized
from surveyor.models import Instrument, Touchpoint
from surveyor.services.reports import deck_sentences
from surveyor.services.reports.scope import ExportContext, instruments, load_context
from surveyor.services.reports.workbook_content import (
    checklist_by_touchpoint_and_wave,
    response_counts,
)
from surveyor.services.results import checklist_results, trends
from surveyor.services.results.kano_results import FeatureResult, results_by_wave
from surveyor.services.results.trend_series import scale_counts


def assemble(scope) -> DeckContent:
    """Everything the deck of ``scope`` shows, per touchpoint in journey order."""
    context = load_context(scope)
    project = context.project
    wave_ids = context.wave_ids
    scores = checklist_by_touchpoint_and_wave(context)
    scales = trends.standard_question_series(project.id, wave_ids) if wave_ids else {}
    counts = scale_counts(project.id, wave_ids)  # once, not once per touchpoint's trend
    kano_by_touchpoint: dict[int, list[Instrument]] = {}
    for instrument in instruments(context, "kano"):
        kano_by_touchpoint.setdefault(instrument.touchpoint_id, []).append(instrument)
    touchpoints = [
        _touchpoint(
            context, touchpoint, kano_by_touchpoint.get(touchpoint.id, []), scores, scales, counts
        )
        for touchpoint in context.touchpoints
    ]
    return DeckContent(
        lang=scope.lang,
        client=project.client.name,
        project=project.name,
        waves=[wave.label for wave in context.waves],
        journey=[_journey_row(touchpoint) for touchpoint in context.touchpoints],
        touchpoints=touchpoints,
        samples=_samples(context, scores),
        methods=deck_sentences.methods(),
        tests=deck_sentences.tests_used(),
    )


def _journey_row(touchpoint: Touchpoint) -> JourneyRow:
    phase = localized(touchpoint.phase) if touchpoint.phase else ""
    return JourneyRow(phase, localized(touchpoint), touchpoint.channel, touchpoint.weight)


def _touchpoint(
    context: ExportContext,
    touchpoint: Touchpoint,
    kano: list,
    scores: dict,
    scales: dict,
    counts: dict,
) -> TouchpointContent:
    content = TouchpointContent(localized(touchpoint))
    kano_lines = []
    for instrument in kano:
        by_wave = results_by_wave(instrument, context.wave_ids, "customer", context.scope.lang)
        block = _kano_block(context, instrument, by_wave)
        if block is not None:
            content.kano.append(block)
        kano_lines.extend(_kano_lines(context, by_wave))
    content.checklist = _checklist(context, touchpoint)
    series = scales.get(touchpoint.id, [])
    if series:
        content.scales = ScaleBlock(
            [wave.label for wave in context.waves],
            [
                (
                    deck_sentences.indicator(one.name),
                    [one.value_of(wave.id) for wave in context.waves],
                    [(one.point_of(wave.id) or _NO_POINT).n for wave in context.waves],
                )
                for one in series
            ],
        )
    score_lines = _score_lines(context, touchpoint, scores)
    if len(context.waves) > 1 and (kano_lines or score_lines or series):
        trend = trends.touchpoint_trend(touchpoint, context.scope.lang, context.waves, counts)
        content.trend = TrendBlock(
            [wave.label for wave in context.waves],
            kano_lines,
            score_lines,
            deck_sentences.trend_sentences(trend, trends.measure_effects(touchpoint, trend)),
        )
    return content


class _NoPoint:
    n = 0


_NO_POINT = _NoPoint()


def _kano_block(context: ExportContext, instrument, by_wave: dict) -> KanoBlock | None:
    """The newest wave with customers' answers, as the workbook's better/worse chart picks it."""
    measured = [
        wave
        for wave in context.waves
        if any(result.kano.better is not None for result in by_wave[wave.id])
    ]
    if not measured:
        return None
    wave = measured[-1]
    return KanoBlock(instrument.name, wave.label, [_kano_row(r) for r in by_wave[wave.id]])


def _kano_row(result: FeatureResult) -> KanoRow:
    kano = result.kano
    label = deck_sentences.category(kano.category) if kano.category else ""
    return KanoRow(result.key, result.text, kano.n, kano.category, label, kano.better, kano.worse)


def _kano_lines(context: ExportContext, by_wave: dict) -> list[Line]:
    """Better per feature and wave, as the Trends sheet's Kano rows."""
    if not context.waves:
        return []
    per_feature = zip(*(by_wave[wave.id] for wave in context.waves), strict=True)
    return [
        Line(f"{results[0].key}: {results[0].text}", [r.kano.better for r in results])
        for results in per_feature
        if any(r.kano.better is not None for r in results)
    ]


def _score_lines(context: ExportContext, touchpoint: Touchpoint, scores: dict) -> list[Line]:
    values = [_score(scores.get((touchpoint.id, wave.id))) for wave in context.waves]
    if all(value is None for value in values):
        return []
    return [Line(deck_sentences.indicator("Checklist score"), values)]


def _score(row) -> float | None:
    return fraction(row.percent) if row is not None else None


def _checklist(context: ExportContext, touchpoint: Touchpoint) -> ChecklistBlock | None:
    """Own against competitor locations in the newest chosen wave with approved shops."""
    project_id = context.project.id
    by_wave = {
        row.key[0]: row
        for row in checklist_results.scores(
            project_id, ("wave",), touchpoint_id=touchpoint.id, wave_ids=context.wave_ids
        )
    }
    measured = [w for w in context.waves if w.id in by_wave and by_wave[w.id].percent is not None]
    if not measured:
        return None
    wave = measured[-1]
    chosen = {"touchpoint_id": touchpoint.id, "wave_ids": [wave.id]}
    sides = checklist_results.own_and_competitors(project_id, **chosen)
    overall = Bar(
        deck_sentences.indicator("Checklist score"),
        _score(sides.get(False)),
        _score(sides.get(True)),
    )
    sections = [
        Bar(entry["label"] or "—", _score(entry["own"]), _score(entry["competitor"]))
        for entry in checklist_results.competitor_benchmark(project_id, "section", **chosen)
    ]
    own, rivals = checklist_results.locations(project_id, **chosen)
    locations = [Bar(row.label[0], _score(row), None) for row in own]
    locations += [Bar(row.label[0], None, _score(row)) for row in rivals]
    return ChecklistBlock(wave.label, overall, sections, locations)


def _samples(context: ExportContext, scores: dict) -> list[SampleRow]:
    """Responses per touchpoint and wave (the Overview sheet's counts) and approved shops."""
    counts = response_counts(context) if context.waves and context.touchpoints else {}
    rows = []
    for touchpoint in context.touchpoints:
        for wave in context.waves:
            customers = counts.get((touchpoint.id, wave.id, "customer"), 0)
            employees = counts.get((touchpoint.id, wave.id, "employee"), 0)
            shop_row = scores.get((touchpoint.id, wave.id))
            shops = shop_row.shops if shop_row else 0
            if customers or employees or shops:
                rows.append(
                    SampleRow(localized(touchpoint), wave.label, customers, employees, shops)
                )
    return rows
