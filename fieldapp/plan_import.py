"""Planned borehole locations from a coordinator's GIS (issue 14 item 5): CSV, GeoJSON or GeoPackage.

Each point is a planned borehole: its code, where (RD New x/y, or longitude/latitude in ETRS89, which
RDNAPTRANS2018 turns into RD), its kind (boring or peilbuis) and its planned depth in metres. The file is
read whole and checked before anything is written, then written as one journalled action: all or
nothing. Refused with one message naming the row or feature: a column FieldApp does not know, a point
outside the Netherlands, a code twice in the file, a code of a borehole that is already measured (a plan
never overwrites field work). A planned borehole already in the project gets its plan updated.

"Outside the Netherlands" is the test the site contour uses (fieldapp/domain/contour.py): outside RD New's
extent, or where RDNAPTRANS2018 gives no official result. It catches a wrong coordinate system or swapped
axes; a point a few kilometres across the border is not caught, as FieldApp has no national border.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import sqlite3
import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.domain import borehole as borehole_mod
from fieldapp.domain import project as project_mod
from fieldapp.domain.contour import geojson_crs, in_netherlands_rd
from fieldapp.domain.depth import to_cm
from fieldapp.domain.typed_number import plain_float
from fieldapp.errors import CoordinateError, FieldAppError, ValidationError
from fieldapp.messages import Inner, Named, Term, Told, named, refused
from fieldapp.rules import RuleError

if TYPE_CHECKING:
    from fieldapp.positions.rdnap import RdNap
    from fieldapp.session import Session

SUFFIXES = (".csv", ".geojson", ".json", ".gpkg")
RD_NEW, WGS84, ETRS89 = 28992, 4326, 4258
#: the attributes a plan may carry (besides its geometry), in the order the messages list them
COLUMNS = ("code", "x", "y", "lon", "lat", "kind", "planned_depth_m")
_GEOMETRY_COLUMNS = ("fid", "geom", "geometry")  # a GeoPackage's own columns


@dataclass(frozen=True)
class PlannedPoint:
    where: Named  # "row 3 (B07)" or "feature 2 (B07)": how the messages name it
    code: str
    x_rd: float
    y_rd: float
    kind: str | None  # None: the file does not say (a new borehole is a boring; a planned one keeps its kind)
    planned_depth_cm: int | None  # None: the file does not say (a planned one keeps its depth)


@dataclass
class PlanResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)


def _bad(field_name: str, key: str, **values: Any) -> RuleError:
    """A refusal of resources/messages/plan.json, in Dutch or English."""
    return refused(field_name, key, **values)


# --- reading --------------------------------------------------------------------------------------
def read_plan(path: Path, rd: RdNap) -> list[PlannedPoint]:
    """Every planned point of the file, in RD New, checked (nothing is written)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise _bad("file", "plan_suffix", file=path.name, suffix=suffix)
    if path.is_dir():
        raise _bad("file", "import_is_folder", path=str(path))
    if not path.is_file():
        raise _bad("file", "plan_missing", path=str(path))
    if suffix == ".gpkg":
        records, srid = _gpkg(path)
    else:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise _bad("file", "plan_not_text", file=path.name, why=str(exc)) from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            # Excel's plain "CSV" is Windows-1252, a "Unicode text" UTF-16: read as text they would be guesses
            line = raw.count(b"\n", 0, exc.start) + 1
            raise _bad("file", "plan_not_utf8", file=path.name, line=line, byte=f"0x{raw[exc.start]:02X}") from None
        records, srid = _csv(text, path.name) if suffix == ".csv" else _geojson(text, path.name)
    points = [_point(where, attrs, xy, srid, rd) for where, attrs, xy in records]
    if not points:
        raise _bad("file", "plan_empty", file=path.name)
    seen: dict[str, Named] = {}
    for p in points:
        if p.code.casefold() in seen:
            raise _bad("code", "plan_code_twice", what=p.where, code=p.code, other=Inner(seen[p.code.casefold()]))
        seen[p.code.casefold()] = p.where
    return points


