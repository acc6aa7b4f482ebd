"""Foreign plan files (`fieldapp import --format plan`) that are garbled or hostile: refused with one line
naming the file, row or feature and what to do, never a crash, nothing written.

tests/cli/test_plan_import.py covers the refusals a coordinator meets (unknown columns, points outside
the Netherlands, duplicate codes, a damaged GeoPackage); these are what a broken or hostile exporter
makes: cells and numbers beyond what csv, json and float take, JSON nested thousands deep, properties
or features of the wrong JSON type, GeoPackage geometries that are no blob, a folder for a file, and
any bytes at all (hypothesis)."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldapp.errors import FieldAppError
from fieldapp.plan_import import read_plan
from fieldapp.positions.rdnap import RdNap

FIELDAPP = Path(sys.executable).parent / "fieldapp"
RD = RdNap()


def _feature(props: object, coords: str = "[5.1, 52.1]") -> bytes:
    return ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            + json.dumps(props) + ', "geometry": {"type": "Point", "coordinates": ' + coords + "}}]}").encode()


TEXT_CASES = [
    # name, bytes, words the refusal says
    ("cell.csv", b"code,x,y\n" + b"B" * 200_000 + b",135950,455330\n", ["cell.csv cannot be read as text",
                                                                        "field larger than field limit"]),
    ("quoted.csv", b'code;x;y\n"' + b"B" * 200_000 + b'";135950;455330\n', ["field larger than field limit"]),
    ("beyond.csv", b"code,x,y\n,,,99\n", ["Row 2", "does not know the column '99'"]),
    ("beyond2.csv", b"code,x,y\nB1,135950,455330,oops\n", ["Row 2", "'oops'"]),
    ("long.csv", b"code;x;y\nB1;" + b"9" * 5000 + b";455330\n", ["x '999", "is not a number"]),
    ("props.geojson", _feature([1, 2]), ["props.geojson is not a GeoJSON FeatureCollection"]),
    ("propstr.geojson", _feature("code"), ["is not a GeoJSON FeatureCollection"]),
    ("features.geojson", b'{"type": "FeatureCollection", "features": {"a": 1}}', ["not a GeoJSON FeatureCollection"]),
    ("bigint.geojson", _feature({"code": "B1"}, "[1" + "0" * 400 + ", 52.1]"), ["Feature 1", "malformed"]),
    # an attribute beside the geometry, an integer of 400 digits: float() of it raised OverflowError
    ("bigattr.geojson", _feature({"code": "B1", "x": 10 ** 400}), ["Feature 1 (B1): x 1000", "is not a number"]),
    ("digits.geojson", _feature({"code": "B1"}, "[1" + "0" * 5000 + ", 52.1]"),
     ["digits.geojson is not valid JSON (line 1: a number of thousands of digits)"]),
    ("nested.geojson", b'{"type": "FeatureCollection", "features": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
     ["nested.geojson is not valid JSON", "nested too deeply"]),
    ("crs.geojson", b'{"type": "FeatureCollection", "crs": {"type": "name", "properties": "EPSG:28992"}, '
     b'"features": []}', ["crs.geojson: The GeoJSON names the coordinate system '', which FieldApp does not know"]),
    ("crsdigits.geojson", b'{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": '
     b'"urn:ogc:def:crs:EPSG::' + b"9" * 5000 + b'"}}, "features": []}',
     ["names the coordinate system 'urn:ogc:def:crs:EPSG::99999999999999999…', which FieldApp does not know"]),
]


@pytest.mark.parametrize(("name", "data", "words"), TEXT_CASES, ids=[c[0] for c in TEXT_CASES])
def test_a_garbled_csv_or_geojson_is_refused_by_name(tmp_path: Path, name: str, data: bytes,
                                                      words: list[str]) -> None:
    """Before: csv.Error, AttributeError, OverflowError, ValueError or RecursionError (exit 70)."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(FieldAppError) as caught:
        read_plan(path, RD)
    said = str(caught.value)
    for word in words:
        assert word in said, said
    assert len(said) < 400  # a 5,000-digit cell is not echoed whole


_POINT = b"GP\x00\x01" + struct.pack("<i", 28992) + b"\x01" + struct.pack("<I", 1) + struct.pack("<dd", 135950,
                                                                                                  455330)


