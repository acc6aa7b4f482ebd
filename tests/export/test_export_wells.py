"""Wells, sampling rounds and purge readings in the exports (issue 13): tables in CSV, Excel
and the GeoPackage, nested under each peilbuis in GeoJSON, with the reading where the
stop rule first held marked and the bottles' package and preservation."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

from openpyxl import load_workbook

from fieldapp.domain import project, purge, well
from fieldapp.domain import sampling_round as sr
from fieldapp.export import export
from fieldapp.session import Session

PROJECT = "2026-0142"  # as in conftest.py


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _expected(session: Session) -> dict[str, tuple[str | None, float, int]]:
    """Per well code: the stop rule, the volume of the reading where it held (0 if none), readings."""
    proj = project.by_code(session.store, PROJECT)
    out = {}
    for hole_code, w in well.of_project(session.store, proj.id):
        for rnd in sr.of_well(session.store, w.id):
            state = sr.state(session.store, rnd.id)
            out[well.well_code(hole_code, w.tube_number)] = (
                rnd.stop_rule, state.met.reading.volume_l if state.met else 0.0, len(state.readings))
    return out


def test_csv_and_excel_carry_wells_rounds_and_readings(export_session: Session, tmp_path: Path) -> None:
    want = _expected(export_session)
    assert len(want) == 3, "the demo project has three wells"
    export(export_session, PROJECT, "csv", tmp_path / "csv")
    wells = _rows(tmp_path / "csv" / "well.csv")
    assert [(w["well_code"], w["filter_top_m"], w["filter_bottom_m"], w["finish"]) for w in wells] == [
        (code, "2.0", "3.0", "straatpot") for code in sorted(want)]
    rounds = {r["well_code"]: r for r in _rows(tmp_path / "csv" / "sampling_round.csv")}
    assert {k: r["stop_rule"] or None for k, r in rounds.items()} == {k: v[0] for k, v in want.items()}
    assert rounds["PB03-1"]["slow_running"] == "1" and rounds["PB01-1"]["slow_running"] == "0"
    assert rounds["PB03-1"]["groundwater_level_dropped_too_much"] == "1"
    readings = _rows(tmp_path / "csv" / "purge_reading.csv")
    for code, (_rule, at, count) in want.items():
        mine = [r for r in readings if r["well_code"] == code]
        assert len(mine) == count
        assert [float(r["volume_l"]) for r in mine if r["stop_rule_met"] == "1"] == ([at] if at else [])
    bottles = [c for c in _rows(tmp_path / "csv" / "container.csv") if c["analysis_package"] == "ZWARE_METALEN"]
    assert len(bottles) == 3 and all((c["preservation"], c["filtered"]) == ("HNO3", "1") for c in bottles)
    export(export_session, PROJECT, "xlsx", tmp_path / "xlsx")
    book = load_workbook(next((tmp_path / "xlsx").glob("*.xlsx")))
    for sheet, n in (("well", 3), ("sampling_round", 3), ("purge_reading", sum(v[2] for v in want.values()))):
        assert book[sheet].max_row == n + 1, sheet
    first = [c.value for c in book["purge_reading"][2]]
    assert first[0] == "PB01-1" and isinstance(first[2], float)  # real numbers, not text


def test_geopackage_and_geojson_carry_them(export_session: Session, tmp_path: Path) -> None:
    want = _expected(export_session)
    export(export_session, PROJECT, "gpkg", tmp_path / "site")
    conn = sqlite3.connect(tmp_path / "site" / "site.gpkg")
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("well", "sampling_round", "purge_reading")}
    conn.close()
    assert counts == {"well": 3, "sampling_round": 3, "purge_reading": sum(v[2] for v in want.values())}
    export(export_session, PROJECT, "geojson", tmp_path / "geo")
    doc = json.loads((tmp_path / "geo" / "geo.geojson").read_text(encoding="utf-8"))
    wells = {w["well_code"]: w for f in doc["features"] for w in f["properties"]["wells"]}
    assert wells.keys() == want.keys()
    pb01 = wells["PB01-1"]["sampling_rounds"][0]
    assert pb01["stop_rule"] == "ec_stable_5_volumes" and pb01["well_volume_l"] > 0.9
    assert [r["volume_l"] for r in pb01["readings"] if r["stop_rule_met"]] == [want["PB01-1"][1]]
    assert purge.first_met([purge.Reading(volume_l=r["volume_l"], ec_us_cm=r["ec_us_cm"], o2_mg_l=r["o2_mg_l"])
                            for r in pb01["readings"]], pb01["well_volume_l"], False) is not None
