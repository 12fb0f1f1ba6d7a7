"""One builder per sheet; each takes the workbook, the export context and a progress callback."""
