"""GDAL reads the GeoPackage and the GeoJSON: layers, feature counts, CRS, and coordinates to 1 mm."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from fieldapp import __version__
from fieldapp.export import export
from fieldapp.export.atomic import sha256_file
from fieldapp.positions.rdnap import RdNap
from fieldapp.session import Session

PROJECT = "2026-0142"  # as in conftest.py

pytestmark = pytest.mark.skipif(
    shutil.which("ogrinfo") is None,
    reason="GDAL's ogrinfo/ogr2ogr are NOT INSTALLED (Debian: apt-get install gdal-bin); the GDAL checks did not run",
)


def _ogr(*args: str) -> str:
    return subprocess.run(["ogrinfo", "-ro", *args], check=True, capture_output=True, text=True).stdout


def _points(path: Path, layer: str) -> dict[str, tuple[float, float]]:
    out = subprocess.run(
        ["ogr2ogr", "-f", "CSV", "/vsistdout/", str(path), layer, "-lco", "GEOMETRY=AS_XY", "-select", "code"],
        check=True, capture_output=True, text=True,
    ).stdout.splitlines()
    rows = [line.split(",") for line in out[1:] if line]
    return {r[2]: (float(r[0]), float(r[1])) for r in rows if r[0]}


def _expected(session: Session) -> dict[str, tuple[float, float]]:
    rd = RdNap()
    want = {}
    for row in session.store.query("SELECT code, lat, lon FROM borehole WHERE lat IS NOT NULL"):
        p = rd.to_rd(row["lat"], row["lon"])
        want[row["code"]] = (p.x, p.y)
    return want


def test_geopackage_opens_in_gdal_with_counts_crs_and_mm_coordinates(export_session: Session, tmp_path: Path) -> None:
    result = export(export_session, PROJECT, "gpkg", tmp_path / "site")
    out = tmp_path / "site" / "site.gpkg"
    store = export_session.store
    counts = {t: store.count(t) for t in ("borehole", "layer", "sample", "sample_part", "container")}
    listing = _ogr(str(out))
    for name in ("borehole", "borehole_planned", "layer", "sample", "sample_part", "container", "project"):
        assert name in listing
    summary = _ogr("-so", str(out), "borehole")
    assert f"Feature Count: {counts['borehole']}" in summary
    assert 'ID["EPSG",28992]' in summary
    for table in ("layer", "sample", "sample_part", "container"):
        assert f"Feature Count: {counts[table]}" in _ogr("-so", str(out), table)
    got, want = _points(out, "borehole"), _expected(export_session)
    assert got.keys() == want.keys()
    for code, (x, y) in want.items():
        assert abs(got[code][0] - x) < 0.001 and abs(got[code][1] - y) < 0.001, code
    planned = _points(out, "borehole_planned")
    assert planned["B12L"] == (135950.0, 455320.0)
    conn = sqlite3.connect(out)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
    conn.close()
    manifest = result.files[-1]
    assert manifest == tmp_path / "site" / "MANIFEST.sha256"
    assert manifest.read_text().splitlines() == [f"{sha256_file(out)}  site.gpkg", f"# FieldApp {__version__}"]


def test_geopackage_in_latitude_longitude(export_session: Session, tmp_path: Path) -> None:
    export(export_session, PROJECT, "gpkg", tmp_path / "site4326", crs=4326)
    out = tmp_path / "site4326" / "site4326.gpkg"
    assert 'ID["EPSG",4326]' in _ogr("-so", str(out), "borehole")
    got = _points(out, "borehole")
    for row in export_session.store.query("SELECT code, lat, lon FROM borehole WHERE lat IS NOT NULL"):
        assert got[row["code"]] == pytest.approx((row["lon"], row["lat"]), abs=1e-9)


@pytest.mark.parametrize("crs", [4326, 28992])
def test_geojson_opens_in_gdal(export_session: Session, tmp_path: Path, crs: int) -> None:
    export(export_session, PROJECT, "geojson", tmp_path / f"site{crs}", crs=crs)
    out = tmp_path / f"site{crs}" / f"site{crs}.geojson"
    n = export_session.store.count("borehole")
    summary = _ogr("-so", str(out), "borehole")
    assert f"Feature Count: {n}" in summary
    assert f'ID["EPSG",{crs}]' in summary
    got = _points(out, "borehole")
    if crs == 28992:
        for code, (x, y) in _expected(export_session).items():
            assert abs(got[code][0] - x) < 0.001 and abs(got[code][1] - y) < 0.001, code
    doc = json.loads(out.read_text(encoding="utf-8"))
    deep = next(f for f in doc["features"] if f["id"] == "B12L")
    props = deep["properties"]
    assert [lay["soil_code"] for lay in props["layers"]][:3] == ["Zs1h2", "Zs2h1", "Zs1g1"]
    assert props["groundwater_m"] == 1.35
    assert {s["code"] for s in props["samples"]} == {"M12L-1", "M12L-2"}