Record = tuple[Named, dict[str, Any], tuple[float, float] | None]  # where, attributes, geometry (x, y) if any


def _known(names: Iterable[str], where: Named) -> None:
    # a blank name is the empty column a trailing separator makes, not a column
    unknown = [n for n in names
               if n.strip() and n.strip().lower() not in COLUMNS and n.strip().lower() not in _GEOMETRY_COLUMNS]
    if unknown:
        raise _bad("columns", "plan_columns" if len(unknown) > 1 else "plan_column", what=where,
                   names=", ".join(repr(n) for n in unknown), columns=", ".join(COLUMNS))


def _once(names: Iterable[str]) -> None:
    # two columns of one name (or "X" beside "x") would leave one of them unread, silently
    seen: set[str] = set()
    for name in names:
        key = name.strip().lower()
        if key in seen:
            raise _bad("columns", "plan_column_twice", what=named("header"), name=repr(name.strip()))
        if key:
            seen.add(key)


def _csv(text: str, name: str) -> tuple[list[Record], int | None]:
    # the header line's separator: Dutch Excel writes ';', QGIS ',', a GIS's or Excel's text export a tab (a
    # Dutch decimal comma in the rows below must not decide it)
    header = text.split("\n", 1)[0]
    delimiter = max(("\t", ";", ","), key=header.count) if any(d in header for d in "\t;,") else ","
    # restkey: the values of a row beyond the header's columns, kept apart (they are no column's)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter, restkey=_BEYOND)
    records: list[Record] = []
    try:
        _known(reader.fieldnames or [], named("header"))
        _once(reader.fieldnames or [])
        for n, row in enumerate(reader, start=2):
            beyond = row.pop(_BEYOND, None) or []
            if any(v.strip() for v in beyond):
                raise _bad("columns", "plan_column", what=named("row", str(n)), names=repr(beyond[0].strip()),
                           columns=", ".join(COLUMNS))
            if any((v or "").strip() for v in row.values()):
                attrs = {k.strip().lower(): v for k, v in row.items() if k and k.strip()}
                records.append((named("row", str(n)), attrs, None))
    except csv.Error as exc:  # a field over csv's limit (128 KiB): no plan has one
        raise _bad("file", "plan_not_text", file=name, why=f"line {reader.line_num}: {exc}") from None
    return records, None


_BEYOND = "\x00beyond"  # no header names a column so


def _geojson(text: str, name: str) -> tuple[list[Record], int | None]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad("file", "plan_not_json", file=name, line=exc.lineno, why=exc.msg) from None
    except RecursionError:  # arrays or objects nested thousands deep: no GeoJSON is
        raise _bad("file", "plan_not_json", file=name, line=1, why="nested too deeply") from None
    except ValueError:  # an integer of more digits than Python converts (4,300)
        found = re.search(r"\d{4300}", text)
        line = text.count("\n", 0, found.start()) + 1 if found else 1
        raise _bad("file", "plan_not_json", file=name, line=line, why="a number of thousands of digits") from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise _bad("file", "plan_not_collection", file=name)
    try:
        srid = geojson_crs(doc.get("crs"))
    except ValidationError as exc:
        raise _bad("file", "plan_file_refused", file=name, message=Told(exc), advice=Told(exc, hint=True)) from None
    records: list[Record] = []
    features = doc.get("features") or []
    if not isinstance(features, list):
        raise _bad("file", "plan_not_collection", file=name)
    for n, feature in enumerate(features, start=1):
        where = named("feature", str(n))
        props = (feature.get("properties") if isinstance(feature, dict) else None) or {}
        if not isinstance(props, dict):  # RFC 7946: an object, or null
            raise _bad("file", "plan_not_collection", file=name)
        geom = feature.get("geometry") if isinstance(feature, dict) else None
        _known(props, where)
        if not isinstance(geom, dict) or geom.get("type") != "Point":
            raise _bad("geometry", "plan_not_point", what=where,
                       type=geom.get("type") if isinstance(geom, dict) else Term("nothing"))
        try:
            xy = (float(geom["coordinates"][0]), float(geom["coordinates"][1]))
        except (KeyError, TypeError, ValueError, IndexError, OverflowError):  # Overflow: an integer of 400 digits
            raise _bad("geometry", "plan_bad_coordinates", what=where) from None
        records.append((where, {str(k).lower(): v for k, v in props.items()}, xy))
    return records, srid if srid is not None else WGS84  # RFC 7946: longitude/latitude


