"""Typed, validated content of the NMEA sentences FieldApp uses.

pynmea2 splits a good frame into fields; everything after that is done here,
because pynmea2 reads an empty latitude as 0.0, returns numbers as strings
and judges RMC validity wrongly for NMEA 4.10 receivers. A field that does
not have the expected form makes the whole sentence invalid (``None``),
except that an empty position field means "no position".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time

import pynmea2

_TIME = re.compile(r"(\d\d)(\d\d)(\d\d)(?:\.(\d{1,6}))?\Z")
_LAT = re.compile(r"(\d\d)(\d\d(?:\.\d+)?)\Z")
_LON = re.compile(r"(\d\d\d)(\d\d(?:\.\d+)?)\Z")
_NUM = re.compile(r"-?\d+(?:\.\d*)?\Z|-?\.\d+\Z")
_INT = re.compile(r"\d{1,3}\Z")

#: Sentence formatters FieldApp reads; anything else is framed, kept raw and skipped.
USED = frozenset({"GGA", "RMC", "GSA", "GST", "ZDA", "GNS", "GLL"})


class BadField(ValueError):
    """A field does not have the form its sentence requires."""


@dataclass(frozen=True, slots=True)
class Position:
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Gga:
    talker: str
    tod: time | None
    position: Position | None
    quality: int | None
    sats: int | None
    hdop: float | None
    alt_msl: float | None
    geoid_sep: float | None


@dataclass(frozen=True, slots=True)
class Rmc:
    talker: str
    tod: time | None
    valid: bool
    position: Position | None
    day: date | None
    mode: str | None  # NMEA 2.3+ mode indicator (A D E F M N P R S)


@dataclass(frozen=True, slots=True)
class Gns:
    talker: str
    tod: time | None
    position: Position | None
    modes: str
    sats: int | None
    hdop: float | None
    alt_msl: float | None
    geoid_sep: float | None


@dataclass(frozen=True, slots=True)
class Gll:
    talker: str
    tod: time | None
    position: Position | None
    valid: bool
    mode: str | None


@dataclass(frozen=True, slots=True)
class Gsa:
    talker: str
    mode: int | None  # 1 no fix, 2 2D, 3 3D
    pdop: float | None
    hdop: float | None
    vdop: float | None


@dataclass(frozen=True, slots=True)
class Gst:
    talker: str
    tod: time | None
    sigma_lat: float | None
    sigma_lon: float | None
    sigma_alt: float | None


@dataclass(frozen=True, slots=True)
class Zda:
    talker: str
    tod: time | None
    day: date | None


@dataclass(frozen=True, slots=True)
class Pgrme:
    """Garmin's estimated position error (metres)."""

    hpe: float | None
    vpe: float | None


Sentence = Gga | Rmc | Gns | Gll | Gsa | Gst | Zda | Pgrme


def parse_time(s: str) -> time | None:
    if not s:
        return None
    m = _TIME.match(s)
    if m is None:
        raise BadField(s)
    h, mi, sec = int(m[1]), int(m[2]), int(m[3])
    # 60 is a leap second; time() cannot hold it and it is rare enough to drop.
    if h > 23 or mi > 59 or sec > 59:
        raise BadField(s)
    frac = m[4] or ""
    return time(h, mi, sec, int(frac.ljust(6, "0")) if frac else 0)


def parse_number(s: str) -> float | None:
    if not s:
        return None
    if _NUM.match(s) is None:
        raise BadField(s)
    return float(s)


def parse_dop(s: str) -> float | None:
    """A dilution of precision: at least 0.5 in any geometry, and receivers send 99.99 for "none".

    0 and negative values (HDOP -1 from broken firmware or a forged sentence) are impossible.
    """
    v = parse_number(s)
    if v is not None and not 0 < v <= 100:
        raise BadField(s)
    return v


def parse_sigma(s: str) -> float | None:
    """An error estimate in metres: never negative."""
    v = parse_number(s)
    if v is not None and v < 0:
        raise BadField(s)
    return v


def parse_count(s: str) -> int | None:
    if not s:
        return None
    if _INT.match(s) is None:
        raise BadField(s)
    return int(s)


def parse_position(lat: str, ns: str, lon: str, ew: str) -> Position | None:
    if not lat and not lon:
        return None  # an empty position is "no position", never 0/0
    mlat, mlon = _LAT.match(lat), _LON.match(lon)
    if mlat is None or mlon is None or ns not in ("N", "S") or ew not in ("E", "W"):
        raise BadField(f"{lat},{ns},{lon},{ew}")
    lat_min, lon_min = float(mlat[2]), float(mlon[2])
    lat_deg = int(mlat[1]) + lat_min / 60.0
    lon_deg = int(mlon[1]) + lon_min / 60.0
    if lat_min >= 60 or lon_min >= 60 or lat_deg > 90 or lon_deg > 180:
        raise BadField(f"{lat},{lon}")
    return Position(-lat_deg if ns == "S" else lat_deg, -lon_deg if ew == "W" else lon_deg)


def parse_date(dd: str, mm: str, yy: str) -> date | None:
    if not (dd and mm and yy):
        return None
    if not (dd.isdigit() and mm.isdigit() and yy.isdigit()) or len(yy) not in (2, 4):
        raise BadField(dd + mm + yy)
    year = int(yy)
    if len(yy) == 2:
        # GPS time starts in 1980; two-digit years before 80 are this century.
        year += 1900 if year >= 80 else 2000
    try:
        return date(year, int(mm), int(dd))
    except ValueError:
        raise BadField(dd + mm + yy) from None


def _field(data: list[str], i: int) -> str:
    try:
        return data[i].strip()
    except IndexError:
        return ""


