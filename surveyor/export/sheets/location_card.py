"""The report card of one branch as a workbook sheet: its figures against its region and the
whole client, wave over wave, one row per wave and metric, so Excel's filter picks a metric.

Built in the request (a report card is a few dozen rows) in the reader's language; cells that
come from consultants' text go through ``safe_cell``.
"""

from __future__ import annotations

import io

from flask_babel import gettext as _
from openpyxl import Workbook

from surveyor.export.safety import safe_cell
from surveyor.labels import LOCATION_METRICS, kano_category_label
from surveyor.scoring.units import Estimate


def report_card_workbook(card) -> bytes:
    """The workbook with the Report card sheet (and the Kano features of the newest wave)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Report card")[:31]
    sheet.append(
        [safe_cell(card.location.name), safe_cell(card.region.name if card.region else "")]
    )
    sheet.append([_("Minimum n for a rank"), card.min_n])
    sheet.append(_header())
    for row in card.rows:
        for metric in LOCATION_METRICS:
            own = _cell(row.location, metric)
            sheet.append(
                [
                    safe_cell(row.wave.label),
                    str(LOCATION_METRICS[metric]),
                    *own,
                    _value(row.region, metric),
                    row.region.size(metric) if row.region else None,
                    _value(row.client, metric),
                    row.client.size(metric),
                    row.rank if metric == card.metric else None,
                    row.ranked if metric == card.metric else None,
                ]
            )
    sheet.freeze_panes = "A4"
    if card.rows and card.features:
        _kano_sheet(workbook.create_sheet(_("Kano by location")[:31]), card)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header() -> list[str]:
    return [
        _("Wave"),
        _("Metric"),
        _("Location"),
        _("95 % CI low"),
        _("95 % CI high"),
        "n",
        _("Region"),
        _("Region n"),
        _("Client"),
        _("Client n"),
        _("Rank"),
        _("Ranked locations"),
    ]


def _cell(scores, metric: str) -> list:
    if metric == "index":
        return [scores.index, None, None, scores.size(metric)]
    estimate: Estimate | None = getattr(scores, metric)
    if estimate is None:
        return [None, None, None, scores.size(metric)]
    return [estimate.value, estimate.low, estimate.high, estimate.n]


def _value(scores, metric: str) -> float | None:
    return scores.value(metric) if scores is not None else None


def _kano_sheet(sheet, card) -> None:
    newest = card.rows[-1]
    sheet.append([safe_cell(newest.wave.label)])
    units = [
        (_("Location"), newest.location),
        (_("Region"), newest.region),
        (_("Client"), newest.client),
    ]
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
