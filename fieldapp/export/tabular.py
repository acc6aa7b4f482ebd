"""CSV (one file per table, with a README) and Excel (one sheet per table)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.errors import ExportError
from fieldapp.export.atomic import Job
from fieldapp.export.columns import Kind
from fieldapp.export.data import ProjectData
from fieldapp.export.tables import TABLES, Column, Table

if TYPE_CHECKING:
    from rustpy_xlsxwriter import Format

README = "README.txt"
_FORMATS = {"datetime": "yyyy-mm-dd hh:mm:ss", "date": "yyyy-mm-dd"}
_CELL_TEXT_MAX = 32767  # characters: Excel's limit for the text of one cell
# day 0 of Excel's serial dates: 30 rather than 31 December 1899 makes up for the 29 February 1900 that Excel
# counts (as every spreadsheet does), so the days from March 1900 on come out right
_EXCEL_EPOCH = datetime(1899, 12, 30)
_EXCEL_EPOCH_UTC = _EXCEL_EPOCH.replace(tzinfo=UTC)
_DAY = timedelta(days=1)
_BATCH = 5000  # CSV rows per progress step


def write_csv(data: ProjectData, folder: Path, job: Job) -> None:
    """One UTF-8 CSV per table (comma, decimal point, ISO 8601) and a README of the columns."""
    for n, table in enumerate(TABLES):
        with (folder / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow([c.name for c in table.columns])
            # the records as they are, without a Python call per cell: the writer itself writes None as empty,
            # a float by repr() (shortest exact form, always with a decimal point) and the rest by str()
            records = table.records(data)
            while batch := list(islice(records, _BATCH)):
                job.step(n, len(TABLES))
                writer.writerows(batch)
    (folder / README).write_text(readme(data), encoding="utf-8")


def readme(data: ProjectData) -> str:
    p = data.project
    lines = [
        f"FieldApp export of project {p['code']}: {p['name']}",
        "",
        "One CSV file per table: UTF-8, comma-separated, first row the column names, decimal point,",
        "dates and times in ISO 8601 (times with their UTC offset), depths in metres below ground level",
        "(positive down), RD New coordinates (EPSG:28992) in metres. Empty means not recorded.",
        "Rows refer to each other by code and by FieldApp identifier (the *_id columns).",
        f"{MANIFEST_NOTE}",
        "",
    ]
    for table in TABLES:
        lines.append(f"{table.name}.csv: {table.doc}")
        width = max(len(c.name) for c in table.columns)
        lines.extend(f"  {c.name.ljust(width)}  {c.kind:<8}  {c.doc}" for c in table.columns)
        lines.append("")
    return "\n".join(lines)


MANIFEST_NOTE = "MANIFEST.sha256 holds the SHA-256 of every file; check it with: sha256sum -c MANIFEST.sha256"


def _excel_datetime(value: Any) -> float | None:
    if value is None or value == "":
        return None
    # a date in Excel is a number of days with a date format; written as that number, a time keeps its
    # milliseconds (the writer's own datetime cells keep whole seconds)
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    # Excel has no time zones: store UTC, and say so in the header
    return (moment - (_EXCEL_EPOCH_UTC if moment.tzinfo else _EXCEL_EPOCH)) / _DAY


def _excel_date(value: Any) -> float | None:
    if value is None or value == "":
        return None
    return float((date.fromisoformat(str(value)[:10]) - _EXCEL_EPOCH.date()).days)


_EXCEL_VALUES: dict[Kind, Callable[[Any], Any]] = {"datetime": _excel_datetime, "date": _excel_date}


def _number_format(column: Column) -> str | None:
    if column.kind in _FORMATS:
        return _FORMATS[column.kind]
    if column.name.endswith("_m"):
        return "0.00"
    if column.name in ("x_rd", "y_rd", "planned_x_rd", "planned_y_rd"):
        return "0.000"
    return None


def _header(column: Column) -> str:
    return f"{column.name} (UTC)" if column.kind == "datetime" else column.name


class _Sheet:
    """One table as the writer takes it a column at a time, in the shape of a pandas DataFrame: ``columns``,
    ``dtypes``, ``frame[header].tolist()`` and ``len(frame)`` are all it asks of one (rustpy-xlsxwriter 0.8).

    A list per column is half the Python work of a dict per row (0.3 s against 0.6 s for 10,000 boreholes);
    the writer reads it as fast and writes the same cells. It asks for a sheet's columns when it starts the
    sheet and drops them when it is done, so one table's lists are held at a time: references to values the
    project data holds anyway. No ``__arrow_c_stream__``, ``get_column`` or ``schema``: with those the writer
    would take it for an Arrow stream or a Polars frame.
    """

    def __init__(self, table: Table, data: ProjectData, job: Job, n: int, cut: bool) -> None:
        self.columns = [_header(column) for column in table.columns]  # the header row, also for no rows
        self.dtypes = [_ANY_TYPE] * len(self.columns)
        self._table, self._data, self._job, self._n, self._cut = table, data, job, n, cut
        self._lists: dict[str, list[Any]] | None = None
        self._count = 0

    def _start(self) -> dict[str, list[Any]]:
        if self._lists is None:
            self._job.step(self._n, len(TABLES))  # once per table, before its cells: where a cancel is heard
            lists = self._table.value_lists(self._data, _EXCEL_VALUES)
            if self._cut:
                lists = [list(map(_cut, values)) for values in lists]
            self._count = len(lists[0])
            self._lists = dict(zip(self.columns, lists, strict=True))
        return self._lists

    def __getitem__(self, header: str) -> _Column:
        return _Column(self._start().pop(header))  # popped: the writer holds the list, this sheet keeps nothing

    def __len__(self) -> int:
        self._start()
        return self._count


class _Column:
    __slots__ = ("_values",)

    def __init__(self, values: list[Any]) -> None:
        self._values = values

    def tolist(self) -> list[Any]:
        return self._values


class _AnyType:
    """A column's dtype: "O" (object) has the writer go by each value's own type, as it does with dicts."""

    kind = "O"


_ANY_TYPE = _AnyType()


def _cut(value: Any) -> Any:
    return value[:_CELL_TEXT_MAX] if isinstance(value, str) else value


def _workbook(data: ProjectData, job: Job, cut: bool) -> bytes:
    # here, not at the top: the CSV export does without the writer and the package metadata it reads on import
    from rustpy_xlsxwriter import Format, write_worksheets

    styles: dict[str, Format] = {}
    formats: dict[str, dict[str, Format] | list[Format]] = {}  # by sheet, by header
    for table in TABLES:
        formats[table.name] = {
            _header(column): styles.setdefault(fmt, Format().set_num_format(fmt))
            for column in table.columns if (fmt := _number_format(column)) is not None}
    buffer = io.BytesIO()
    # strings are written as text cells: a remark starting with "=" stays the words typed, a URL stays text
    write_worksheets([(table.name, _Sheet(table, data, job, n, cut)) for n, table in enumerate(TABLES)], buffer,
                     freeze_panes={"general": {"row": 1, "col": 0}}, bold_headers=True, autofit=False,
                     column_formats=formats)
    return buffer.getvalue()


def write_xlsx(data: ProjectData, path: Path, job: Job) -> None:
    """One sheet per table, bold frozen header row, numbers as numbers and dates as dates."""
    # rustpy-xlsxwriter (rust_xlsxwriter underneath) writes each sheet's rows out as it goes: constant memory, in
    # temporary files unlinked from the start, so a cancelled or killed export leaves none of them behind
    try:
        book = _workbook(data, job, cut=False)
    except RuntimeError:
        # the one thing the rows can hold that a workbook cannot: a text longer than an Excel cell takes (a long
        # site contour, say). Rare, so checked only when the writer refuses: written again with such texts cut to
        # the cell's limit, as the export did with XlsxWriter; the CSV export keeps them whole
        try:
            book = _workbook(data, job, cut=True)
        except RuntimeError as exc:
            raise ExportError(f"Cannot write the Excel workbook: {str(exc).rstrip('.')}.",
                              hint="Export as CSV instead, and report this.") from None
    # written in one go (a full disk fails here, once, with nothing half-written)
    path.write_bytes(book)