def _mode(s: str) -> str | None:
    if not s:
        return None
    if len(s) != 1 or not s.isalpha():
        raise BadField(s)
    return s


def _gga(talker: str, d: list[str]) -> Gga:
    if len(d) < 9:
        raise BadField("GGA too short")
    q = _field(d, 5)
    return Gga(
        talker,
        parse_time(_field(d, 0)),
        parse_position(_field(d, 1), _field(d, 2), _field(d, 3), _field(d, 4)),
        None if not q else (int(q) if q.isdigit() and len(q) == 1 else _bad(q)),
        parse_count(_field(d, 6)),
        parse_dop(_field(d, 7)),
        parse_number(_field(d, 8)),
        parse_number(_field(d, 10)),
    )


def _rmc(talker: str, d: list[str]) -> Rmc:
    if len(d) < 9:
        raise BadField("RMC too short")
    status = _field(d, 1)
    if status not in ("A", "V"):
        raise BadField(status)
    ds = _field(d, 8)
    if ds and len(ds) != 6:
        raise BadField(ds)
    return Rmc(
        talker,
        parse_time(_field(d, 0)),
        status == "A",
        parse_position(_field(d, 2), _field(d, 3), _field(d, 4), _field(d, 5)),
        parse_date(ds[0:2], ds[2:4], ds[4:6]) if ds else None,
        _mode(_field(d, 11)),
    )


def _gns(talker: str, d: list[str]) -> Gns:
    if len(d) < 9:
        raise BadField("GNS too short")
    modes = _field(d, 5)
    if modes and not modes.isalpha():
        raise BadField(modes)
    return Gns(
        talker,
        parse_time(_field(d, 0)),
        parse_position(_field(d, 1), _field(d, 2), _field(d, 3), _field(d, 4)),
        modes,
        parse_count(_field(d, 6)),
        parse_dop(_field(d, 7)),
        parse_number(_field(d, 8)),
        parse_number(_field(d, 9)),
    )


def _gll(talker: str, d: list[str]) -> Gll:
    if len(d) < 6:
        raise BadField("GLL too short")
    status = _field(d, 5)
    if status not in ("A", "V"):
        raise BadField(status)
    return Gll(
        talker,
        parse_time(_field(d, 4)),
        parse_position(_field(d, 0), _field(d, 1), _field(d, 2), _field(d, 3)),
        status == "A",
        _mode(_field(d, 6)),
    )


def _gsa(talker: str, d: list[str]) -> Gsa:
    if len(d) < 17:
        raise BadField("GSA too short")
    mode = parse_count(_field(d, 1))
    if mode is not None and mode not in (1, 2, 3):
        raise BadField(str(mode))
    return Gsa(
        talker, mode, parse_dop(_field(d, 14)), parse_dop(_field(d, 15)),
        parse_dop(_field(d, 16)),
    )  # fmt: skip


def _gst(talker: str, d: list[str]) -> Gst:
    if len(d) < 8:
        raise BadField("GST too short")
    return Gst(
        talker,
        parse_time(_field(d, 0)),
        parse_sigma(_field(d, 5)),
        parse_sigma(_field(d, 6)),
        parse_sigma(_field(d, 7)),
    )


def _zda(talker: str, d: list[str]) -> Zda:
    if len(d) < 4:
        raise BadField("ZDA too short")
    return Zda(
        talker, parse_time(_field(d, 0)), parse_date(_field(d, 1), _field(d, 2), _field(d, 3))
    )


def _pgrme(d: list[str]) -> Pgrme:
    # pynmea2 keeps the 'E' of 'PGRME' as the first data field.
    if len(d) < 5 or d[0] != "E" or d[2] != "M" or d[4] != "M":
        raise BadField("PGRME")
    return Pgrme(parse_sigma(_field(d, 1)), parse_sigma(_field(d, 3)))


def _bad(s: str) -> int:
    raise BadField(s)


_PARSERS: dict[str, Callable[[str, list[str]], Sentence]] = {
    "GGA": _gga,
    "RMC": _rmc,
    "GNS": _gns,
    "GLL": _gll,
    "GSA": _gsa,
    "GST": _gst,
    "ZDA": _zda,
}


def _talker_data(line: str, head: str) -> list[str] | None:
    """The fields pynmea2.parse gives one of our talker sentences (``$GPGGA,...``, its ``head`` checked
    by the caller), without building its object: what follows the sentence type, split at the commas.
    None where pynmea2 must decide: a line that is not ``$``, the sentence type and a comma, one with
    a '*' (where pynmea2's data would end), or a talker starting with P (pynmea2 reads a proprietary
    sentence). Replaying every borehole's NMEA (`fieldapp inspect`) spent a third of its parsing in
    pynmea2."""
    if line[:1] != "$" or line[6:7] != "," or head[0] in "Pp" or "*" in line:
        return None
    return line[7:].split(",")


def parse_frame(frame: str) -> Sentence | None:
    """Typed content of one checksum-verified frame (``$...*hh``), or ``None``.

    ``None`` means FieldApp does not use this sentence or one of its fields is
    malformed; the caller keeps the raw text either way.
    """
    head = frame[1:7].split(",", 1)[0]
    if head == "PGRME":
        kind = head
    elif len(head) == 5 and head[2:] in USED and head[:2].isalpha():
        kind = head[2:]
    else:
        return None
    # The checksum was verified by the framer; leaving it off spares
    # pynmea2 a second, slower check.
    line = frame[:-3]
    data = _talker_data(line, head)
    if data is None:
        try:
            msg = pynmea2.parse(line)
        except (pynmea2.ParseError, ValueError, TypeError, IndexError):
            return None
        data = msg.data
    try:
        if kind == "PGRME":
            return _pgrme(data)
        return _PARSERS[kind](head[:2], data)
    except BadField:
        return None
