"""The site contour (onderzoekslocatie): one polygon in RD New, stored as WKT.

It comes from a file the projectleider has (GeoJSON, GeoPackage or WKT, in RD or in
latitude/longitude, which RDNAPTRANS2018 turns into RD), or from the hull of the
project's boreholes. Every way ends in :func:`normalise_wkt`, which refuses what is
not one simple polygon in the Netherlands and writes coordinates to the millimetre.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import sqlite3
import struct
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.errors import CoordinateError, ValidationError
from fieldapp.messages import Count
from fieldapp.store import Store

if TYPE_CHECKING:  # the RDNAPTRANS grids and pygeodesy load only when a contour is converted: not at start
    from fieldapp.positions.rdnap import RdNap

FIELD = "site contour"
Point = tuple[float, float]
Ring = list[Point]
RD_NEW, WGS84, ETRS89 = 28992, 4326, 4258
# RD New's area of use (EPSG:28992 bounds, rounded out): a coordinate outside is not in RD.
_RD_X, _RD_Y = (-7000.0, 300000.0), (289000.0, 629000.0)
_NL_LON, _NL_LAT = (2.0, 8.0), (50.0, 56.0)
_NUMBER = r"[-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?"
_WKT = re.compile(r"^\s*(?:SRID=(\d+);)?\s*(MULTIPOLYGON|POLYGON)\s*(?:Z|M|ZM)?\s*(\(.*\))\s*$", re.I | re.S)
SUFFIXES = (".geojson", ".json", ".gpkg", ".wkt", ".txt")


def _rdnap() -> RdNap:
    from fieldapp.positions.rdnap import RdNap

    return RdNap()


def _bad(message: str, hint: str) -> ValidationError:
    return ValidationError(FIELD, message, hint=hint)


# --- WKT ------------------------------------------------------------------------------------------
_VERTEX = re.compile(rf"({_NUMBER})\s+({_NUMBER})(?:\s+{_NUMBER}){{0,2}}")


def _parse_rings(body: str, multi: bool) -> list[list[Ring]]:
    """Polygons of ``((x y, ...), (...))`` (or ``(((...)), ((...)))`` when ``multi``) as lists of rings."""
    nested = _VERTEX.sub(lambda m: f"[{float(m.group(1))!r},{float(m.group(2))!r}]", body)
    try:
        value = json.loads(nested.replace("(", "[").replace(")", "]"))
        polygons = value if multi else [value]
        return [[[(float(p[0]), float(p[1])) for p in ring] for ring in poly] for poly in polygons]
    except (ValueError, TypeError, IndexError):
        raise _bad("The WKT polygon is malformed (brackets or coordinates).",
                   "Write it as 'POLYGON ((x y, x y, ...))', each vertex as 'x y'.") from None


def parse_wkt(text: str) -> tuple[list[Ring], int | None]:
    """The rings of the one polygon in WKT or EWKT text, and the SRID it names (if any)."""
    match = _WKT.match(text or "")
    if not match:
        start = (text or "").strip()[:30]
        raise _bad(f"'{start}' is not a WKT polygon.",
                   "Give 'POLYGON ((x y, x y, ...))', with coordinates in RD (EPSG:28992) or longitude/latitude.")
    polygons = _parse_rings(match.group(3), match.group(2).upper() == "MULTIPOLYGON")
    return _one(polygons, "The WKT"), int(match.group(1)) if match.group(1) else None


def _one(polygons: list[list[Ring]], what: str) -> list[Ring]:
    if not polygons:
        raise _bad(f"{what} holds no polygon.", "Export the site contour as a polygon.")
    if len(polygons) > 1:
        raise _bad(f"{what} holds {len(polygons)} polygons; a project has one site contour.",
                   "Keep one polygon, or merge them into one in your GIS first.")
    return polygons[0]


def to_wkt(rings: Sequence[Ring]) -> str:
    return "POLYGON (" + ", ".join(
        "(" + ", ".join(f"{x:.3f} {y:.3f}" for x, y in ring) + ")" for ring in rings) + ")"


# --- checks ---------------------------------------------------------------------------------------
def _close(ring: Ring) -> Ring:
    return ring if ring and ring[0] == ring[-1] else [*ring, ring[0]] if ring else ring


def area(ring: Sequence[Point]) -> float:
    """Signed area (shoelace): positive counter-clockwise."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in itertools.pairwise(ring)) / 2


