"""GeoPackage (OGC 12-128, version 1.3) written with the sqlite3 module.

A GeoPackage is an SQLite file with a fixed set of metadata tables; writing
it directly needs no GDAL bindings on the laptop, and GDAL and QGIS read it
as any other. Boreholes are point features (measured positions, and the
planned positions as a second layer); the project, layers, samples, sample
parts and containers are attribute tables related by code and identifier.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fieldapp.export.atomic import Job
from fieldapp.export.data import ProjectData
from fieldapp.export.geo import NAMES, WKT, Points, gpkg_datetime
from fieldapp.export.tables import BOREHOLE, TABLES, Column, Table

APPLICATION_ID = 0x47504B47  # "GPKG"
USER_VERSION = 10300  # GeoPackage 1.3: GDAL 3.6 (Debian 12) warns on 1.4, the tables are the same
_SQL_TYPES = {"text": "TEXT", "integer": "INTEGER", "real": "REAL", "datetime": "DATETIME", "date": "DATE"}
# GeoPackageBinary header: magic "GP", version 0, flags (bit 0: little-endian,
# envelope bits 1-3 zero: none), srs_id; then a little-endian WKB Point.
_HEADER = struct.Struct("<2sBBi")
_WKB_POINT = struct.Struct("<BIdd")

_CORE_SQL = """
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))
"""


def point_blob(x: float, y: float, srs_id: int) -> bytes:
    return _HEADER.pack(b"GP", 0, 1, srs_id) + _WKB_POINT.pack(1, 1, x, y)


def polygon_blob(rings: Sequence[Sequence[tuple[float, float]]], srs_id: int) -> bytes:
    body = [struct.pack("<BII", 1, 3, len(rings))]
    for ring in rings:
        body.append(struct.pack(f"<I{2 * len(ring)}d", len(ring), *(v for p in ring for v in p)))
    return _HEADER.pack(b"GP", 0, 1, srs_id) + b"".join(body)


def _contour(conn: sqlite3.Connection, data: ProjectData, pts: Points) -> None:
    """The site contour as a polygon layer with the project's code, name and report number."""
    conn.execute('CREATE TABLE "site_contour" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POLYGON, '
                 '"project_code" TEXT, "project_name" TEXT, "report_number" TEXT)')
    flat = [p for ring in pts.contour or [] for p in ring]
    _contents(conn, "site_contour", "The site contour (onderzoekslocatie) of the project", "features", pts.crs,
              _bbox(flat))
    conn.execute("INSERT INTO gpkg_geometry_columns VALUES ('site_contour', 'geom', 'POLYGON', ?, 0, 0)",
                 (pts.crs,))
    if pts.contour:
        p = data.project
        conn.execute('INSERT INTO "site_contour" (geom, project_code, project_name, report_number) '
                     "VALUES (?, ?, ?, ?)", (polygon_blob(pts.contour, pts.crs), p["code"], p["name"],
                                             p.get("report_number")))


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _convert(columns: Sequence[Column]) -> list[Any]:
    return [gpkg_datetime if c.kind == "datetime" else None for c in columns]


def _rows(table: Table, data: ProjectData) -> Iterator[list[Any]]:
    converters = _convert(table.columns)
    for record in table.records(data):
        yield [v if f is None else f(v) for f, v in zip(converters, record, strict=True)]


def _create(conn: sqlite3.Connection, name: str, columns: Sequence[Column], geometry: bool) -> None:
    cols = ["fid INTEGER PRIMARY KEY AUTOINCREMENT"]
    if geometry:
        cols.append("geom POINT")
    cols += [f'"{c.name}" {_SQL_TYPES[c.kind]}' for c in columns]
    conn.execute(f'CREATE TABLE "{name}" ({", ".join(cols)})')


def _contents(conn: sqlite3.Connection, name: str, doc: str, kind: str, srs: int | None,
              bbox: tuple[float, float, float, float] | None) -> None:
    conn.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, "
        "min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (name, kind, name, doc, _now(), *(bbox or (None, None, None, None)), srs),
    )


def _bbox(xy: list[tuple[float, float]]) -> tuple[float, float, float, float] | None:
    if not xy:
        return None
    xs, ys = [p[0] for p in xy], [p[1] for p in xy]
    return min(xs), min(ys), max(xs), max(ys)


def _features(conn: sqlite3.Connection, name: str, doc: str, data: ProjectData,
              where: dict[str, tuple[float, float] | None], srs: int) -> None:
    _create(conn, name, BOREHOLE.columns, geometry=True)
    xy = [p for p in where.values() if p is not None]
    _contents(conn, name, doc, "features", srs, _bbox(xy))
    conn.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', ?, 0, 0)", (name, srs))
    def blob(xy: tuple[float, float] | None) -> bytes | None:
        return None if xy is None else point_blob(xy[0], xy[1], srs)

    pairs = zip(data.boreholes, _rows(BOREHOLE, data), strict=True)
    rows = ([blob(where.get(b["id"])), *values] for b, values in pairs)
    marks = ", ".join("?" * (len(BOREHOLE.columns) + 1))
    conn.executemany(f'INSERT INTO "{name}" (geom, {_names(BOREHOLE.columns)}) VALUES ({marks})', rows)


def _names(columns: Sequence[Column]) -> str:
    return ", ".join(f'"{c.name}"' for c in columns)


def write_gpkg(data: ProjectData, pts: Points, path: Path, job: Job) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        # a staging file: durability comes from the fsync before it is moved into place
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {USER_VERSION}")
        conn.execute("BEGIN")
        for statement in _CORE_SQL.split(";\n"):
            conn.execute(statement)
        conn.executemany(
            "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
            [
                ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian system"),
                ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic system"),
                *[(NAMES[s], s, "EPSG", s, WKT[s], NAMES[s]) for s in sorted(WKT)],
            ],
        )
        _features(conn, "borehole", "Boreholes at their measured positions", data, pts.measured, pts.crs)
        job.step(1, len(TABLES) + 1)
        _features(conn, "borehole_planned", "Boreholes at their planned positions", data, pts.planned, pts.crs)
        _contour(conn, data, pts)
        for n, table in enumerate(t for t in TABLES if t is not BOREHOLE):
            _create(conn, table.name, table.columns, geometry=False)
            _contents(conn, table.name, table.doc, "attributes", None, None)
            marks = ", ".join("?" * len(table.columns))
            conn.executemany(
                f'INSERT INTO "{table.name}" ({_names(table.columns)}) VALUES ({marks})', _rows(table, data)
            )
            job.step(n + 2, len(TABLES) + 1)
        conn.execute("COMMIT")
    finally:
        conn.close()
