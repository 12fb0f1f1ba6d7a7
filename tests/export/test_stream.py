"""The streaming sheet against the openpyxl it subclasses.

:class:`surveyor.export.stream.StreamingSheet` extends openpyxl's private write-only worksheet
and replaces its ``_write_rows`` generator, so setup.cfg allows only the openpyxl minor version
this test ran on. Raising that bound means running this test first: it writes every kind of
value the sheets write, with column styles, a header, a frozen pane and a filter, and reads the
file back with openpyxl's public reader.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from openpyxl import Workbook, load_workbook

from surveyor.export.stream import NUMBER_FORMATS, add_sheet


def test_a_streamed_sheet_reads_back_with_values_formats_and_header(tmp_path):
    workbook = Workbook(write_only=True)
    sheet = add_sheet(workbook, "Responses")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = "A1:F3"
    sheet.column_styles = [
        None,
        sheet.style_id(NUMBER_FORMATS["integer"]),
        sheet.style_id(NUMBER_FORMATS["percent"]),
        sheet.style_id(NUMBER_FORMATS["date"]),
        sheet.style_id(NUMBER_FORMATS["datetime"]),
        None,
    ]
    sheet.append_header(["Text", "Count", "Share", "Day", "Submitted", "Yes"])
    berlin = timezone(timedelta(hours=1))
    sheet.append(
        [" padded ", 3, 0.25, date(2026, 11, 20), datetime(2026, 11, 20, 11, tzinfo=berlin), True]
    )
    sheet.append(["=1+1", None, "", date(2026, 1, 1), datetime(2026, 1, 1, tzinfo=UTC), False])
    path = tmp_path / "stream.xlsx"
    workbook.save(path)

    read = load_workbook(path)["Responses"]
    assert [cell.value for cell in read[1]] == ["Text", "Count", "Share", "Day", "Submitted", "Yes"]
    assert read["A1"].font.bold
    first, second = ([cell.value for cell in row] for row in read.iter_rows(min_row=2))
    assert first == [" padded ", 3, 0.25, datetime(2026, 11, 20), datetime(2026, 11, 20, 10), True]
    assert second == ["=1+1", None, None, datetime(2026, 1, 1), datetime(2026, 1, 1), False]
    assert read["A3"].data_type == "s"  # text from respondents is never a formula
    assert [read[f"{column}2"].number_format for column in "BCDE"] == [
        "0",
        "0.0%",
        "yyyy-mm-dd",
        "yyyy-mm-dd hh:mm",
    ]
    assert read.freeze_panes == "A2"
    assert read.auto_filter.ref == "A1:F3"
    assert sheet.rows_written == 3 and sheet.header_row == 1