def _crosses(p: Point, q: Point, r: Point, s: Point) -> bool:
    def side(a: Point, b: Point, c: Point) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    d1, d2, d3, d4 = side(r, s, p), side(r, s, q), side(p, q, r), side(p, q, s)
    if ((d1 > 0) != (d2 > 0) and d1 * d2 != 0) and ((d3 > 0) != (d4 > 0) and d3 * d4 != 0):
        return True
    def on(a: Point, b: Point, c: Point, d: float) -> bool:
        return d == 0 and min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= c[1] <= max(a[1], b[1])
    return on(r, s, p, d1) or on(r, s, q, d2) or on(p, q, r, d3) or on(p, q, s, d4)


def _meet(p: Point, q: Point, r: Point, s: Point) -> Point:
    """Where two crossing edges meet (the start of the second where they overlap)."""
    d = (q[0] - p[0]) * (s[1] - r[1]) - (q[1] - p[1]) * (s[0] - r[0])
    if d == 0:
        return r
    t = ((r[0] - p[0]) * (s[1] - r[1]) - (r[1] - p[1]) * (s[0] - r[0])) / d
    return p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])


def _check_simple(rings: list[Ring]) -> None:
    # a sweep along x: each edge is compared only with the edges whose x-range meets its own,
    # so a parcel digitised with thousands of vertices is checked in well under a second
    edges = sorted(((min(ring[k][0], ring[k + 1][0]), max(ring[k][0], ring[k + 1][0]), i, k, ring[k], ring[k + 1])
                    for i, ring in enumerate(rings) for k in range(len(ring) - 1)), key=lambda e: e[0])
    for n, (_x0, x1, i, k, p, q) in enumerate(edges):
        for b in range(n + 1, len(edges)):  # by index: a slice would copy the rest of the list each time
            x0b, _x1b, j, m, r, s = edges[b]
            if x0b > x1:
                break
            if i == j and (abs(m - k) == 1 or {k, m} == {0, len(rings[i]) - 2}):
                continue  # neighbours share a vertex
            if _crosses(p, q, r, s):
                x, y = _meet(p, q, r, s)
                raise _bad(f"The contour crosses itself near {x:.0f} {y:.0f}.",
                           "Correct the polygon in your GIS (a figure-eight or a twisted edge) and import it again.")


def _inside(pt: Point, ring: Ring) -> bool:
    x, y, hit = pt[0], pt[1], False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def checked(rings: list[Ring]) -> list[Ring]:
    """Closed rings of one simple polygon in RD New, or ValidationError saying what is wrong."""
    # a vertex repeated in a row (GIS tools write them) is one vertex, not an edge of no length
    rings = [_close([p for n, p in enumerate(r) if n == 0 or p != r[n - 1]]) for r in rings]
    for n, ring in enumerate(rings):
        what = "The contour" if n == 0 else f"Hole {n} of the contour"
        for x, y in ring:
            if not (_RD_X[0] <= x <= _RD_X[1] and _RD_Y[0] <= y <= _RD_Y[1]):
                raise _bad(f"The vertex {x:g} {y:g} is not in RD New (EPSG:28992) in the Netherlands.",
                           "Export the contour in RD (EPSG:28992) or in longitude/latitude (EPSG:4326).")
        if len(set(ring)) < 3:
            raise _bad(f"{what} has {len(set(ring))} distinct vertices.", "A polygon needs at least three.")
    _check_simple(rings)
    for n, ring in enumerate(rings):
        if abs(area(ring)) < 1.0:
            raise _bad(f"{'The contour' if n == 0 else f'Hole {n} of the contour'} has no area (under 1 m²).",
                       "A site contour needs vertices that are not on one line.")
    for n, hole in enumerate(rings[1:], 1):
        if not _inside(hole[0], rings[0]):
            raise _bad(f"Hole {n} of the contour lies outside it.", "Correct the polygon in your GIS.")
    return rings


def to_rd(rings: list[Ring], srid: int | None, rd: RdNap | None = None) -> list[Ring]:
    """Rings in RD New: given (28992), from longitude/latitude (4326, 4258), or guessed from the numbers."""
    flat = [p for ring in rings for p in ring]
    if srid is None:
        if all(_NL_LON[0] <= x <= _NL_LON[1] and _NL_LAT[0] <= y <= _NL_LAT[1] for x, y in flat):
            srid = WGS84
        elif all(_NL_LAT[0] <= x <= _NL_LAT[1] and _NL_LON[0] <= y <= _NL_LON[1] for x, y in flat):
            srid, rings = WGS84, [[(y, x) for x, y in ring] for ring in rings]  # latitude first, as EPSG orders it
        else:
            srid = RD_NEW
    if srid == RD_NEW:
        return rings
    if srid not in (WGS84, ETRS89):
        raise _bad(f"The contour is in EPSG:{srid}, which FieldApp does not convert.",
                   "Export it in RD (EPSG:28992) or in longitude/latitude (EPSG:4326).")
    rd = rd or _rdnap()
    try:
        return [[(p.x, p.y) for p in (rd.to_rd(lat, lon) for lon, lat in ring)] for ring in rings]
    except CoordinateError as exc:
        raise _bad(f"A vertex of the contour cannot be put in RD: {exc.message}",
                   "Check that the file holds longitude/latitude in the Netherlands.") from None


