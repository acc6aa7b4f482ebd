"""The fixes of a stored NMEA log of the plain form, without the general pipeline's machinery.

`fieldapp inspect` replays every borehole's raw NMEA; through the general
pipeline (fieldapp.positions.pipeline) that is a third of a millisecond per
borehole, mostly in framing bytes, building a sentence object per frame and
merging them into epochs, all of it made for the odd receiver. What FieldApp
stores is nearly always plain: one checksummed frame per line, a GGA with a
position, a quality and a satellite count opening each epoch, its RMC and GST
of the same second beside it, perhaps GSA and sentences FieldApp does not use.

:func:`fixes` reads that form with one pattern per sentence, gives each epoch
to the same :class:`~fieldapp.positions.dates.DateKeeper` and
:class:`~fieldapp.positions.fix.Acceptor` the pipeline uses, and returns the
same :class:`~fieldapp.positions.model.Fix` objects. Anything else (a frame
not alone on its line, a bad checksum, a field the patterns do not take, a
ZDA, GNS, GLL or PGRME, an epoch without exactly one GGA) returns None: the
caller replays that log through the pipeline, which decides. The tests hold
the two to the same fixes on real receivers' logs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time
from typing import Any

from fieldapp.positions.dates import DateKeeper
from fieldapp.positions.epoch import _GGA_QUALITY  # the pipeline's own table, not a copy
from fieldapp.positions.fix import Acceptor
from fieldapp.positions.framing import MAX_BODY, nmea_checksum
from fieldapp.positions.model import Epoch, Fix, FixType
from fieldapp.positions.sentences import Gsa, parse_frame

# a line that is one frame, as the framer finds it: '$', a printable body, '*' and two hex digits
_FRAME = re.compile(rf"\$([^$*\x00-\x1f\x7f]{{0,{MAX_BODY}}})\*([0-9A-Fa-f]{{2}})", re.ASCII)
# the fields as sentences.py accepts them, in a narrower form (no signs, no spaces, no empty time)
_T = r"(\d{6}(?:\.\d{1,6})?)"
_POS = r"(\d{4}(?:\.\d+)?),([NS]),(\d{5}(?:\.\d+)?),([EW])"
_UNSIGNED = r"(\d+(?:\.\d*)?)"
_SIGNED = r"(-?\d+(?:\.\d*)?)"
_ANY = r"[^,]*"
# a talker of two letters, not starting with P (pynmea2 reads that as proprietary)
_HEAD = r"[A-OQ-Za-oq-z][A-Za-z]"
_GGA = re.compile(rf"{_HEAD}GGA,{_T},{_POS},(\d),(\d{{1,3}}),{_UNSIGNED}?,{_SIGNED}?,{_ANY},{_SIGNED}?(?:,.*)?",
                  re.ASCII)
_RMC = re.compile(rf"{_HEAD}RMC,{_T},([AV]),{_POS},{_ANY},{_ANY},(\d{{6}})?"
                  rf"(?:,{_ANY}(?:,{_ANY}(?:,([A-Za-z])?(?:,.*)?)?)?)?", re.ASCII)
_GST = re.compile(rf"{_HEAD}GST,{_T},{_ANY},{_ANY},{_ANY},{_ANY},{_UNSIGNED}?,{_UNSIGNED}?,{_UNSIGNED}?(?:,.*)?",
                  re.ASCII)


class _NotPlain(Exception):
    """The log is not of the plain form: the pipeline replays it."""


def _time(s: str) -> time:
    h, mi, sec = int(s[0:2]), int(s[2:4]), int(s[4:6])
    if h > 23 or mi > 59 or sec > 59:  # parse_time refuses it
        raise _NotPlain
    frac = s[7:]
    return time(h, mi, sec, int(frac.ljust(6, "0")) if frac else 0)


def _position(lat: str, ns: str, lon: str, ew: str) -> tuple[float, float]:
    """parse_position's arithmetic, on fields of its form."""
    lat_min, lon_min = float(lat[2:]), float(lon[3:])
    lat_deg = int(lat[:2]) + lat_min / 60.0
    lon_deg = int(lon[:3]) + lon_min / 60.0
    if lat_min >= 60 or lon_min >= 60 or lat_deg > 90 or lon_deg > 180:
        raise _NotPlain
    return (-lat_deg if ns == "S" else lat_deg), (-lon_deg if ew == "W" else lon_deg)


def _number(s: str | None) -> float | None:
    return None if s is None else float(s)


def _day(ds: str | None) -> date | None:
    if ds is None:
        return None
    year = int(ds[4:6])
    year += 1900 if year >= 80 else 2000
    try:
        return date(year, int(ds[2:4]), int(ds[0:2]))
    except ValueError:
        raise _NotPlain from None


