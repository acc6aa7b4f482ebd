"""What the spatial exports share: the two coordinate systems and the point of each borehole."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fieldapp.domain import contour
from fieldapp.errors import CoordinateError, ExportError
from fieldapp.export.data import Row
from fieldapp.positions.rdnap import RdNap

RD_NEW = 28992
ETRS89_DEGREES = 4326  # ETRS89 latitude/longitude are written as EPSG:4326, as GIS tools expect

# OGC WKT 1 as GDAL writes it (gdalsrsinfo -o wkt1); GDAL and QGIS identify the
# system by the EPSG code beside it, the WKT is for readers without a database.
WKT = {
    RD_NEW: (
        'PROJCS["Amersfoort / RD New",GEOGCS["Amersfoort",DATUM["Amersfoort",SPHEROID["Bessel 1841",'
        '6377397.155,299.1528128,AUTHORITY["EPSG","7004"]],AUTHORITY["EPSG","6289"]],PRIMEM["Greenwich",0,'
        'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
        'AUTHORITY["EPSG","4289"]],PROJECTION["Oblique_Stereographic"],'
        'PARAMETER["latitude_of_origin",52.1561605555556],PARAMETER["central_meridian",5.38763888888889],'
        'PARAMETER["scale_factor",0.9999079],PARAMETER["false_easting",155000],'
        'PARAMETER["false_northing",463000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],'
        'AXIS["Northing",NORTH],AUTHORITY["EPSG","28992"]]'
    ),
    ETRS89_DEGREES: (
        'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
        'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
        'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],'
        'AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
    ),
}
NAMES = {RD_NEW: "Amersfoort / RD New", ETRS89_DEGREES: "WGS 84 (ETRS89 coordinates)"}


def check_crs(crs: int) -> int:
    if crs not in WKT:
        raise ExportError(f"--crs {crs} is not offered.", hint="Use 28992 (RD New) or 4326 (latitude/longitude).")
    return crs


@dataclass(frozen=True)
class Points:
    """Measured and planned (x, y) of every borehole in one coordinate system, None where unknown."""

    crs: int
    measured: dict[str, tuple[float, float] | None]
    planned: dict[str, tuple[float, float] | None]
    contour: list[list[tuple[float, float]]] | None = None  # the project's site contour, rings


def points(boreholes: list[Row], crs: int, rd: RdNap | None = None, contour_wkt: str | None = None) -> Points:
    """Easting/northing in RD, or longitude/latitude in degrees (x first, as GIS formats order them)."""
    rings = contour.parse_wkt(contour_wkt)[0] if contour_wkt else None
    if rings and crs != RD_NEW:
        rd = rd or RdNap()
        rings = [[(e.lon, e.lat) for e in (rd.from_rd(x, y) for x, y in ring)] for ring in rings]
    measured: dict[str, tuple[float, float] | None] = {}
    planned: dict[str, tuple[float, float] | None] = {}
    for b in boreholes:
        if crs == RD_NEW:
            measured[b["id"]] = _pair(b["x_rd"], b["y_rd"])
            planned[b["id"]] = _pair(b["planned_x_rd"], b["planned_y_rd"])
            continue
        measured[b["id"]] = _pair(b["lon"], b["lat"])
        planned[b["id"]] = None
        if b["planned_x_rd"] is not None and b["planned_y_rd"] is not None:
            rd = rd or RdNap()
            try:
                e = rd.from_rd(b["planned_x_rd"], b["planned_y_rd"])
            except CoordinateError:
                continue
            planned[b["id"]] = (e.lon, e.lat)
    return Points(crs, measured, planned, rings)


def _pair(x: float | None, y: float | None) -> tuple[float, float] | None:
    return None if x is None or y is None else (float(x), float(y))


def gpkg_datetime(value: Any) -> str | None:
    """ISO 8601 in UTC with milliseconds and Z, the form GeoPackage requires for DATETIME."""
    if value is None or value == "":
        return None
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
