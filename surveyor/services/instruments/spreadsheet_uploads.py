"""Reading uploaded CSV and Excel lists: recipients, assignments, instrument templates.

Uploads are untrusted. An .xlsx file is a zip archive, and a few kilobytes can unpack into
gigabytes (a zip bomb) that openpyxl would inflate while reading. So the archive's directory is
checked before openpyxl opens anything: it must hold a workbook, few entries, and a declared
unpacked size within bounds. Python's zipfile never inflates an entry beyond its declared size,
so the declaration cannot be used to lie past the check.
"""

from __future__ import annotations

import contextlib
import csv
import io
import zipfile
from datetime import date, datetime

MAX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_ENTRIES = 200


# Marked for extraction only (N_): the message is translated where it is shown, in the
# reader's language, while this module stays free of a request.
def N_(message: str) -> str:
    return message


MESSAGES = {
    "not_excel": N_("The file is not a readable Excel workbook."),
    "too_large": N_("The workbook is too large when unpacked."),
    "not_csv": N_("The file is not a readable CSV file."),
    "nul": N_("The file contains a NUL character, which cannot be stored."),
}


class UnreadableSheet(ValueError):
    """The upload cannot be read; ``reason`` is a key of :data:`MESSAGES`."""

    def __init__(self, reason: str) -> None:
        super().__init__(MESSAGES[reason])
        self.reason = reason

    @property
    def message(self) -> str:
        return MESSAGES[self.reason]


def open_workbook(content: bytes, max_unpacked: int = MAX_UNPACKED_BYTES):
    """An openpyxl read-only workbook, after the archive passed the zip-bomb checks."""
    from openpyxl import load_workbook

    if not content.startswith(b"PK\x03\x04"):
        raise UnreadableSheet("not_excel")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            if "xl/workbook.xml" not in archive.namelist():
                raise UnreadableSheet("not_excel")
            unpacked = sum(entry.file_size for entry in entries)
            if len(entries) > MAX_ENTRIES or unpacked > max_unpacked:
                raise UnreadableSheet("too_large")
        return load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except UnreadableSheet:
        raise
    except Exception:  # zipfile and openpyxl raise many types for damaged files
        raise UnreadableSheet("not_excel") from None


def xlsx_rows(content: bytes, max_rows: int) -> list[list[str]]:
    """The first sheet's first ``max_rows`` rows as text."""
    workbook = open_workbook(content)
    try:
        sheet = workbook.worksheets[0]
        return [
            [cell_text(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True, max_row=max_rows)
        ]
    except Exception:  # a damaged sheet part fails only when read
        raise UnreadableSheet("not_excel") from None
    finally:
        workbook.close()


def csv_rows(content: bytes) -> list[list[str]]:
    """Rows of a CSV file in UTF-8 (with or without BOM) or Latin-1, with , ; or tab."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("latin-1")
    if "\x00" in text:  # Python's csv reads NUL since 3.11; PostgreSQL text cannot hold it
        raise UnreadableSheet("nul")
    dialect = csv.excel
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    try:
        return list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error:  # NUL bytes, a binary file renamed to .csv
        raise UnreadableSheet("not_csv") from None


def cell_text(cell: object) -> str:
    """A cell as the text a person typed: dates in ISO form, whole numbers without ``.0``."""
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)
