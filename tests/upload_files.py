"""Hostile upload files shared by the upload tests."""

from __future__ import annotations

import io
import zipfile


def zip_bomb(unpacked_mb: int = 41) -> bytes:
    """A ~40 kB "workbook" whose one sheet unpacks to ``unpacked_mb`` MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (unpacked_mb * 1024 * 1024))
    return buffer.getvalue()
