"""Excel workbooks for clients: one writer per sheet, streamed in openpyxl's write-only mode.

This package only writes cells, charts and styles from a
:class:`~surveyor.export.content.WorkbookContent`; it runs no query and imports neither models nor
services. :func:`surveyor.services.reports.workbooks.build_workbook` reads the content and calls
:func:`surveyor.export.workbook.write_workbook`; the CLI and the background job call that service.
"""
