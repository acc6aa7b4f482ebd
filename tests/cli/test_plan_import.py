"""`fieldapp import --format plan` (issue 14 item 5): a coordinator's planned boreholes from CSV, GeoJSON
and GeoPackage into a project.

The files are written by real writers: the csv module as Dutch Excel saves it, GeoJSON by json, a
GeoPackage with sqlite3 as fieldapp/export/gpkg.py writes one, and (when GDAL is installed) GeoJSON and
GeoPackage converted by ogr2ogr, as QGIS writes them. Every refusal names the row or feature and leaves
the database as it was: the same borehole rows and not one journal entry more.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp import demo
from fieldapp.export.gpkg import point_blob
from fieldapp.positions.rdnap import RdNap
from fieldapp.session import Session
from fieldapp.settings import Settings

FIELDAPP = Path(sys.executable).parent / "fieldapp"
PROJECT = "2026-0142"
# planned points on the demo site (Croeselaan, Utrecht), RD New
PLAN = [("B20", 135950.5, 455330.25, "boring", "2.50"), ("B21", 135960.0, 455330.0, "peilbuis", "4.00"),
        ("B22", 135970.0, 455345.125, "", "")]


def fieldapp(*argv: str) -> subprocess.CompletedProcess[str]:
    if argv[:1] == ("import",) and "--lang" not in argv:  # these tests read the English; Dutch: test_import_lang
        argv = ("import", "--lang", "en", *argv[1:])
    return subprocess.run([str(FIELDAPP), *argv], capture_output=True, text=True, timeout=120,
                          env={k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_CRASH")})


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "demo.sqlite"
    with Session.open(path, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=3, seed=2, project_code=PROJECT)
    return path


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "field.sqlite"
    shutil.copy(template, path)
    # the photos are part of the record: verify hashes each file
    shutil.copytree(template.with_name(template.stem + ".photos"), path.with_name("field.photos"))
    return path


def _state(db: Path) -> tuple[list[tuple[object, ...]], int]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT code, kind, planned_x_rd, planned_y_rd, planned_depth_cm, lat FROM borehole "
                            "ORDER BY code").fetchall()
        entries = conn.execute("SELECT count(*) FROM journal").fetchone()[0]
    return rows, entries


def _planned(db: Path) -> dict[str, tuple[str, float, float, int | None]]:
    with sqlite3.connect(db) as conn:
        return {r[0]: r[1:] for r in conn.execute(
            "SELECT code, kind, planned_x_rd, planned_y_rd, planned_depth_cm FROM borehole WHERE lat IS NULL")}


def _csv(path: Path, header: list[str], rows: list[list[object]], delimiter: str = ";") -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as f:  # as Dutch Excel saves "CSV (;)"
        w = csv.writer(f, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)
    return path


def _plan_csv(path: Path, delimiter: str = ";") -> Path:
    return _csv(path, ["code", "x", "y", "kind", "planned_depth_m"],
                [[c, str(x).replace(".", ","), str(y).replace(".", ","), k, d.replace(".", ",")]
                 for c, x, y, k, d in PLAN], delimiter)


def _gpkg(path: Path, points: list[tuple[str, float, float, str, str]], srs: int = 28992,
          extra: str = "") -> Path:
    """A GeoPackage point layer written with sqlite3 as fieldapp/export/gpkg.py writes one."""
    conn = sqlite3.connect(path)
    conn.executescript(f"""
        PRAGMA application_id = 1196444487; PRAGMA user_version = 10300;
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
          organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
          description TEXT);
        CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
          identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE, min_y DOUBLE,
          max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
        CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
          geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL);
        INSERT INTO gpkg_spatial_ref_sys VALUES ('EPSG:{srs}', {srs}, 'EPSG', {srs}, 'undefined', NULL);
        INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('plan', 'features', 'plan',
          {srs});
        INSERT INTO gpkg_geometry_columns VALUES ('plan', 'geom', 'POINT', {srs}, 0, 0);
        CREATE TABLE plan (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, code TEXT, kind TEXT,
          planned_depth_m REAL{extra});
    """)
    for code, x, y, kind, depth in points:
        conn.execute("INSERT INTO plan (geom, code, kind, planned_depth_m) VALUES (?, ?, ?, ?)",
                     (point_blob(x, y, srs), code, kind or None, float(depth) if depth else None))
    conn.commit()
    conn.close()
    return path


def _expect_plan(db: Path) -> None:
    planned = _planned(db)
    for code, x, y, kind, depth in PLAN:
        got = planned[code]
        assert got[0] == (kind or "boring")
        assert got[1] == pytest.approx(x, abs=0.0005) and got[2] == pytest.approx(y, abs=0.0005)
        assert got[3] == (round(float(depth) * 100) if depth else None)


def test_a_dutch_excel_csv_plan_adds_the_planned_boreholes(db: Path, tmp_path: Path) -> None:
    before_rows, before_entries = _state(db)
    done = fieldapp("import", "--db", str(db), "--format", "plan", "--project", PROJECT,
                    str(_plan_csv(tmp_path / "plan.csv")))
    assert done.returncode == 0, done.stderr
    assert "3 planned boreholes added, 0 updated" in done.stdout
    _expect_plan(db)
    rows, entries = _state(db)
    assert len(rows) == len(before_rows) + 3 and entries == before_entries + 3  # journalled, one entry each
    assert fieldapp("verify", "--db", str(db)).returncode == 0


def test_a_plan_saved_as_excels_plain_csv_or_unicode_text_is_refused_saying_how_to_save_it(
        db: Path, tmp_path: Path) -> None:
    """Excel's plain "CSV" is Windows-1252 and its "Unicode text" UTF-16: the refusal names the line and
    says how to save the file, instead of Python's decoder words."""
    before = _state(db)
    plain = tmp_path / "plan.csv"
    plain.write_bytes("code;x;y\r\nB20;135950;455330\r\nB21\u2013a;135960;455330\r\n".encode("cp1252"))
    done = fieldapp("import", "--db", str(db), "--format", "plan", "--project", PROJECT, str(plain))
    assert done.returncode == 1
    assert "plan.csv is not UTF-8 text: line 3 holds the byte 0x96. Save the plan again as \"CSV UTF-8\"" in done.stderr
    assert "codec" not in done.stderr
    unicode_text = tmp_path / "unicode.csv"
    unicode_text.write_bytes("code\tx\ty\r\nB20\t135950\t455330\r\n".encode("utf-16"))
    done = fieldapp("import", "--db", str(db), "--format", "plan", "--project", PROJECT, str(unicode_text))
    assert done.returncode == 1 and "unicode.csv is not UTF-8 text: line 1 holds the byte 0xFF" in done.stderr
    assert _state(db) == before


