"""The Codebook sheet: for every Responses column its item id, question texts and answer codes."""

from __future__ import annotations

from flask_babel import gettext as _

from surveyor.export.response_rows import plan_responses
from surveyor.export.scope import ExportContext
from surveyor.export.stream import add_sheet
from surveyor.export.table import Column, finish_table, start_table
from surveyor.labels import item_type_label, kano_answer_codes, localized
from surveyor.services.export_safety import safe_cell
from surveyor.services.kano_answers import IMPORTANCE_RANGE, SCALES


def columns(context: ExportContext) -> list[Column]:
    return [
        Column(_("Column"), width=26),
        Column(_("Touchpoint"), width=24),
        Column(_("Instrument"), width=22),
        Column(_("Item id"), width=16),
        Column(_("Type"), width=14),
        Column(_("Section"), width=16),
        Column(_("Text"), width=60),
        Column(_("Dysfunctional question"), width=60),
        Column(_("Answer codes"), width=60),
    ]


def build(workbook, context: ExportContext, progress) -> None:
    plan = context.extras.setdefault("response_plan", plan_responses(context))
    sheet = add_sheet(workbook, _("Codebook"))
    table = columns(context)
    start_table(sheet, table)
    for column in plan.columns:
        item = column.item
        sheet.append(
            [
                column.header,
                safe_cell(localized(column.instrument.touchpoint)),
                safe_cell(column.instrument.name),
                safe_cell(item.key),
                item_type_label(item.item_type),
                safe_cell(localized(item, "section")),
                safe_cell(item.text(context.lang)),
                (
                    safe_cell(item.negative_text(context.lang))
                    if column.part == "dysfunctional"
                    else None
                ),
                codes(context, column),
            ]
        )
    finish_table(sheet, table)


def codes(context: ExportContext, column) -> str | None:
    """The answer codes of a column in words, from the item type and its settings."""
    item = column.item
    if column.part in ("functional", "dysfunctional"):
        return kano_answer_codes()
    if column.part == "importance":
        low, high = IMPORTANCE_RANGE
        return f"{low}-{high}: " + _("1 not important ... 9 very important")
    if column.part == "channels":
        return _("comma-separated channels")
    settings = item.settings or {}
    if item.item_type == "yes_no":
        return _("1 yes; 0 no")
    if item.item_type == "choice":
        options = settings.get("options") or []
        lang = context.lang
        return safe_cell(
            "; ".join(
                f"{o.get('value')} {o.get(f'label_{lang}') or o.get('label_en') or ''}".strip()
                for o in options
            )
        )
    if item.item_type in SCALES:
        low, high = SCALES[item.item_type]
        return f"{low}-{high}"
    if item.item_type == "scale":
        return f"{settings.get('min', 1)}-{settings.get('max', 5)}"
    if column.part == "text":
        return _("free text")
    return None
