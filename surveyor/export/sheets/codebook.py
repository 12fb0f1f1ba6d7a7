"""The Codebook sheet: for every Responses column its item id, question texts and answer codes."""

from __future__ import annotations

from surveyor.export.response_rows import plan_responses
from surveyor.export.scope import ExportContext
from surveyor.export.stream import add_sheet
from surveyor.export.table import Column, finish_table, start_table
from surveyor.services.export_safety import safe_cell
from surveyor.services.kano_answers import IMPORTANCE_RANGE, SCALES


def columns(context: ExportContext) -> list[Column]:
    t = context.labels
    return [
        Column(t("column"), width=26),
        Column(t("touchpoint"), width=24),
        Column(t("instrument"), width=22),
        Column(t("item_key"), width=16),
        Column(t("item_type"), width=14),
        Column(t("section"), width=16),
        Column(t("text"), width=60),
        Column(t("negative_text"), width=60),
        Column(t("codes"), width=60),
    ]


def build(workbook, context: ExportContext, progress) -> None:
    t = context.labels
    plan = context.extras.setdefault("response_plan", plan_responses(context))
    sheet = add_sheet(workbook, t("sheet.codebook"))
    table = columns(context)
    start_table(sheet, table)
    for column in plan.columns:
        item = column.item
        sheet.append(
            [
                column.header,
                safe_cell(column.instrument.touchpoint.name),
                safe_cell(column.instrument.name),
                safe_cell(item.key),
                item.item_type,
                safe_cell(item.section),
                safe_cell(item.text(t.lang)),
                safe_cell(item.negative_text(t.lang)) if column.part == "dysfunctional" else None,
                codes(context, column),
            ]
        )
    finish_table(sheet, table)


def codes(context: ExportContext, column) -> str | None:
    """The answer codes of a column in words, from the item type and its settings."""
    t = context.labels
    item = column.item
    if column.part in ("functional", "dysfunctional"):
        return t("codes.kano")
    if column.part == "importance":
        return f"{IMPORTANCE_RANGE[0]}-{IMPORTANCE_RANGE[1]}: {t('codes.importance')}"
    if column.part == "channels":
        return t("codes.channels")
    settings = item.settings or {}
    if item.item_type == "yes_no":
        return t("codes.yes_no")
    if item.item_type == "choice":
        options = settings.get("options") or []
        return safe_cell(
            "; ".join(
                f"{o.get('value')} {o.get(f'label_{t.lang}') or o.get('label_en') or ''}".strip()
                for o in options
            )
        )
    if item.item_type in SCALES:
        low, high = SCALES[item.item_type]
        return f"{low}-{high}"
    if item.item_type == "scale":
        return f"{settings.get('min', 1)}-{settings.get('max', 5)}"
    if column.part == "text":
        return t("codes.text")
    return None
