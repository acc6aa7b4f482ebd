"""The exports carry the project's metadata with the SIKB0101 id of each coded value, and its site contour
as a polygon GDAL reads (GeoPackage) or a polygon beside the boreholes (GeoJSON)."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from fieldapp.domain import contour
from fieldapp.export import export
from fieldapp.session import Session

PROJECT = "2026-0142"  # as in conftest.py (the demo project, metadata filled by fieldapp/demo.py)


def _project_row(session: Session) -> dict[str, object]:
    row = session.store.query("SELECT * FROM project WHERE code = ?", (PROJECT,))[0]
    assert row["investigation_type"] == "verkennendOnderzoekNEN5740" and row["site_contour"]
    return row


def test_csv_project_table_has_the_fields_and_sikb0101_ids(export_session: Session, tmp_path: Path) -> None:
    row = _project_row(export_session)
    export(export_session, PROJECT, "csv", tmp_path / "site")
    with (tmp_path / "site" / "project.csv").open(encoding="utf-8-sig", newline="") as f:
        got = next(csv.DictReader(f))
    assert got["investigation_type"] == "verkennendOnderzoekNEN5740" and got["investigation_type_sikb0101_id"] == "5"
    assert got["investigation_strategy_sikb0101_id"] == "5" and got["asbestos_presence_sikb0101_id"] == "4"
    assert got["competent_authority"] == "Gemeente Utrecht"
    assert got["competent_authority_sikb0101_id"] == str(
        export_session.lists.get("competent_authority", "Gemeente Utrecht").extra["sikb0101_id"])
    assert got["report_number"] == row["report_number"] and got["contractor_kvk"] == "30123456"
    assert got["site_contour"] == row["site_contour"]


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="GDAL's ogr2ogr is NOT INSTALLED; check did not run")
@pytest.mark.parametrize("crs", [28992, 4326])
def test_geopackage_has_the_contour_as_a_polygon_layer(export_session: Session, tmp_path: Path, crs: int) -> None:
    row = _project_row(export_session)
    export(export_session, PROJECT, "gpkg", tmp_path / "site", crs=crs)
    out = subprocess.run(["ogr2ogr", "-f", "CSV", "/vsistdout/", str(tmp_path / "site" / "site.gpkg"),
                          "site_contour", "-t_srs", "EPSG:28992", "-lco", "GEOMETRY=AS_WKT"],
                         check=True, capture_output=True, text=True).stdout.splitlines()
    assert len(out) == 2 and out[1].startswith('"POLYGON ((') and PROJECT in out[1]
    got = contour.parse_wkt(out[1].split('"')[1])[0][0]
    want = contour.parse_wkt(str(row["site_contour"]))[0][0]
    tolerance = 0.001 if crs == 28992 else 1.5  # back through GDAL's own (grid-less) transformation
    assert all(abs(a - c) < tolerance and abs(b - d) < tolerance for (a, b), (c, d) in zip(got, want, strict=True))


def test_geojson_carries_the_project_and_its_contour(export_session: Session, tmp_path: Path) -> None:
    row = _project_row(export_session)
    export(export_session, PROJECT, "geojson", tmp_path / "site", crs=28992)
    doc = json.loads((tmp_path / "site" / "site.geojson").read_text(encoding="utf-8"))
    assert doc["project"]["report_number"] == row["report_number"]
    assert doc["project"]["investigation_phase_sikb0101_id"] == 4
    ring = doc["project"]["site_contour"]["coordinates"][0]
    assert [tuple(p) for p in ring] == contour.parse_wkt(str(row["site_contour"]))[0][0]
    assert all(f["geometry"] is None or f["geometry"]["type"] == "Point" for f in doc["features"])
