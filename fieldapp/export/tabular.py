"""CSV (one file per table, with a README) and Excel (one sheet per table)."""

from __future__ import annotations

import csv
import io
from functools import partial
from pathlib import Path
from typing import Any

from fieldapp.export.atomic import Job
from fieldapp.export.data import ProjectData
from fieldapp.export.tables import TABLES, Column
from fieldapp.export.xlsx_book import Book, CellKind

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


def _cell_kind(column: Column) -> CellKind:
    return "date" if column.kind == "date" else "datetime" if column.kind == "datetime" else "text"


def write_xlsx(data: ProjectData, path: Path, job: Job) -> None:
    """One sheet per table, frozen bold header row, numbers as numbers and dates as dates (UTC)."""
    # text stays text (a remark starting with "=" is no formula, a URL no link): the book writes no formulas
    buffer = io.BytesIO()
    book = Book(buffer, ("0.000", "0.00", _FORMATS["datetime"], _FORMATS["date"]))
    for n, table in enumerate(TABLES):
        columns = table.columns
        book.sheet(table.name, [_header(c) for c in columns], [_cell_kind(c) for c in columns],
                   [_number_format(c) for c in columns], list(table.records(data)),
                   partial(job.step, n, len(TABLES)))
    book.close()
    # zipped in memory, then written in one go (a full disk fails here, once, with nothing half-written)
    path.write_bytes(buffer.getvalue())