def test_a_tab_separated_plan_with_decimal_commas_is_read_by_its_header(db: Path, tmp_path: Path) -> None:
    """A GIS's or Excel's text export separates by tabs; the commas in its numbers are decimal commas."""
    done = fieldapp("import", "--db", str(db), "--format", "plan", "--project", PROJECT,
                    str(_plan_csv(tmp_path / "plan.csv", delimiter="\t")))
    assert done.returncode == 0, done.stderr
    _expect_plan(db)


def test_a_geopackage_plan_in_rd_and_a_second_plan_updates_the_planned_ones(db: Path, tmp_path: Path) -> None:
    done = fieldapp("import", "--db", str(db), "--format", "plan", "--project", PROJECT,
                    str(_gpkg(tmp_path / "plan.gpkg", PLAN)))
    assert done.returncode == 0, done.stderr
    _expect_plan(db)
    moved = [("B20", 135951.0, 455331.0, "", "3.00")]  # no kind given: B20 stays a boring
    again = fieldapp("import", "--db", str(db), "--format", "plan", "--project", PROJECT,
                     str(_gpkg(tmp_path / "moved.gpkg", moved)))
    assert again.returncode == 0, again.stderr
    assert "0 planned boreholes added, 1 updated" in again.stdout
    assert _planned(db)["B20"] == ("boring", 135951.0, 455331.0, 300)
    assert _planned(db)["B21"][0] == "peilbuis"


def test_a_geojson_plan_in_longitude_latitude_lands_on_the_rd_points(db: Path, tmp_path: Path) -> None:
    rd = RdNap()
    features = []
    for code, x, y, kind, depth in PLAN:
        p = rd.from_rd(x, y)
        props: dict[str, object] = {"code": code, "kind": kind or None,
                                    "planned_depth_m": float(depth) if depth else None}
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "Point", "coordinates": [round(p.lon, 9), round(p.lat, 9)]}})
    path = tmp_path / "plan.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    done = fieldapp("import", "--db", str(db), "--format", "plan", "--project", PROJECT, str(path))
    assert done.returncode == 0, done.stderr
    _expect_plan(db)  # RDNAPTRANS2018 there and back within half a millimetre


@pytest.mark.skipif(shutil.which("ogr2ogr") is None,
                    reason="GDAL's ogr2ogr is NOT INSTALLED (Debian: apt-get install gdal-bin); not run")
@pytest.mark.parametrize(("driver", "suffix", "srs"), [("GPKG", ".gpkg", "EPSG:28992"),
                                                      ("GeoJSON", ".geojson", "EPSG:4326")])
