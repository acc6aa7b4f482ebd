"""Each borehole's position, re-derived from the raw NMEA stored with it.

The stored raw NMEA is replayed through the same pipeline and averager a live
session used (fieldapp.positions); the result must give the stored latitude
and longitude, the RD coordinates, the number of epochs, the fix type and the
BRO positioning class. A position typed over, moved or given a better class
afterwards no longer follows from its evidence, even when the edit went
through the journal.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from fieldapp.errors import CoordinateError, FieldAppError
from fieldapp.inspect import plain_replay
from fieldapp.inspect.requirements import Note, Outcome, Requirement
from fieldapp.positions.averaging import AveragedPosition, Averager
from fieldapp.positions.dates import Clock
from fieldapp.positions.pipeline import NmeaPipeline, fixes
from fieldapp.positions.rdnap import RdNap
from fieldapp.positions.sentences import BadField, parse_time

_M_PER_DEG = 111_320.0  # metres per degree of latitude; ample for a centimetre tolerance


@dataclass(frozen=True)
class Stored:
    code: str
    lat: float
    lon: float
    x_rd: float | None
    y_rd: float | None
    epoch_count: int | None
    fix_type: str | None
    position_class: str | None
    raw_nmea: str | None


def rederive(raw: str) -> AveragedPosition | None:
    """The averaged position a live session saves from ``raw``; None when no epoch is a fix.

    A receiver that sends no date (GGA alone) was dated by the laptop clock in
    the field; the replay dates it from its own first time of day instead. A log
    of the plain form is read by plain_replay, which gives the pipeline's fixes
    at a fraction of its cost."""
    plain = plain_replay.fixes(raw)
    if plain:
        averager = Averager()
        for fix in plain:
            averager.add(fix)
        return averager.result()
    data = raw.encode("ascii", "replace")
    found = _average(data, None)
    if found is None:
        first = _first_time(raw)
        if first is not None:
            now = datetime.combine(date(2000, 1, 1), first, tzinfo=UTC)
            found = _average(data, lambda: now)
    return found


def _average(data: bytes, clock: Clock | None) -> AveragedPosition | None:
    pipeline = NmeaPipeline(clock)
    averager = Averager()
    for fix in fixes(pipeline.feed(data) + pipeline.flush()):
        averager.add(fix)
    return averager.result() if averager.count else None


def _first_time(raw: str) -> time | None:
    for line in raw.splitlines():
        if line[3:6] == "GGA":
            try:
                return parse_time(line.split(",")[1])
            except (BadField, IndexError):
                return None
    return None


class RdCells:
    """RDNAPTRANS2018 x, y, interpolated bilinearly in cells of 0.001 by 0.0015 degrees.

    The full transformation costs a millisecond, ten seconds for a project of
    10,000 boreholes. Within a cell of about 110 by 100 m the projection and its
    correction grid are bilinear to a fraction of a millimetre, and the datum
    transformation's dependence on the height is linear (tests/inspect
    compares it with the exact transformation). Corners are shared by the
    cells around them, so a site of boreholes costs a few calls per cell."""

    DLAT, DLON, H_REF, DH = 0.001, 0.0015, 45.0, 10.0

    def __init__(self, rd: RdNap | None = None) -> None:
        self._rd = rd or RdNap()
        # (i, j, with height) -> x, y at H_REF (or without a height), and their change per metre of height
        self._corners: dict[tuple[int, int, bool], tuple[float, float, float, float] | None] = {}

    def to_rd(self, lat: float, lon: float, h: float | None = None) -> tuple[float, float] | None:
        """x and y as ``RdNap.to_rd(lat, lon, h)`` gives them; None outside the grids."""
        fi, fj = lat / self.DLAT, lon / self.DLON
        i, j = math.floor(fi), math.floor(fj)
        a, b = fi - i, fj - j
        corners = [self._corner(i + di, j + dj, h is not None) for di, dj in ((0, 0), (1, 0), (0, 1), (1, 1))]
        if any(c is None for c in corners):
            return None
        weights = ((1 - a) * (1 - b), a * (1 - b), (1 - a) * b, a * b)
        dh = 0.0 if h is None else h - self.H_REF
        x = y = 0.0
        for w, c in zip(weights, corners, strict=True):
            assert c is not None
            x += w * (c[0] + c[2] * dh)
            y += w * (c[1] + c[3] * dh)
        return x, y

    def _corner(self, i: int, j: int, height: bool) -> tuple[float, float, float, float] | None:
        key = (i, j, height)
        if key not in self._corners:
            lat, lon = i * self.DLAT, j * self.DLON
            try:
                p = self._rd.to_rd(lat, lon, self.H_REF if height else None)
                u = self._rd.to_rd(lat, lon, self.H_REF + self.DH) if height else p
            except CoordinateError:  # outside the grids: no RD position to compare
                self._corners[key] = None
            else:
                self._corners[key] = (p.x, p.y, (u.x - p.x) / self.DH, (u.y - p.y) / self.DH)
        return self._corners[key]


def stored_positions(conn: sqlite3.Connection, project_id: str) -> Iterator[Stored]:
    cur = conn.execute(
        "SELECT code, lat, lon, x_rd, y_rd, epoch_count, fix_type, position_class, raw_nmea FROM borehole "
        "WHERE project_id = ? AND lat IS NOT NULL ORDER BY code", (project_id,))
    for row in cur:
        yield Stored(*row)


def problems(hole: Stored, found: AveragedPosition | None, cells: RdCells, tolerance_m: float) -> list[Note]:
    """What in the stored position does not follow from its NMEA (empty: all of it does)."""
    c = hole.code
    if not hole.raw_nmea:
        return [Note(f"{c}: geen ruwe NMEA bewaard bij de positie",
                     f"{c}: no raw NMEA stored with the position")]
    if found is None:
        return [Note(f"{c}: de bewaarde NMEA bevat geen bruikbare fix",
                     f"{c}: the stored NMEA holds no usable fix")]
    out = []
    tol_nl, tol_en = f"(tolerantie {tolerance_m:g} m)", f"(tolerance {tolerance_m:g} m)"
    off = math.hypot((hole.lat - found.lat) * _M_PER_DEG,
                     (hole.lon - found.lon) * _M_PER_DEG * math.cos(math.radians(found.lat)))
    if off > tolerance_m:
        out.append(Note(f"{c}: opgeslagen positie ligt {off:.3f} m van wat de NMEA geeft {tol_nl}",
                        f"{c}: stored position is {off:.3f} m from what the NMEA gives {tol_en}"))
    if hole.x_rd is not None and hole.y_rd is not None:
        rd = cells.to_rd(found.lat, found.lon, found.alt_hae)
        if rd is None:
            out.append(Note(f"{c}: RD-coördinaten opgeslagen, maar de NMEA-positie ligt buiten het RD-grid",
                            f"{c}: RD coordinates stored, but the NMEA position is outside the RD grid"))
        elif (d := math.hypot(hole.x_rd - rd[0], hole.y_rd - rd[1])) > tolerance_m:
            out.append(Note(f"{c}: RD-coördinaten liggen {d:.3f} m van wat de NMEA geeft {tol_nl}",
                            f"{c}: RD coordinates are {d:.3f} m from what the NMEA gives {tol_en}"))
    if hole.epoch_count != found.count:
        out.append(Note(f"{c}: {hole.epoch_count} epochs opgeslagen, de NMEA bevat er {found.count}",
                        f"{c}: {hole.epoch_count} epochs stored, the NMEA holds {found.count}"))
    if (hole.fix_type or "") != str(found.fix_type):
        out.append(Note(f"{c}: fixtype {hole.fix_type} opgeslagen, de NMEA geeft {found.fix_type}",
                        f"{c}: fix type {hole.fix_type} stored, the NMEA gives {found.fix_type}"))
    if (hole.position_class or None) != found.bro_class:
        out.append(Note(f"{c}: klasse {hole.position_class} opgeslagen, de NMEA geeft {found.bro_class}",
                        f"{c}: class {hole.position_class} stored, the NMEA gives {found.bro_class}"))
    return out


def check(conn: sqlite3.Connection, project_id: str, requirement: Requirement) -> Outcome:
    tolerance = requirement.number("tolerance_m")
    cells = RdCells()
    failures: list[Note] = []
    holes = 0
    for hole in stored_positions(conn, project_id):
        holes += 1
        try:
            found = rederive(hole.raw_nmea) if hole.raw_nmea else None
        except FieldAppError:
            found = None
        failures.extend(problems(hole, found, cells, tolerance))
    unmeasured = conn.execute("SELECT COUNT(*) FROM borehole WHERE project_id = ? AND lat IS NULL",
                              (project_id,)).fetchone()[0]
    rest_nl = f"; {unmeasured} zonder gemeten positie" if unmeasured else ""
    rest_en = f"; {unmeasured} without a measured position" if unmeasured else ""
    return Outcome.judged(failures, Note(
        f"{holes} posities opnieuw afgeleid uit hun NMEA{rest_nl}",
        f"{holes} positions re-derived from their NMEA{rest_en}"))
