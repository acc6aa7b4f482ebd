"""The Excel workbook cell by cell: every value of every table as the CSV carries it, with its type and format."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell

from fieldapp.export import export
from fieldapp.export.columns import Column
from fieldapp.export.data import load
from fieldapp.export.tables import TABLES, Table
from fieldapp.positions.rdnap import RdNap
from fieldapp.session import Session

PROJECT = "2026-0142"  # as in conftest.py
RD_COLUMNS = ("x_rd", "y_rd", "planned_x_rd", "planned_y_rd")


def _headers(table: Table) -> list[str]:
    return [f"{c.name} (UTC)" if c.kind == "datetime" else c.name for c in table.columns]


def _expected(column: Column, value: Any) -> tuple[Any, str]:
    """What a coordinator sees in the cell: the value and its number format."""
    if value is None or value == "":
        return None, "General"
    if column.kind == "datetime":
        moment = datetime.fromisoformat(value)
        return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment, "yyyy-mm-dd hh:mm:ss"
    if column.kind == "date":
        day = date.fromisoformat(value[:10])
        return datetime(day.year, day.month, day.day), "yyyy-mm-dd"
    if isinstance(value, int | float) and column.name.endswith("_m"):
        return value, "0.00"
    if isinstance(value, int | float) and column.name in RD_COLUMNS:
        return value, "0.000"
    return value, "General"


def _check(cell: Cell, column: Column, value: Any) -> None:
    want, number_format = _expected(column, value)
    where = f"{column.name} = {value!r}"
    assert cell.value == want, where
    if want is None:
        return
    assert cell.number_format == number_format, where
    if isinstance(value, str) and column.kind == "text":
        assert cell.data_type == "s", where  # text stays text: no formula, no number guessed from digits
    elif isinstance(value, int | float):
        # numbers exactly as stored (all 17 digits of a double); Excel keeps every number as a double
        assert cell.data_type == "n" and float(cell.value) == float(value), where


def test_every_cell_of_the_workbook_is_the_value_of_its_table(export_session: Session, tmp_path: Path) -> None:
    export(export_session, PROJECT, "xlsx", tmp_path / "site")
    wb = load_workbook(tmp_path / "site" / "site.xlsx")
    with export_session.store.snapshot():
        data = load(export_session, PROJECT, RdNap(), tables=True)
    assert wb.sheetnames == [t.name for t in TABLES]
    cells = 0
    for table in TABLES:
        ws = wb[table.name]
        header = ws[1]
        assert [c.value for c in header] == _headers(table)
        assert all(c.font.bold for c in header) and ws.freeze_panes == "A2"
        records = list(table.records(data))
        assert ws.max_row == 1 + len(records), table.name
        for row, record in zip(ws.iter_rows(min_row=2, max_col=len(table.columns)), records, strict=True):
            for cell, column, value in zip(row, table.columns, record, strict=True):
                _check(cell, column, value)
                cells += 1
    assert cells > 4000  # every table of the demo project, about 4,500 cells


def test_a_table_without_rows_still_shows_its_columns(tmp_path: Path) -> None:
    from fieldapp.codelists import CodeLists
    from fieldapp.domain import project
    from fieldapp.settings import Settings

    with Session.open(tmp_path / "new.sqlite", settings=Settings(user="coordinator"), lists=CodeLists.load()) as s:
        project.create(s, code="P-EMPTY", name="Nog niets geboord")
        export(s, "P-EMPTY", "xlsx", tmp_path / "empty")
    wb = load_workbook(tmp_path / "empty" / "empty.xlsx")
    assert wb.sheetnames == [t.name for t in TABLES]
    assert wb["project"].max_row == 2 and wb["project"]["B2"].value == "Nog niets geboord"
    for table in TABLES[1:]:
        ws = wb[table.name]
        assert ws.max_row == 1, table.name  # the header and nothing under it
        assert [c.value for c in ws[1]] == _headers(table)
        assert all(c.font.bold for c in ws[1]) and ws.freeze_panes == "A2"


def test_a_text_longer_than_an_excel_cell_takes_is_cut_to_the_cell(export_db: Path, tmp_path: Path) -> None:
    from fieldapp.codelists import CodeLists
    from fieldapp.settings import Settings

    copy = tmp_path / "field.sqlite"
    copy.write_bytes(export_db.read_bytes())
    long = "".join(f"{i:>10}" for i in range(4000))  # 40,000 characters; Excel holds 32,767 in a cell
    with Session.open(copy, settings=Settings(user="coordinator"), lists=CodeLists.load()) as session:
        hole = session.store.query("SELECT id FROM borehole WHERE code = 'B12L'")[0]["id"]
        with session.store.action("Edit remarks") as tx:
            tx.update("borehole", hole, {"remarks": long})
        export(session, PROJECT, "xlsx", tmp_path / "site")
    wb = load_workbook(tmp_path / "site" / "site.xlsx")
    holes = wb["borehole"]
    header = [c.value for c in holes[1]]
    rows = {r[0].value: dict(zip(header, (c.value for c in r), strict=True)) for r in holes.iter_rows(min_row=2)}
    assert rows["B12L"]["remarks"] == long[:32767]
    assert rows["B12L"]["sigma_m"] == 0.012 and len(rows) == len({*rows} | {"B12L"})
    assert wb["layer"].max_row > 12  # the rest of the workbook is all there