def test_plans_written_by_gdal_as_qgis_writes_them(db: Path, tmp_path: Path, driver: str, suffix: str,
                                                   srs: str) -> None:
    # GDAL's own RD -> longitude/latitude is not RDNAPTRANS2018 (centimetres apart): the GeoJSON's source
    # points are converted here as the coordinator's GIS would have measured them, and GDAL only writes them
    rd = RdNap()
    xy = [(x, y) if srs == "EPSG:28992" else (round(rd.from_rd(x, y).lon, 9), round(rd.from_rd(x, y).lat, 9))
          for _, x, y, _, _ in PLAN]
    source = _csv(tmp_path / "src.csv", ["code", "x", "y", "kind", "planned_depth_m"],
                  [[c, px, py, k, d] for (c, _, _, k, d), (px, py) in zip(PLAN, xy, strict=True)])
    out = tmp_path / f"plan{suffix}"
    subprocess.run(["ogr2ogr", "-f", driver, str(out), str(source), "-oo", "X_POSSIBLE_NAMES=x",
                    "-oo", "Y_POSSIBLE_NAMES=y", "-oo", "AUTODETECT_TYPE=YES", "-a_srs", srs, "-nln", "plan",
                    "-select", "code,kind,planned_depth_m"], check=True, capture_output=True)
    done = fieldapp("import", "--db", str(db), "--format", "plan", "--project", PROJECT, str(out))
    assert done.returncode == 0, done.stderr
    _expect_plan(db)


REFUSALS = [
    ("unknown column", ["code", "x", "y", "diepte"], [["B20", "135950", "455330", "2"]],
     "Header: FieldApp does not know the column 'diepte'"),
    ("outside NL", ["code", "lon", "lat"], [["B20", "5.1", "52.08"], ["B23", "2.35", "48.85"]],
     "Row 3 (B23): lon 2.35 lat 48.85 lies outside the Netherlands"),
    ("latitude first", ["code", "lon", "lat"], [["B23", "52.08", "5.1"]],
     "Row 2 (B23): lon 52.08 lat 5.1 lies outside the Netherlands"),
    ("RD outside NL", ["code", "x", "y"], [["B20", "135950", "455330"], ["B24", "455330", "135950"]],
     "Row 3 (B24): RD 455330.000 135950.000 lies outside the Netherlands"),
    ("duplicate code", ["code", "x", "y"], [["B20", "135950", "455330"], ["b20", "135960", "455330"]],
     "Row 3 (b20): the code b20 is also in row 2 (B20)"),
    ("measured code", ["code", "x", "y"], [["B20", "135950", "455330"], ["B02", "135915", "455300"]],
     "Row 3 (B02): borehole B02 is already measured in project 2026-0142; a plan never overwrites field work"),
    ("bad kind", ["code", "x", "y", "kind"], [["B20", "135950", "455330", "sondering"]],
     "Row 2 (B20): kind 'sondering' is not one of boring, peilbuis"),
    ("bad depth", ["code", "x", "y", "planned_depth_m"], [["B20", "135950", "455330", "2.555"]],
     "Row 2 (B20)"),
    # two x columns: one of them would be left unread
    ("column twice", ["code", "x", "y", "X"], [["B20", "135950", "455330", "455330"]],
     "Header: the column 'X' is there twice. Keep one of them"),
]


@pytest.mark.parametrize(("header", "rows", "message"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS])
def test_a_refused_plan_names_what_is_wrong_and_changes_nothing(db: Path, tmp_path: Path, header: list[str],
                                                                rows: list[list[object]], message: str) -> None:
    before = _state(db)
    done = fieldapp("import", "--db", str(db), "--format", "plan", "--project", PROJECT,
                    str(_csv(tmp_path / "plan.csv", header, rows)))
    assert done.returncode == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert _state(db) == before


def test_a_geopackage_with_a_foreign_column_or_a_line_layer_is_refused(db: Path, tmp_path: Path) -> None:
    before = _state(db)
    done = fieldapp("import", "--db", str(db), "--format", "plan", "--project", PROJECT,
                    str(_gpkg(tmp_path / "plan.gpkg", PLAN, extra=", eigenaar TEXT")))
    assert done.returncode == 1 and "Layer plan: FieldApp does not know the column 'eigenaar'" in done.stderr
    shp = tmp_path / "plan.shp"
    done = fieldapp("import", "--db", str(db), "--format", "plan", "--project", PROJECT, str(shp))
    assert done.returncode == 1 and "not '.shp' files" in done.stderr
    assert _state(db) == before


def test_a_damaged_file_an_unknown_project_and_no_points_are_one_line_each(db: Path, tmp_path: Path) -> None:
    before = _state(db)
    damaged = tmp_path / "plan.gpkg"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x17" * 4000)
    cases = [
        ((str(damaged),), "plan.gpkg is not a GeoPackage"),
        (("--project", "2099-0001", str(_plan_csv(tmp_path / "plan.csv"))), "no project with code '2099-0001'"),
        ((str(_csv(tmp_path / "empty.csv", ["code", "x", "y"], [])),), "empty.csv holds no planned point"),
        ((str(tmp_path / "gone.geojson"),), "gone.geojson does not exist"),
    ]
    for argv, message in cases:
        project = () if "--project" in argv else ("--project", PROJECT)
        done = fieldapp("import", "--db", str(db), "--format", "plan", *project, *argv)
        assert done.returncode == 1 and message in done.stderr, (argv, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert _state(db) == before
