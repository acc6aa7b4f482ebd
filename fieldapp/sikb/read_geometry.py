"""Geometries of a SIKB0101 file into RD New: points of boreholes, the project contour.

A file names its coordinate system by ``srsName``: EPSG:4326 (latitude first,
as EPSG orders it; ETRS89 and WGS84 are one here, as everywhere in FieldApp)
or EPSG:28992. The conversion is RDNAPTRANS2018 (:mod:`fieldapp.positions.rdnap`).
The official control rules check no borehole's point, so this does: a point
outside the Netherlands is refused, naming the object.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fieldapp.domain import contour
from fieldapp.errors import CoordinateError
from fieldapp.messages import Named, named, refused
from fieldapp.positions.rdnap import RdNap
from fieldapp.rules import RuleError
from fieldapp.sikb.names import GML
from fieldapp.sikb.read_xml import Element, local

_EPSG = re.compile(r"(?:EPSG:+|EPSG/0/|epsg\.xml#)(\d{1,9})(?!\d)", re.I)  # int() refuses thousands of digits
_RD_X, _RD_Y = (-7000.0, 300000.0), (289000.0, 629000.0)
POSITION = "position"


@dataclass(frozen=True)
class Located:
    x_rd: float
    y_rd: float
    lat: float
    lon: float
    srid: int
    guessed: bool  # no srsName: the system was told from the numbers


def srid_of(el: Element) -> int | None:
    """The EPSG code of the geometry's srsName; None without one, -1 for a name that is no EPSG code."""
    name = el.get("srsName")
    if not name:
        return None
    match = _EPSG.search(name)
    return int(match.group(1)) if match else -1


def _numbers(raw: str | None, what: Named) -> list[float]:
    try:
        return [float(v) for v in (raw or "").split()]
    except ValueError:
        raise refused(POSITION, "refuse_point_numbers", what=what, raw=raw) from None


def point(geometry: Element, what: Named, rd: RdNap) -> Located | None:
    """The gml:Point under ``geometry`` in RD and ETRS89, or None when there is none."""
    pt = next((e for e in geometry.iter() if local(e) == "Point"), None)
    pos = pt.find(f"{{{GML}}}pos") if pt is not None else None
    if pt is None or pos is None or not (pos.text or "").strip():
        return None
    values = _numbers(pos.text, what)
    if len(values) < 2:
        raise refused(POSITION, "refuse_point_two", what=what, raw=pos.text)
    a, b = values[0], values[1]
    srid = srid_of(pt)
    guessed = srid is None
    if srid is None:
        srid = 28992 if abs(a) > 1000 or abs(b) > 1000 else 4326

    def outside() -> RuleError:  # made only when raised: a whole file's points pass through here
        return refused(POSITION, "refuse_point_outside", what=what, a=f"{a:g}", b=f"{b:g}", srid=srid)

    if srid in (4326, 4258):
        if not (-90 <= a <= 90 and -180 <= b <= 180):
            raise outside()
        try:  # strict: a point outside the RDNAPTRANS2018 grids is refused
            p = rd.to_rd(a, b)
        except CoordinateError:
            raise outside() from None
        return Located(p.x, p.y, a, b, srid, guessed)
    if srid == 28992:
        if not (_RD_X[0] <= a <= _RD_X[1] and _RD_Y[0] <= b <= _RD_Y[1]):
            raise outside()
        try:
            e = rd.from_rd(a, b)
        except CoordinateError:
            raise outside() from None
        return Located(a, b, e.lat, e.lon, srid, guessed)
    raise refused(POSITION, "refuse_point_crs", what=what, srs=pt.get("srsName"))


def contour_wkt(geometry: Element, rd: RdNap) -> str | None:
    """The first polygon under ``geometry`` as the project's contour (WKT in RD New), or None."""
    poly = next((e for e in geometry.iter() if local(e) == "Polygon"), None)
    if poly is None:
        return None
    srid = next((s for s in (srid_of(e) for e in geometry.iter()) if s is not None), None)
    rings: list[list[tuple[float, float]]] = []
    for ring in poly.iter():
        if local(ring) not in ("exterior", "interior"):
            continue
        pos_list = next((e for e in ring.iter() if local(e) == "posList"), None)
        values = _numbers(pos_list.text if pos_list is not None else "", named("contour"))
        pairs = list(zip(values[0::2], values[1::2], strict=False))
        # latitude first in EPSG:4326; fieldapp.domain.contour takes (lon, lat) pairs
        rings.append([(b, a) for a, b in pairs] if srid in (4326, 4258) else pairs)
    if not rings:
        return None
    return contour.to_wkt(contour.checked(contour.to_rd(rings, srid if srid != -1 else None, rd)))
