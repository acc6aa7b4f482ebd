"""The Excel workbook writer (fieldapp/export/xlsx_book.py), read back by openpyxl: every value comes
back with its type, awkward text exactly as written, dates as UTC dates, the header bold and frozen."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

from openpyxl import load_workbook

from fieldapp.export.xlsx_book import CELL_CHARS, Book, column_letters, excel_serial

AWKWARD = [
    "a & b < c > d",
    "  leading and trailing  ",
    "line one\nline two\ttab",
    "\ue000 the writer's own separator",
    "=1+1",
    "https://example.org",
    "Ωmega, ĳs, 🙂",
]


def _book(rows: list[list[object]], kinds: list[str], formats: list[str | None]) -> bytes:
    out = io.BytesIO()
    book = Book(out, ("0.00", "yyyy-mm-dd hh:mm:ss", "yyyy-mm-dd"))
    book.sheet("first", [f"col{c}" for c in range(len(kinds))], kinds, formats, rows)  # type: ignore[arg-type]
    book.sheet("second & more", ["only"], ["text"], [None], [["x"]])
    book.close()
    return out.getvalue()


def test_every_value_reads_back_with_its_type() -> None:
    rows: list[list[object]] = [[text, n, n / 4, "2026-03-01T10:15:30+01:00", "2026-03-01"]
                                for n, text in enumerate(AWKWARD)]
    rows += [[None, True, float("nan"), None, None], ["", 1, float("inf"), "2026-03-01T09:15:30Z", ""],
             ["x" * (CELL_CHARS + 10), False, 1.0, None, None], ["B12L", 0, 0.1 + 0.2, None, None]]
    wb = load_workbook(io.BytesIO(_book(rows, ["text", "text", "text", "datetime", "date"],
                                        [None, None, "0.00", "yyyy-mm-dd hh:mm:ss", "yyyy-mm-dd"])))
    assert wb.sheetnames == ["first", "second & more"]
    ws = wb["first"]
    assert ws.freeze_panes == "A2" and all(c.font.bold for c in ws[1])
    assert [c.value for c in ws[1]] == ["col0", "col1", "col2", "col3", "col4"]
    assert (ws.max_row, ws.max_column) == (len(rows) + 1, 5)
    got = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    for n, text in enumerate(AWKWARD):
        assert got[n][:3] == [text, n, n / 4], n
        assert ws.cell(n + 2, 1).data_type == "s" and ws.cell(n + 2, 3).number_format == "0.00"
        assert got[n][3] == datetime(2026, 3, 1, 9, 15, 30)  # UTC, as the header says
        assert got[n][4] == datetime(2026, 3, 1) and ws.cell(n + 2, 5).number_format == "yyyy-mm-dd"
    nan_row, inf_row, long_row, last = got[len(AWKWARD):]
    # an empty text is an empty cell; a boolean stays a boolean beside numbers 1 and 0 in the same column
    assert nan_row[0] is None and nan_row[1] is True and nan_row[2] == "#NUM!"
    assert inf_row[0] is None and inf_row[1] == 1 and inf_row[1] is not True and inf_row[2] == "#DIV/0!"
    assert inf_row[3] == datetime(2026, 3, 1, 9, 15, 30) and inf_row[4] is None
    assert long_row[0] == "x" * CELL_CHARS and long_row[1] is False and long_row[2] == 1
    assert last[0] == "B12L" and last[1] == 0 and last[1] is not False
    assert last[2] == 0.3  # 16 digits, as XlsxWriter wrote them
    assert wb["second & more"]["A2"].value == "x"


def test_a_column_of_repeated_and_new_values_keeps_each_in_its_row() -> None:
    # more rows than one chunk, a column of repeats and one of values that are all new
    rows: list[list[object]] = [[f"B{n % 7}", f"id-{n}", n % 3 * 0.5 or None] for n in range(12_345)]
    wb = load_workbook(io.BytesIO(_book(rows, ["text"] * 3, [None] * 3)), read_only=True)
    got = [list(r) for r in wb["first"].iter_rows(min_row=2, values_only=True)]
    assert got == rows


def test_the_package_names_its_parts_and_dates_count_as_excel_does() -> None:
    data = _book([["a"]], ["text"], [None])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        assert {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",
                "xl/worksheets/sheet2.xml"} <= names
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in z.infolist())  # the same data, the same file
        assert b'<dimension ref="A1:A2"/>' in z.read("xl/worksheets/sheet1.xml")
    # XML 1.0 cannot carry a control character: Excel's _xHHHH_ form, and a literal _xHHHH_ kept as typed
    with zipfile.ZipFile(io.BytesIO(_book([["bell \x07 and _x0041_"]], ["text"], [None]))) as z:
        assert "bell _x0007_ and _x005F_x0041_" in z.read("xl/sharedStrings.xml").decode()
    assert data == _book([["a"]], ["text"], [None])
    assert [column_letters(n) for n in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert excel_serial(date(1900, 2, 28)) == 59 and excel_serial(date(1900, 3, 1)) == 61  # Excel's 29 Feb 1900
    assert excel_serial(datetime(2026, 3, 1, 12)) == 46082.5
