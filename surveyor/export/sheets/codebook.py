"""The Codebook sheet: for every Responses column its item id, question texts and answer codes."""

from __future__ import annotations

from flask_babel import gettext as _

from surveyor.export.content import ResponseColumn, WorkbookContent
from surveyor.export.safety import safe_cell
from surveyor.export.table import Column, write_table
from surveyor.labels import item_type_label, kano_answer_codes


def columns() -> list[Column]:
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


def build(workbook, content: WorkbookContent, progress) -> None:
    rows = (_row(column, content.lang) for column in content.responses.columns)
    write_table(workbook, _("Codebook"), columns(), rows)


def _row(column: ResponseColumn, lang: str) -> list:
    return [
        column.header,
        safe_cell(column.touchpoint),
        safe_cell(column.instrument),
        safe_cell(column.key),
        item_type_label(column.item_type),
        safe_cell(column.section),
        safe_cell(column.text),
        safe_cell(column.dysfunctional_text) if column.part == "dysfunctional" else None,
        codes(column, lang),
    ]


def codes(column: ResponseColumn, lang: str) -> str | None:
    """The answer codes of a column in words, from the item type and its settings."""
    if column.part in ("functional", "dysfunctional"):
        return kano_answer_codes()
    if column.part == "importance":
        low, high = column.value_range
        return f"{low}-{high}: " + _("1 not important ... 9 very important")
    if column.part == "channels":
        return _("comma-separated channels")
    if column.item_type == "yes_no":
        return _("1 yes; 0 no")
    if column.item_type == "choice":
        return safe_cell(
            "; ".join(
                f"{o.get('value')} {o.get(f'label_{lang}') or o.get('label_en') or ''}".strip()
                for o in column.options
            )
        )
    if column.value_range is not None:
        low, high = column.value_range
        return f"{low}-{high}"
    if column.part == "text":
        return _("free text")
    return None
