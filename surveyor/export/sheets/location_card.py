"""The report card of a branch or a region as a workbook: its figures against the units it is
compared with (a branch: its region and the whole client; a region: the whole client), wave over
wave, one row per wave and metric, so Excel's filter picks a metric. A region's card adds its
branches in the newest wave.

Built in the request (a report card is a few dozen rows) in the reader's language from a
:class:`~surveyor.export.content.ReportCardContent`; cells that come from consultants' text go
through ``safe_cell``.
"""

from __future__ import annotations

import io

from flask_babel import gettext as _
from openpyxl import Workbook

from surveyor.export.content import CardScores, ReportCardContent
from surveyor.export.safety import safe_cell
from surveyor.labels import LOCATION_METRICS, kano_category_label


def report_card_workbook(card: ReportCardContent) -> bytes:
    """The workbook with the Report card sheet, the Kano features of the newest wave, and for
    a region its branches."""
    workbook = Workbook()
    sheet = workbook.active
    # A region's sheet is named like the page it comes from, not like a branch's card.
    sheet.title = (_("Region report card") if card.kind == "region" else _("Report card"))[:31]
    sheet.append([safe_cell(card.name), safe_cell(card.parent)])
    sheet.append([_("Minimum n for a rank"), card.min_n])
    sheet.append(_header(card))
    for row in card.waves:
        own, *others = row.units
        for metric in LOCATION_METRICS:
            line = [safe_cell(row.label), str(LOCATION_METRICS[metric]), *_cell(own, metric)]
            for scores in others:
                line += [_value(scores, metric), scores.size(metric) if scores else None]
            chosen = metric == card.metric
            sheet.append([*line, row.rank if chosen else None, row.ranked if chosen else None])
    sheet.freeze_panes = "A4"
    if card.waves and card.features:
        _kano_sheet(workbook.create_sheet(_("Kano by location")[:31]), card)
    if card.branches:
        _branch_sheet(workbook.create_sheet(_("Branches")[:31]), card)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _names() -> dict[str, tuple[str, str]]:
    """Each unit's column heading and the heading of its n."""
    return {
        "location": (_("Location"), "n"),
        "region": (_("Region"), _("Region n")),
        "client": (_("Client"), _("Client n")),
    }


def _header(card: ReportCardContent) -> list[str]:
    names = _names()
    own, *others = card.columns
    header = [_("Wave"), _("Metric"), names[own][0], _("95 % CI low"), _("95 % CI high"), "n"]
    for unit in others:
        header += list(names[unit])
    ranked = _("Ranked locations") if card.kind == "location" else _("Ranked regions")
    return [*header, _("Rank"), ranked]


def _cell(scores: CardScores | None, metric: str) -> list:
    if scores is None:
        return [None, None, None, 0]
    if metric == "index":
        return [scores.index, None, None, scores.size(metric)]
    estimate = getattr(scores, metric)
    if estimate is None:
        return [None, None, None, scores.size(metric)]
    return [estimate.value, estimate.low, estimate.high, estimate.n]


def _value(scores: CardScores | None, metric: str) -> float | None:
    return scores.value(metric) if scores is not None else None


def _kano_sheet(sheet, card: ReportCardContent) -> None:
    newest = card.waves[-1]
    sheet.append([safe_cell(newest.label)])
    names = _names()
    pairs = zip(card.columns, newest.units, strict=True)
    units = [(names[unit][0], scores) for unit, scores in pairs]
    header = [_("Feature")]
    for name, _scores in units:
        header += [
            f"{name}: {_('Category')}",
            f"{name}: {_('Better')}",
            f"{name}: {_('Worse')}",
            f"{name}: n",
        ]
    sheet.append(header)
    for key, text in card.features:
        line = [safe_cell(text)]
        for _name, scores in units:
            feature = scores.features.get(key) if scores else None
            if feature is None:
                line += [None, None, None, 0]
                continue
            line += [
                kano_category_label(feature.category),
                feature.better.value if feature.better else None,
                feature.worse.value if feature.worse else None,
                feature.n,
            ]
        sheet.append(line)


def _branch_sheet(sheet, card: ReportCardContent) -> None:
    """The region's branches, one row per branch and metric; ranks among all the client's
    branches by the card's metric, small samples marked as on the ranking page."""
    sheet.append([safe_cell(card.branches_wave), _("Ranked locations"), card.ranked_branches])
    sheet.append(
        [
            _("Location"),
            _("Code"),
            _("Metric"),
            _("Value"),
            _("95 % CI low"),
            _("95 % CI high"),
            "n",
            _("Rank"),
            _("Fewer than %(n)s answers", n=card.min_n),
        ]
    )
    for branch in card.branches:
        for metric in LOCATION_METRICS:
            chosen = metric == card.metric
            sheet.append(
                [
                    safe_cell(branch.name),
                    safe_cell(branch.code),
                    str(LOCATION_METRICS[metric]),
                    *_cell(branch.scores, metric),
                    branch.rank if chosen else None,
                    (_("yes") if branch.small else _("no")) if chosen else None,
                ]
            )
    sheet.freeze_panes = "A3"