def _gpkg(path: Path, geometry: object, *, column: str = "geom", code: object = "28992") -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE gpkg_spatial_ref_sys (srs_id INTEGER, organization TEXT, organization_coordsys_id)")
    conn.execute("INSERT INTO gpkg_spatial_ref_sys VALUES (1, 'EPSG', ?)", (code,))
    conn.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT, "
                 "srs_id INTEGER)")
    conn.execute("INSERT INTO gpkg_geometry_columns VALUES ('plan', ?, 'POINT', 1)", (column,))
    conn.execute("CREATE TABLE plan (fid INTEGER PRIMARY KEY, geom, code TEXT)")
    conn.execute("INSERT INTO plan (geom, code) VALUES (?, 'B1')", (geometry,))
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(("geometry", "column", "code", "words"), [
    (10 ** 12, "geom", "28992", ["Feature 1", "geometry is damaged"]),  # bytes(10**12): a terabyte asked for
    ("POINT (1 2)", "geom", "28992", ["geometry is damaged"]),
    (1.5, "geom", "28992", ["geometry is damaged"]),
    (_POINT, "shape", "28992", ["is not a GeoPackage", "no geometry column shape"]),  # KeyError
    (_POINT, "geom", "abc", ["does not convert"]),  # int('abc')
    (_POINT, "geom", "9" * 5000, ["does not convert"]),
    (_POINT, "geom", None, ["does not convert"]),
], ids=["int", "text", "real", "no column", "code text", "code digits", "code null"])
def test_a_geopackage_with_a_geometry_or_code_of_the_wrong_kind_is_refused(
        tmp_path: Path, geometry: object, column: str, code: object, words: list[str]) -> None:
    path = _gpkg(tmp_path / "plan.gpkg", geometry, column=column, code=code)
    with pytest.raises(FieldAppError) as caught:
        read_plan(path, RD)
    for word in words:
        assert word in str(caught.value), str(caught.value)


def test_the_good_geopackage_of_these_tests_is_read(tmp_path: Path) -> None:
    [point] = read_plan(_gpkg(tmp_path / "plan.gpkg", _POINT), RD)
    assert (point.code, point.x_rd, point.y_rd) == ("B1", 135950.0, 455330.0)


@pytest.mark.parametrize(("fmt", "name"), [("plan", "plan.csv"), ("sikb0101", "delivery.xml")])
def test_a_folder_is_named_as_a_folder_in_one_line(tmp_path: Path, fmt: str, name: str) -> None:
    """It was "does not exist", which sent the coordinator looking for a file that is there."""
    db = tmp_path / "field.sqlite"
    from fieldapp import demo
    from fieldapp.session import Session
    from fieldapp.settings import Settings

    with Session.open(db, settings=Settings(user="J. de Vries")) as session:
        demo.create(session, boreholes=1, seed=1, project_code="2026-0142")
    (tmp_path / name).mkdir()
    env = {**os.environ, "FIELDAPP_CONFIG_DIR": str(tmp_path / "config")}
    said = {}
    for lang in ("en", "nl"):
        done = subprocess.run([str(FIELDAPP), "import", "--db", str(db), "--format", fmt, "--project", "2026-0142",
                               "--lang", lang, str(tmp_path / name)], capture_output=True, text=True, env=env,
                              timeout=120, check=False)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        said[lang] = done.stderr.splitlines()
    assert said["en"] == [f"fieldapp: error: file: {tmp_path / name} is a folder, not a file to import. "
                          "Give the path of the file itself, not of the folder holding it."]
    assert len(said["nl"]) == 1 and said["nl"][0].endswith(
        f"{tmp_path / name} is een map, geen bestand om te importeren. "
        "Geef het pad van het bestand zelf, niet van de map waarin het staat."), said["nl"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=st.sampled_from([b"code;x;y\n", b"code,lon,lat,planned_depth_m\n", b"\xef\xbb\xbfcode,x,y,kind\n", b""]),
       body=st.binary(max_size=300) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
       suffix=st.sampled_from([".csv", ".geojson", ".json"]))
def test_any_bytes_are_read_or_refused_never_a_crash(tmp_path_factory: pytest.TempPathFactory, head: bytes,
                                                     body: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("any") / f"plan{suffix}"
    path.write_bytes(head + body if suffix == ".csv" else body)
    with contextlib.suppress(FieldAppError):
        read_plan(path, RD)


_JSON = st.recursive(st.none() | st.booleans() | st.floats() | st.integers(-(10 ** 400), 10 ** 400)
                     | st.text(max_size=10),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                 max_size=4), max_leaves=20)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(features=_JSON, crs=_JSON, props=_JSON, coords=_JSON)
def test_any_json_shape_is_read_or_refused_never_a_crash(tmp_path_factory: pytest.TempPathFactory, features: object,
                                                         crs: object, props: object, coords: object) -> None:
    doc = {"type": "FeatureCollection", "crs": crs, "features": [
        {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": coords}}, features]}
    path = tmp_path_factory.mktemp("json") / "plan.geojson"
    path.write_text(json.dumps(doc))
    with contextlib.suppress(FieldAppError):
        read_plan(path, RD)
