"""The words of a client deck: labels, the plain sentences about changes, and the methods.

Consultants present trends by saying what changed, so significant changes, Kano drift and the
go-live of measures become sentences rather than a table of p-values. Everything here uses
Flask-Babel in the locale the caller forced (:func:`surveyor.services.reports.decks.build_deck`),
and numbers in text are formatted for that language (3,32 in German).
"""

from __future__ import annotations

from flask_babel import format_date, format_decimal
from flask_babel import gettext as _

from surveyor.labels import kano_category_label, trend_label
from surveyor.services.results.trend_series import Series
from surveyor.services.results.trends import MeasureEffect, TouchpointTrend

NUMBER_FORMATS = {"percent": "#,##0.0", "mean": "#,##0.00", "nps": "#,##0"}


def category(code: str) -> str:
    """Berger et al.'s name of a Kano category, as the results pages write it."""
    return kano_category_label(code)


def indicator(name: str) -> str:
    """A trend series' name as the trends page writes it (surveyor.labels.TREND_NAMES)."""
    return trend_label(name)


def number(value: float, pattern: str = "#,##0.00") -> str:
    """``value`` written for the deck's language: 3.32 in English, 3,32 in German."""
    return format_decimal(value, format=pattern)


def p_value(p: float) -> str:
    """ "p = 0.008", or "p < 0.001" rather than a p of zero."""
    if p < 0.001:
        return f"p < {number(0.001, '0.000')}"
    return f"p = {number(p, '0.000')}"


def trend_sentences(trend: TouchpointTrend, effects: list[MeasureEffect]) -> list[str]:
    """Measures' go-live, then significant changes between waves, then Kano drift."""
    labels = {wave.id: wave.label for wave in trend.waves}
    changes = []
    for series in [trend.index, *trend.checklist[:1], *trend.scales]:
        changes.extend(_changes(series, labels))
    for alert in trend.alerts:
        drift = alert.drift
        changes.append(
            _(
                "Kano drift: “%(feature)s” moved from %(before)s to %(after)s in %(wave)s "
                "(compared with %(since)s; %(p)s).",
                feature=alert.feature.text,
                before=category(drift.before),
                after=category(drift.after),
                wave=alert.wave_label,
                since=_("the previous wave") if alert.since == "previous" else _("the baseline"),
                p=p_value(drift.test.p_value),
            )
        )
    measures = [_measure(effect, labels) for effect in effects]
    return measures + (changes or [_("No significant changes between the waves.")])


def _measure(effect: MeasureEffect, labels: dict[int, str]) -> str:
    measure = effect.measure
    if measure.go_live is None:
        return _("Measure “%(title)s” has no go-live date yet.", title=measure.title)
    when = format_date(measure.go_live, "medium")
    if effect.before is not None and effect.after is not None:
        return _(
            "Measure “%(title)s” went live on %(date)s, between %(before)s and %(after)s.",
            title=measure.title,
            date=when,
            before=labels.get(effect.before.id, effect.before.label),
            after=labels.get(effect.after.id, effect.after.label),
        )
    return _("Measure “%(title)s” went live on %(date)s.", title=measure.title, date=when)


def _changes(series: Series, labels: dict[int, str]) -> list[str]:
    """One sentence per significant change against the previous wave with data."""
    found = []
    pattern = NUMBER_FORMATS.get(series.scale, "#,##0.00")
    before = None
    for point in series.points:
        if point.value is None:
            continue
        test = point.previous
        if before is not None and test is not None and test.significant:
            found.append(
                _(
                    "%(indicator)s changed significantly from %(before)s in %(first)s to "
                    "%(after)s in %(second)s (%(p)s).",
                    indicator=indicator(series.name),
                    before=number(before.value, pattern),
                    first=labels[before.wave_id],
                    after=number(point.value, pattern),
                    second=labels[point.wave_id],
                    p=p_value(test.p_value),
                )
            )
        before = point
    return found


def methods() -> list[str]:
    return [
        _(
            "Kano questionnaires: each feature's pair of answers is classified with the Kano "
            "evaluation table; the category is the most frequent one. Better = (A+O)/(A+O+M+I), "
            "worse = -(O+M)/(A+O+M+I) (Berger et al. 1993). Customers' answers only."
        ),
        _(
            "Mystery shopping: points earned divided by points possible over all approved "
            "shops (pooled); items answered N/A do not count. Competitor locations are the "
            "benchmark."
        ),
        _(
            "Touchpoint index (0-100): the mean of the checklist score and CSAT rescaled from "
            "1-5 to 0-100."
        ),
        _(
            "CSAT, CES, NPS and contacts: customers' answers to the standard questions of "
            "each touchpoint."
        ),
    ]


def tests_used() -> list[str]:
    return [
        _(
            "Each wave is compared with the previous wave with data; a change is called "
            "significant at p < 0.05."
        ),
        _("Checklist scores and shares: two-proportion z-test (on points, an approximation)."),
        _("CSAT, CES and contacts: Welch's t-test."),
        _("NPS: z-test with multinomial standard errors."),
        _("Kano category drift: Pearson's chi-square test of homogeneity."),
    ]
