"""Kano results for consultants and client viewers: the feature table, the chart, the gap view.

Read-only pages, so viewers (a client's read-only access) see them too; tenancy decides what a
user may open. The numbers come from :mod:`surveyor.services.results.kano_results`.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_babel import format_decimal, get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from surveyor.labels import RESULT_GROUPS
from surveyor.models import Instrument, Wave
from surveyor.services import tenancy
from surveyor.services.results import kano_results
from surveyor.web.charts import BetterWorseLabels, ScatterPoint, better_worse_scatter

bp = Blueprint("kano_results", __name__)

# Customers first and by default: they are whom the touchpoint serves. Employees are a comparison
# (see the gap view), and mixing both ("all") would blur exactly the misjudgements it shows.
DEFAULT_GROUP = "customer"


@bp.context_processor
def labels() -> dict:
    return {"group_labels": RESULT_GROUPS}


@bp.get("/instruments/<int:instrument_id>/results")
def show(instrument_id: int):
    instrument = _kano_instrument(instrument_id)
    answered = kano_results.responses_per_wave(instrument.id)
    wave = _chosen_wave(instrument, answered)
    group = request.args.get("group") or DEFAULT_GROUP
    if group not in RESULT_GROUPS:
        abort(400, _("Choose customers, employees or all respondents."))
    results = []
    if wave is not None:
        results = kano_results.feature_results(
            instrument, wave, None if group == "all" else group, str(get_locale())
        )
    return render_template(
        "kano_results/show.html",
        instrument=instrument,
        wave=wave,
        group=group,
        answered=answered,
        results=results,
        chart=_chart(instrument, wave, group, results) if wave else None,
    )


@bp.get("/instruments/<int:instrument_id>/gaps")
def gaps(instrument_id: int):
    instrument = _kano_instrument(instrument_id)
    answered = kano_results.responses_per_wave(instrument.id)
    wave = _chosen_wave(instrument, answered)
    found = kano_results.feature_gaps(instrument, wave, str(get_locale())) if wave else []
    return render_template(
        "kano_results/gaps.html",
        instrument=instrument,
        wave=wave,
        answered=answered,
        gaps=found,
        chart=_gap_chart(instrument, wave, found) if wave else None,
    )


def _kano_instrument(instrument_id: int) -> Instrument:
    instrument = tenancy.get_instrument(current_user, instrument_id)
    if instrument.kind != "kano":
        abort(404)
    return instrument


def _chosen_wave(instrument: Instrument, answered: dict[int, dict[str, int]]) -> Wave | None:
    """The wave in ``?wave=``, else the newest wave with answers, else the newest wave."""
    waves = instrument.touchpoint.project.waves
    raw = request.args.get("wave")
    if raw is None or raw == "":
        with_answers = [wave for wave in waves if wave.id in answered]
        return (with_answers or waves or [None])[-1]
    if not (raw.isascii() and raw.isdigit()):
        abort(400, _("The wave must be given by its number."))
    wave = next((wave for wave in waves if wave.id == int(raw)), None)
    if wave is None:
        abort(404)
    return wave


def _chart(instrument, wave, group, results) -> Markup:
    points = [
        ScatterPoint(str(r.position), r.kano.better, r.kano.worse, r.kano.category, r.text)
        for r in results
        if r.kano.better is not None
    ]
    return better_worse_scatter(
        points,
        title=_("Better/worse chart: %(name)s, %(wave)s", name=instrument.name, wave=wave.label),
        description=ngettext(
            "%(num)s feature (%(group)s). Horizontal: dissatisfaction if the feature is "
            "missing; vertical: satisfaction if it is present. Numbers refer to the table.",
            "%(num)s features (%(group)s). Horizontal: dissatisfaction if the feature is "
            "missing; vertical: satisfaction if it is present. Numbers refer to the table.",
            len(points),
            group=RESULT_GROUPS[group],
        ),
        labels=_chart_labels(),
    )


def _gap_chart(instrument, wave, found) -> Markup:
    points = []
    for number, gap in enumerate(found, start=1):
        for prefix, side in ((_("C"), gap.customers), (_("E"), gap.employees)):
            if side.kano.better is not None:
                points.append(
                    ScatterPoint(
                        f"{prefix}{number}",
                        side.kano.better,
                        side.kano.worse,
                        side.kano.category,
                        gap.text,
                    )
                )
    return better_worse_scatter(
        points,
        title=_(
            "Employees and customers: %(name)s, %(wave)s", name=instrument.name, wave=wave.label
        ),
        description=_(
            "C marks what customers answered, E what employees answered; numbers refer to the "
            "table, where the largest disagreements come first."
        ),
        labels=_chart_labels(),
    )


def _chart_labels() -> BetterWorseLabels:
    return BetterWorseLabels(
        x_axis=_("Dissatisfaction if missing (|worse|)"),
        y_axis=_("Satisfaction if present (better)"),
        basic=_("Basic"),
        performance=_("Performance"),
        delighter=_("Delighter"),
        indifferent=_("Indifferent"),
        decimal_comma=format_decimal(0.5) == "0,5",
    )