class _Epoch:
    """What one second's frames said, as EpochAssembler._build picks it for an epoch with one GGA."""

    __slots__ = ("gga", "gsas", "gst", "raw", "rmc", "tod")

    def __init__(self) -> None:
        self.tod: time | None = None
        self.raw: list[str] = []
        # the fields of each sentence as _gga, _rmc and _gst read them
        self.gga: tuple[Any, ...] | None = None
        self.rmc: tuple[Any, ...] | None = None
        self.gst: tuple[Any, ...] | None = None
        self.gsas: list[Gsa] = []

    def epoch(self, dates: DateKeeper) -> Epoch:
        if self.gga is None:
            raise _NotPlain
        lat, lon, quality, sats, hdop, alt_msl, geoid_sep = self.gga
        rmc, gst = self.rmc, self.gst
        utc, flag = dates.resolve(self.tod, rmc[1] if rmc else None)
        modes = [g.mode for g in self.gsas if g.mode is not None]
        dop = next((g for g in self.gsas if g.pdop is not None or g.hdop is not None), None)
        fix = FixType.SIMULATOR if rmc and rmc[2] == "S" else _GGA_QUALITY.get(quality, FixType.NONE)
        return Epoch(
            tod=self.tod, utc=utc, date_flag=flag, lat=lat, lon=lon, alt_msl=alt_msl, geoid_sep=geoid_sep,
            fix_type=fix, rmc_valid=rmc[0] if rmc else None, gsa_mode=max(modes) if modes else None, sats=sats,
            hdop=hdop if hdop is not None else (dop.hdop if dop else None), pdop=dop.pdop if dop else None,
            vdop=dop.vdop if dop else None, gst_sigma_lat=gst[0] if gst else None,
            gst_sigma_lon=gst[1] if gst else None, gst_sigma_alt=gst[2] if gst else None, pgrme_hpe=None,
            raw=tuple(self.raw))


def fixes(raw: str) -> list[Fix] | None:
    """The fixes ``NmeaPipeline()`` (no reference clock) gives for ``raw``; None when ``raw`` is not
    of the plain form and only the pipeline can tell."""
    try:
        return _fixes(raw)
    except _NotPlain:
        return None


def _gga(m: re.Match[str]) -> tuple[object, ...]:
    hdop = _number(m[8])
    if hdop is not None and not 0 < hdop <= 100:  # parse_dop refuses it
        raise _NotPlain
    return (*_position(m[2], m[3], m[4], m[5]), int(m[6]), int(m[7]), hdop, _number(m[9]), _number(m[10]))


def _rmc(m: re.Match[str]) -> tuple[object, ...]:
    _position(m[3], m[4], m[5], m[6])  # one out of range makes the whole RMC unused: the pipeline decides
    return m[2] == "A", _day(m[7]), m[8]


def _gst(m: re.Match[str]) -> tuple[object, ...]:
    return _number(m[2]), _number(m[3]), _number(m[4])


Reader = tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[object, ...]], str]
#: what follows the talker -> the sentence's pattern, its reading, and the slot of _Epoch it fills
_READERS: dict[str, Reader] = {"GGA,": (_GGA, _gga, "gga"), "RMC,": (_RMC, _rmc, "rmc"), "GST,": (_GST, _gst, "gst")}


def _fixes(raw: str) -> list[Fix]:
    if not raw.isascii():
        raise _NotPlain
    dates, acceptor = DateKeeper(None), Acceptor()
    out: list[Fix] = []
    times: dict[str, time] = {}
    current = _Epoch()

    def finish(epoch: _Epoch) -> None:
        judged = acceptor.judge(epoch.epoch(dates))
        if judged.fix is not None:
            out.append(judged.fix)

    for line in raw.split("\n"):
        line = line.rstrip("\r")  # line endings are bytes between frames, skipped by the framer
        if not line:
            continue
        frame = _FRAME.fullmatch(line)
        if frame is None or int(frame[2], 16) != nmea_checksum(frame[1].encode("ascii")):
            raise _NotPlain
        body = frame[1]
        reader = _READERS.get(body[2:6])
        if reader is not None:
            m = reader[0].fullmatch(body)
            if m is None:
                raise _NotPlain  # perhaps malformed, perhaps only unusual: the pipeline decides
            tod = _tod(times, m[1])
            if current.tod is not None and tod != current.tod:
                finish(current)
                current = _Epoch()
            elif getattr(current, reader[2]) is not None:
                raise _NotPlain  # two of a kind in one epoch
            current.tod = tod
            setattr(current, reader[2], reader[1](m))
        else:
            parsed = parse_frame(line)
            if isinstance(parsed, Gsa):
                current.gsas.append(parsed)
            elif parsed is not None or body[2:5] in ("GGA", "GNS", "RMC", "GST"):
                raise _NotPlain  # a ZDA, GNS, GLL or PGRME, or a sentence of ours in another form
        current.raw.append(line)
    if current.raw:
        finish(current)
    return out


def _tod(times: dict[str, time], s: str) -> time:
    found = times.get(s)
    if found is None:
        found = times[s] = _time(s)
    return found