def normalise_wkt(text: Any, rd: RdNap | None = None) -> str:
    """A contour as stored: a checked POLYGON in RD New, coordinates in metres to the millimetre."""
    rings, srid = parse_wkt(str(text))
    return to_wkt(checked(to_rd(rings, srid, rd)))


# --- files ----------------------------------------------------------------------------------------
def read_file(path: Path, rd: RdNap | None = None) -> str:
    """The contour in a GeoJSON, GeoPackage or WKT file, as stored WKT in RD."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise _bad(f"{path.name}: FieldApp reads a contour from GeoJSON, GeoPackage or WKT, not '{suffix}' files.",
                   "Export the contour as .geojson, .gpkg or .wkt.")
    if not path.is_file():
        raise _bad(f"{path} does not exist.", "Choose the contour file again.")
    if suffix == ".gpkg":
        rings, srid = _gpkg(path)
    else:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise _bad(f"{path.name} cannot be read as text ({exc}).", "Export the contour again.") from None
        rings, srid = _geojson(text, path.name) if suffix in (".geojson", ".json") else parse_wkt(text)
    return to_wkt(checked(to_rd(rings, srid, rd)))


def _geojson(text: str, name: str) -> tuple[list[Ring], int | None]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(f"{name} is not valid JSON (line {exc.lineno}: {exc.msg}).", "Export it again as GeoJSON.") from None
    if not isinstance(doc, dict):
        raise _bad(f"{name} is not a GeoJSON object.", "Export the contour as GeoJSON.")
    srid = _geojson_crs(doc.get("crs"))
    if doc.get("type") == "FeatureCollection":
        geoms = [f.get("geometry") for f in doc.get("features") or [] if isinstance(f, dict)]
    elif doc.get("type") == "Feature":
        geoms = [doc.get("geometry")]
    else:
        geoms = [doc]
    polygons: list[list[Ring]] = []
    for geom in geoms:
        if not isinstance(geom, dict):
            continue
        try:
            if geom.get("type") == "Polygon":
                polygons.append([[(float(p[0]), float(p[1])) for p in ring] for ring in geom["coordinates"]])
            elif geom.get("type") == "MultiPolygon":
                polygons += [[[(float(p[0]), float(p[1])) for p in ring] for ring in poly]
                             for poly in geom["coordinates"]]
        except (KeyError, TypeError, ValueError, IndexError):
            raise _bad(f"{name}: a polygon's coordinates are malformed.", "Export the contour again.") from None
    return _one(polygons, name), srid


def in_netherlands_rd(x: float, y: float) -> bool:
    """Whether RD New coordinates lie in the area a contour may have (RD's own extent)."""
    return _RD_X[0] <= x <= _RD_X[1] and _RD_Y[0] <= y <= _RD_Y[1]


def geojson_crs(crs: Any) -> int | None:
    """The EPSG code a GeoJSON ``crs`` member names; None when it names none (RFC 7946)."""
    return _geojson_crs(crs)


def _geojson_crs(crs: Any) -> int | None:
    if not isinstance(crs, dict):
        return None  # RFC 7946: longitude/latitude, or RD told from the numbers
    properties = crs.get("properties")
    name = str(properties.get("name", "")) if isinstance(properties, dict) else ""
    if name.upper().endswith("CRS84"):
        return WGS84
    match = re.search(r"EPSG:+(\d{1,9})$", name, re.I)  # int() refuses a code of thousands of digits
    if not match:
        shown = name if len(name) <= 40 else name[:39] + "…"  # the name as a message can quote it
        raise _bad(f"The GeoJSON names the coordinate system '{shown}', which FieldApp does not know.",
                   "Export it in RD (EPSG:28992) or in longitude/latitude (EPSG:4326).")
    return int(match.group(1))


def _gpkg(path: Path) -> tuple[list[Ring], int | None]:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = conn.execute("SELECT g.table_name, g.column_name, s.organization, s.organization_coordsys_id "
                                  "FROM gpkg_geometry_columns g JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id "
                                  "WHERE upper(g.geometry_type_name) IN ('POLYGON', 'MULTIPOLYGON', 'GEOMETRY', "
                                  "'CURVEPOLYGON', 'MULTISURFACE')").fetchall()
            polygons: list[list[Ring]] = []
            srid = None
            for table, column, org, code in tables:
                for (blob,) in conn.execute(f'SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL'):
                    polygons += _gpkg_geometry(bytes(blob), path.name)
                    srid = int(code) if str(org).upper() == "EPSG" else None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise _bad(f"{path.name} is not a GeoPackage ({exc}).", "Export the contour again as GeoPackage.") from None
    return _one(polygons, path.name), srid


def _gpkg_geometry(blob: bytes, name: str) -> list[list[Ring]]:
    if blob[:2] != b"GP" or len(blob) < 8:
        raise _bad(f"{name} holds a geometry that is not GeoPackage binary.", "Export the contour again.")
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get((flags >> 1) & 7, 0)
    polygons, _ = _wkb(blob, 8 + envelope, name)
    return polygons


def _wkb(blob: bytes, at: int, name: str) -> tuple[list[list[Ring]], int]:
    """Polygons of a WKB Polygon or MultiPolygon (ISO or EWKB, 2D to 4D) at ``at``, and where it ends."""
    try:
        order = "<" if blob[at] == 1 else ">"
        kind = struct.unpack_from(order + "I", blob, at + 1)[0]
        at += 5
        dims = 2 + (1 if kind & 0x80000000 else 0) + (1 if kind & 0x40000000 else 0)
        if kind & 0x20000000:
            at += 4  # EWKB SRID
        base = kind & 0x0FFFFFFF
        dims += {0: 0, 1: 1, 2: 1, 3: 2}[base // 1000]
        base %= 1000
        count = struct.unpack_from(order + "I", blob, at)[0]
        at += 4
        if base == 6:
            polygons = []
            for _ in range(count):
                more, at = _wkb(blob, at, name)
                polygons += more
            return polygons, at
        if base != 3:
            raise _bad(f"{name} holds a geometry of WKB type {base}, not a polygon.",
                       "Export the contour as a polygon.")
        rings = []
        for _ in range(count):
            points = struct.unpack_from(order + "I", blob, at)[0]
            at += 4
            values = struct.unpack_from(order + "d" * dims * points, blob, at)
            at += 8 * dims * points
            rings.append([(values[i], values[i + 1]) for i in range(0, len(values), dims)])
        return [rings], at
    except (struct.error, IndexError, KeyError):
        raise _bad(f"{name} holds a damaged geometry.", "Export the contour again.") from None


# --- from the boreholes ---------------------------------------------------------------------------
def hull(points: Sequence[Point]) -> Ring:
    """The convex hull, counter-clockwise and closed (Andrew's monotone chain)."""
    pts = sorted(set(points))

    def half(seq: list[Point]) -> list[Point]:
        out: list[Point] = []
        for p in seq:
            while len(out) >= 2 and ((out[-1][0] - out[-2][0]) * (p[1] - out[-2][1])
                                     - (out[-1][1] - out[-2][1]) * (p[0] - out[-2][0])) <= 0:
                out.pop()
            out.append(p)
        return out

    lower, upper = half(pts), half(pts[::-1])
    ring = lower[:-1] + upper[:-1]
    return [*ring, ring[0]] if ring else []


def from_boreholes(store: Store, project_id: str, margin_m: float = 1.0, rd: RdNap | None = None) -> str:
    """The hull of the project's measured (else planned) borehole positions, ``margin_m`` around each,
    so that every borehole lies inside the contour rather than on it."""
    points: list[Point] = []
    for b in store.query("SELECT x_rd, y_rd, lat, lon, planned_x_rd, planned_y_rd FROM borehole "
                         "WHERE project_id = ?", (project_id,)):
        if b["x_rd"] is not None and b["y_rd"] is not None:
            points.append((b["x_rd"], b["y_rd"]))
        elif b["lat"] is not None and b["lon"] is not None:
            rd = rd or _rdnap()
            try:
                p = rd.to_rd(b["lat"], b["lon"])
            except CoordinateError:
                continue
            points.append((p.x, p.y))
        elif b["planned_x_rd"] is not None and b["planned_y_rd"] is not None:
            points.append((b["planned_x_rd"], b["planned_y_rd"]))
    around = [(x + margin_m * math.cos(k * math.pi / 8), y + margin_m * math.sin(k * math.pi / 8))
              for x, y in points for k in range(16)] if margin_m > 0 else points
    ring = hull(around)
    if len(points) < 3 or len(ring) < 4 or abs(area(hull(points))) < 1.0:
        raise _bad(f"The project has {Count(len(points), 'borehole')} with a position, not three or more off one line.",
                   "Measure or plan at least three boreholes first, or import the contour from a file.")
    return to_wkt(checked([ring]))
