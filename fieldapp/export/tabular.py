"""CSV (one file per table, with a README) and Excel (one sheet per table)."""

from __future__ import annotations

import csv
import io
import tempfile
from contextlib import suppress
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from xlsxwriter import Workbook
from xlsxwriter.format import Format

from fieldapp.export.atomic import Job
from fieldapp.export.data import ProjectData
from fieldapp.export.tables import TABLES, Column, Table

README = "README.txt"
_FORMATS = {"datetime": "yyyy-mm-dd hh:mm:ss", "date": "yyyy-mm-dd"}


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)  # shortest exact form, always with a decimal point
    return str(value)


def write_csv(data: ProjectData, folder: Path, job: Job) -> None:
    """One UTF-8 CSV per table (comma, decimal point, ISO 8601) and a README of the columns."""
    for n, table in enumerate(TABLES):
        with (folder / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow([c.name for c in table.columns])
            for i, record in enumerate(table.records(data)):
                writer.writerow([_csv_value(v) for v in record])
                if i % 5000 == 0:
                    job.step(n, len(TABLES))
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


def _excel_value(column: Column, value: Any) -> Any:
    if value is None or value == "":
        return None
    if column.kind == "datetime":
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        # Excel has no time zones: store UTC, and say so in the header
        return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
    if column.kind == "date":
        return date.fromisoformat(str(value)[:10])
    return value


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


def _sheet(wb: Workbook, table: Table, data: ProjectData, job: Job, n: int) -> None:
    ws = wb.add_worksheet(table.name)
    ws.freeze_panes(1, 0)
    bold = wb.add_format({"bold": True})
    for c, column in enumerate(table.columns):
        ws.write_string(0, c, _header(column), bold)
    styles: dict[str, Format] = {}
    formats = []
    for column in table.columns:
        fmt = _number_format(column)
        formats.append(None if fmt is None else styles.setdefault(fmt, wb.add_format({"num_format": fmt})))
    # the text, number and date writers directly: XlsxWriter's generic write() tries each type in turn
    plain = [column.kind not in _FORMATS for column in table.columns]
    write_string, write_number, write_datetime = ws.write_string, ws.write_number, ws.write_datetime
    for r, record in enumerate(table.records(data), start=1):
        for c, value in enumerate(record):
            if value is None or value == "":
                continue
            if plain[c]:
                if isinstance(value, str):
                    write_string(r, c, value)
                elif isinstance(value, bool):
                    ws.write_boolean(r, c, value)
                elif isinstance(value, int | float):
                    write_number(r, c, value, formats[c])
                else:
                    write_string(r, c, str(value))
            else:
                write_datetime(r, c, _excel_value(table.columns[c], value), formats[c])
        if r % 5000 == 1:
            job.step(n, len(TABLES))


def write_xlsx(data: ProjectData, path: Path, job: Job) -> None:
    """One sheet per table, frozen header row, numbers as numbers and dates as dates."""
    # constant_memory: each sheet's rows go to a temporary file as they are written, so memory does not
    # grow with the project; the folder is ours, so a cancelled export leaves none of them behind
    with tempfile.TemporaryDirectory(prefix="fieldapp-xlsx-", ignore_cleanup_errors=True) as tmp:
        buffer = io.BytesIO()
        # text stays text: no formulas from a remark starting with "=", no hyperlinks from URLs
        wb = Workbook(buffer, {"constant_memory": True, "tmpdir": tmp, "strings_to_formulas": False,
                               "strings_to_urls": False, "nan_inf_to_errors": True})
        try:
            for n, table in enumerate(TABLES):
                _sheet(wb, table, data, job, n)
        except BaseException:
            # close the half-written sheets' row files now, not when the garbage collector finds them
            for ws in wb.worksheets():
                if ws.row_data_fh is not None:
                    with suppress(OSError):
                        ws.row_data_fh.close()
            raise
        wb.close()
    # zipped in memory, then written in one go (a full disk fails here, once, with nothing half-written)
    path.write_bytes(buffer.getvalue())