def _gpkg(path: Path) -> tuple[list[Record], int | None]:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            layers = conn.execute(
                "SELECT g.table_name, g.column_name, s.organization, s.organization_coordsys_id "
                "FROM gpkg_geometry_columns g JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id "
                "WHERE upper(g.geometry_type_name) IN ('POINT', 'GEOMETRY')").fetchall()
            if len(layers) != 1:
                raise _bad("file", "plan_gpkg_layers", file=path.name, n=len(layers))
            table, column, org, code = layers[0]
            cur = conn.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cur.description]
            _known([n for n in names if n != column], named("gis_layer", str(table)))
            records: list[Record] = []
            for n, values in enumerate(cur.fetchall(), start=1):
                row = dict(zip(names, values, strict=True))
                if column not in row:
                    raise sqlite3.DatabaseError(f"the layer {table} has no geometry column {column}")
                blob = row.pop(column)
                if blob is not None and not isinstance(blob, bytes):  # bytes(10**12) would take a terabyte
                    raise _bad("geometry", "plan_geometry_damaged", what=named("feature", str(n)))
                xy = _gpkg_point(blob, named("feature", str(n))) if blob is not None else None
                records.append((named("feature", str(n)), {k.lower(): v for k, v in row.items()}, xy))
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise _bad("file", "plan_not_gpkg", file=path.name, why=str(exc)) from None
    epsg = str(code).strip() if str(org).upper() == "EPSG" else ""
    return records, int(epsg) if epsg.isdigit() and len(epsg) < 10 else None  # otherwise one it does not know


def _gpkg_point(blob: bytes, where: Named) -> tuple[float, float]:
    try:
        if blob[:2] != b"GP":
            raise struct.error
        envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get((blob[3] >> 1) & 7, 0)
        at = 8 + envelope
        order = "<" if blob[at] == 1 else ">"
        kind = struct.unpack_from(order + "I", blob, at + 1)[0]
        if (kind & 0x0FFFFFFF) % 1000 != 1:
            raise _bad("geometry", "plan_wkb_type", what=where, type=kind)
        at += 5 + (4 if kind & 0x20000000 else 0)
        x, y = struct.unpack_from(order + "dd", blob, at)
    except (struct.error, IndexError):
        raise _bad("geometry", "plan_geometry_damaged", what=where) from None
    return float(x), float(y)


