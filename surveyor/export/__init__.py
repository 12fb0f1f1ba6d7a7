"""Excel workbooks for clients: one builder per sheet, streamed in openpyxl's write-only mode.

:func:`surveyor.export.workbook.build_workbook` is the entry point for the CLI and the
background job (:mod:`surveyor.services.exports`).
"""
