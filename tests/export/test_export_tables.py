"""CSV round-trips through the csv module; Excel opens with openpyxl with real types."""

from __future__ import annotations

import csv
import gc
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fieldapp.errors import ExportError
from fieldapp.export import export
from fieldapp.export.data import load
from fieldapp.export.tables import TABLES
from fieldapp.session import Session

PROJECT = "2026-0142"  # as in conftest.py


def test_csv_round_trips_with_stable_columns_and_readme(export_session: Session, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    export(export_session, PROJECT, "csv", out)
    store = export_session.store
    readme = (out / "README.txt").read_text(encoding="utf-8")
    for table in TABLES:
        with (out / f"{table.name}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == [c.name for c in table.columns]
        if table.name != "project":
            assert len(rows) - 1 == store.count(table.name)
        for c in table.columns:
            assert c.name in readme
    with (out / "layer.csv").open(encoding="utf-8", newline="") as f:
        layers = [r for r in csv.DictReader(f) if r["borehole_code"] == "B12L"]
    assert [(r["upper_m"], r["lower_m"], r["soil_code"]) for r in layers][:2] == [
        ("0.0", "0.15", "Zs1h2"), ("0.15", "0.4", "Zs2h1")]
    assert layers[1]["admixtures"] == "matig baksteen; sporen sintels"
    with (out / "borehole.csv").open(encoding="utf-8", newline="") as f:
        hole = next(r for r in csv.DictReader(f) if r["code"] == "B12L")
    assert datetime.fromisoformat(hole["started_at"]).utcoffset() is not None
    assert float(hole["groundwater_m"]) == 1.35
    check = subprocess.run(["sha256sum", "-c", "MANIFEST.sha256"], cwd=out, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_excel_has_frozen_headers_and_real_types(export_session: Session, tmp_path: Path) -> None:
    export(export_session, PROJECT, "xlsx", tmp_path / "site")
    out = tmp_path / "site" / "site.xlsx"
    wb = load_workbook(out)
    assert wb.sheetnames == [t.name for t in TABLES]
    for table in TABLES:
        ws = wb[table.name]
        assert ws.freeze_panes == "A2"
        assert ws.max_row - 1 == (1 if table.name == "project" else export_session.store.count(table.name))
    holes = wb["borehole"]
    header = [c.value for c in holes[1]]
    row = next(r for r in holes.iter_rows(min_row=2) if r[0].value == "B12L")
    cell = dict(zip(header, row, strict=True))
    started = export_session.store.query("SELECT started_at FROM borehole WHERE code = 'B12L'")[0]["started_at"]
    assert cell["started_at (UTC)"].value == datetime.fromisoformat(started).astimezone(UTC).replace(tzinfo=None)
    assert cell["started_at (UTC)"].is_date
    assert cell["planned_x_rd"].value == 135950 and cell["planned_x_rd"].data_type == "n"
    assert cell["diameter_mm"].value is None
    assert cell["groundwater_m"].value == 1.35
    assert isinstance(wb["project"]["H2"].value, datetime | date)
    layer = wb["layer"]
    assert layer["B2"].data_type == "n" and layer["B2"].number_format == "0.00"


def test_completion_fields_and_boring_processes_are_exported_with_their_codes(export_session: Session,
                                                                              tmp_path: Path) -> None:
    out = tmp_path / "csv"
    export(export_session, PROJECT, "csv", out)
    with (out / "borehole.csv").open(encoding="utf-8", newline="") as f:
        holes = {r["code"]: r for r in csv.DictReader(f)}
    b01 = holes["B01"]  # a demo borehole: complete and closed
    assert (b01["backfill"], b01["surface_method"], b01["antenna_height_m"]) == ("verwijderdMateriaal", "GNSS", "2.0")
    assert b01["surface_method_bro"] in ("RTKGPS4tot10cm", "RTKGPS10tot20cm")  # accuracy 5, 10 or 15 cm
    assert b01["groundwater_status"] in ("measured", "not_encountered") and b01["closed_at"]
    # the surface level is the antenna's NAP height minus the 2 m pole
    assert round(float(b01["nap_m"]) - 2.0, 2) == float(b01["ground_level_nap_m"])
    with (out / "boring_process.csv").open(encoding="utf-8", newline="") as f:
        processes = [r for r in csv.DictReader(f) if r["borehole_code"] == "B01"]
    assert processes[0]["apparatus"] == "Edelmanboor" and processes[0]["apparatus_sikb0101_id"] == "1"
    assert processes[0]["upper_m"] == "0.0" and processes[-1]["lower_m"] == b01["final_depth_m"]
    with (out / "layer.csv").open(encoding="utf-8", newline="") as f:
        layers = [r for r in csv.DictReader(f) if r["borehole_code"] == "B01"]
    ids = {p["id"] for p in processes}
    assert layers and all(lay["boring_process_id"] in ids for lay in layers)


def test_excel_cells_read_back_as_their_column_type_and_text_stays_text(export_db: Path, tmp_path: Path) -> None:
    from fieldapp.codelists import CodeLists
    from fieldapp.settings import Settings

    copy = tmp_path / "field.sqlite"
    copy.write_bytes(export_db.read_bytes())
    with Session.open(copy, settings=Settings(user="coordinator"), lists=CodeLists.load()) as session:
        hole = session.store.query("SELECT id FROM borehole WHERE code = 'B12L'")[0]["id"]
        # a remark a spreadsheet would take for a formula or a link must arrive as the words typed
        with session.store.action("Edit remarks") as tx:
            tx.update("borehole", hole, {"remarks": "=1+1 zie https://example.org"})
        export(session, PROJECT, "xlsx", tmp_path / "site")
    wb = load_workbook(tmp_path / "site" / "site.xlsx")
    holes = wb["borehole"]
    header = [c.value for c in holes[1]]
    assert all(c.font.bold for c in holes[1])
    cell = dict(zip(header, next(r for r in holes.iter_rows(min_row=2) if r[0].value == "B12L"), strict=True))
    assert cell["remarks"].value == "=1+1 zie https://example.org" and cell["remarks"].data_type == "s"
    assert cell["code"].data_type == "s"
    # a number cell; Excel keeps every number as a double, and the writer spells 17 as 17.0, which openpyxl
    # reads back as a float
    assert cell["sats"].data_type == "n" and cell["sats"].value == 17
    assert isinstance(cell["sigma_m"].value, float) and cell["sigma_m"].value == 0.012
    assert cell["x_rd"].number_format == "0.000" and isinstance(cell["x_rd"].value, float)
    assert isinstance(cell["started_at (UTC)"].value, datetime)
    assert cell["started_at (UTC)"].number_format == "yyyy-mm-dd hh:mm:ss"
    start = wb["project"]["H2"]
    assert start.is_date and start.number_format == "yyyy-mm-dd"


def test_an_export_gives_the_cycle_collector_back_as_it_found_it(export_session: Session, tmp_path: Path) -> None:
    assert gc.isenabled()
    export(export_session, PROJECT, "xlsx", tmp_path / "on")
    assert gc.isenabled()  # paused while the rows are built, running again after
    gc.disable()
    try:
        with pytest.raises(ExportError):
            export(export_session, "NOPE", "xlsx", tmp_path / "off")
        assert not gc.isenabled()  # a caller that paused it keeps it paused, also after a refusal
    finally:
        gc.enable()


def test_records_column_by_column_are_each_columns_getter_row_by_row(export_session: Session) -> None:
    """A table with many rows is read column by column, a computed value once per distinct input; every cell
    must still be exactly (type included) what its column's getter gives for that row."""
    with export_session.store.snapshot():
        data = load(export_session, PROJECT)
    column_wise = 0
    for table in TABLES:
        rows = list(table.rows(data))
        expected = [[repr(c.get(row)) for c in table.columns] for row in rows]
        assert [[repr(v) for v in record] for record in table.records(data)] == expected, table.name
        column_wise += len(rows) >= 32
    assert column_wise >= 2  # layers and containers at least take the column-by-column way