# --- checking one point ---------------------------------------------------------------------------
def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _shown(value: Any) -> str:
    """A value as a message quotes it: 40 characters at most (a cell can hold thousands)."""
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _number(value: Any, where: Named, what: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    # a cell typed "1e5" or "1_0" is a slip, not a place; a JSON integer of 400 digits is infinite
    number = plain_float(value, signed=True) if isinstance(value, (str, int, float)) else math.nan
    if not math.isfinite(number):
        raise _bad(what, "plan_not_number", what=where, item=what, raw=_shown(value))
    return number


def _point(where: Named, attrs: Mapping[str, Any], xy: tuple[float, float] | None, srid: int | None,
           rd: RdNap) -> PlannedPoint:
    code = _text(attrs.get("code"))
    if not code:
        raise _bad("code", "plan_no_code", what=where)
    kind_of, number = where.parts[-1]
    where = named(kind_of, f"{number} ({code})")
    x, y = (_number(attrs.get(k), where, k) for k in ("x", "y"))
    lon, lat = (_number(attrs.get(k), where, k) for k in ("lon", "lat"))
    if xy is not None:  # the geometry wins; attributes x/y/lon/lat beside it must agree with nothing
        if srid == RD_NEW:
            x, y, lon, lat = xy[0], xy[1], None, None
        elif srid in (WGS84, ETRS89):
            x, y, lon, lat = None, None, xy[0], xy[1]
        else:
            raise _bad("geometry", "plan_epsg", what=where, srid=srid)
    if x is not None and y is not None:
        x_rd, y_rd = x, y
        try:
            rd.from_rd(x, y)
        except CoordinateError:
            x_rd = math.nan
    elif lon is not None and lat is not None:
        try:
            p = rd.to_rd(lat, lon)
            x_rd, y_rd = p.x, p.y
        except CoordinateError:
            x_rd, y_rd = math.nan, math.nan
    else:
        raise _bad("position", "plan_no_position", what=where)
    if math.isnan(x_rd) or not in_netherlands_rd(x_rd, y_rd):
        shown = f"RD {x:.3f} {y:.3f}" if x is not None and y is not None else f"lon {lon} lat {lat}"
        raise _bad("position", "plan_outside", what=where, shown=shown)
    kind = _text(attrs.get("kind")) or None
    if kind is not None and kind not in borehole_mod.KINDS:
        raise _bad("kind", "plan_kind", what=where, kind=repr(kind), kinds=", ".join(borehole_mod.KINDS))
    raw = attrs.get("planned_depth_m")
    depth_cm = None
    if _text(raw):
        try:
            depth_cm = to_cm(_text(raw), "planned depth")
        except FieldAppError as exc:
            raise _bad("planned depth", "plan_depth_bad", what=where, message=Told(exc)) from None
        if depth_cm <= 0:
            raise _bad("planned depth", "plan_depth_above", what=where, raw=raw)
    return PlannedPoint(where, code, round(x_rd, 3), round(y_rd, 3), kind, depth_cm)


# --- writing --------------------------------------------------------------------------------------
def import_plan(session: Session, project_code: str, path: Path, rd: RdNap | None = None) -> PlanResult:
    """Read ``path`` and write its planned boreholes into project ``project_code``, all or nothing."""
    if rd is None:
        from fieldapp.positions.rdnap import RdNap

        rd = RdNap()
    points = read_plan(path, rd)
    proj = project_mod.by_code(session.store, project_code)
    result = PlanResult()
    with session.store.action(f"Import plan {path.name}") as tx:
        existing = {r["code"].casefold(): r for r in tx.query(
            "SELECT b.*, EXISTS (SELECT 1 FROM layer l WHERE l.borehole_id = b.id) AS has_layers "
            "FROM borehole b WHERE b.project_id = ?", (proj.id,))}
        for p in points:
            old = existing.get(p.code.casefold())
            plan = {"planned_x_rd": p.x_rd, "planned_y_rd": p.y_rd, "kind": p.kind,
                    "planned_depth_cm": p.planned_depth_cm}
            if old is None:
                new = borehole_mod.create_row(session, proj.id, code=p.code, kind=p.kind or "boring",
                                              planned_x_rd=p.x_rd,
                                              planned_y_rd=p.y_rd).row()
                new["planned_depth_cm"] = p.planned_depth_cm
                new["sampler"] = None  # a plan is nobody's field work yet
                tx.insert("borehole", new)
                result.created.append(p.code)
                continue
            if old["lat"] is not None or old["x_rd"] is not None or old["has_layers"] or old["final_depth_cm"]:
                raise _bad("code", "plan_measured", what=p.where, code=old["code"], project=project_code)
            changes = {k: v for k, v in plan.items() if v is not None and old[k] != v}
            if changes:
                tx.update("borehole", old["id"], changes)
            result.updated.append(old["code"])
    return result


__all__ = ["COLUMNS", "PlanResult", "PlannedPoint", "import_plan", "read_plan"]
