"""The demo's GNSS receiver: raw NMEA for a position, averaged by the real positions code.

A demo borehole keeps evidence an inspector can re-derive (``fieldapp inspect``
replays every stored NMEA log): a few epochs of GGA and GST, with one RMC for
the date, scattered around the position as a DGPS receiver's fixes are, and
averaged through the same pipeline and averager as a live receiver. The
scatter is centred on the position, so the average lands on it to within the
NMEA's resolution (0.2 mm).

A big demo makes this tens of thousands of times, so :func:`measured` skips
the part of the pipeline that only finds its own text again (framing, the
checksums, sentence dispatch, gathering sentences into epochs): it reads each
field with the pipeline's own field parsers and gives the epoch to the real
date keeper, acceptor and averager. ``tests/store/test_demo_nmea.py`` holds it
to ``averaged(raw_log(...))``, field for field and bit for bit.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from fieldapp.positions.averaging import AveragedPosition, Averager
from fieldapp.positions.dates import DateKeeper
from fieldapp.positions.fix import Acceptor
from fieldapp.positions.framing import nmea_checksum
from fieldapp.positions.model import Epoch, FixType
from fieldapp.positions.pipeline import NmeaPipeline, fixes
from fieldapp.positions.sentences import (
    BadField,
    parse_count,
    parse_date,
    parse_dop,
    parse_number,
    parse_position,
    parse_sigma,
    parse_time,
)

EPOCHS = 5
GEOID_M = 43.5  # the geoid above the GRS80 ellipsoid near Utrecht, what a receiver sends in GGA
_M_PER_DEG = 111_320.0
_SCATTER_M = 0.15  # a DGPS receiver standing still


def _angle(value: float, width: int) -> tuple[str, str]:
    """Whole degrees and minutes, as NMEA writes a latitude (width 2) or longitude (width 3)."""
    degrees = int(abs(value))
    return f"{degrees:0{width}d}", f"{(abs(value) - degrees) * 60:010.7f}"


def _checksum(text: str) -> int:
    return nmea_checksum(text.encode())


@dataclass(frozen=True, slots=True)
class _Log:
    """A borehole's NMEA: the text of the fields the same in every epoch, and each epoch's own
    fields (time, latitude, longitude, and the RMC date of the first) with its frames."""

    sats: str
    hdop: str
    alt: str
    geoid: str
    axis: str  # the GST's sigma of latitude and of longitude
    axis_alt: str
    epochs: tuple[tuple[str, str, str, str | None, tuple[str, ...]], ...]

    def text(self) -> str:
        return "".join(f"{frame}\r\n" for *_fields, frames in self.epochs for frame in frames)


def _log(lat: float, lon: float, h_ell: float | None, when: datetime, sats: int, hdop: float, sigma_m: float,
         rng: random.Random) -> _Log:
    """``EPOCHS`` one-second epochs around (lat, lon), starting at ``when`` (UTC)."""
    north = [rng.gauss(0, _SCATTER_M) for _ in range(EPOCHS)]
    east = [rng.gauss(0, _SCATTER_M) for _ in range(EPOCHS)]
    mean_n, mean_e = math.fsum(north) / EPOCHS, math.fsum(east) / EPOCHS
    axis = sigma_m / math.sqrt(2)
    log = _Log(f"{sats:02d}", f"{hdop:.1f}", "" if h_ell is None else f"{h_ell - GEOID_M:.3f}", f"{GEOID_M:.1f}",
               f"{axis:.3f}", f"{2 * axis:.3f}", ())
    gga_tail = f",2,{log.sats},{log.hdop},{log.alt},M,{log.geoid},M,1.0,0001"
    gst_tail = f",{sigma_m:.2f},{log.axis},{log.axis},0.0,{log.axis},{log.axis},{log.axis_alt}"
    # a frame's checksum is the XOR of its bytes: the parts every epoch shares are folded once
    gga_sum, gst_sum = _checksum("GNGGA," + gga_tail), _checksum("GNGST," + gst_tail)
    deg_lon = _M_PER_DEG * math.cos(math.radians(lat))
    epochs = []
    for i in range(EPOCHS):
        t = when + timedelta(seconds=i)
        tod = f"{t.hour:02d}{t.minute:02d}{t.second:02d}.00"
        lat_d, lat_m = _angle(lat + (north[i] - mean_n) / _M_PER_DEG, 2)
        lon_d, lon_m = _angle(lon + (east[i] - mean_e) / deg_lon, 3)
        where = f"{lat_d}{lat_m},N,{lon_d}{lon_m},E"
        tod_sum, where_sum = _checksum(tod), _checksum("," + where)
        gga = f"$GNGGA,{tod},{where}{gga_tail}*{gga_sum ^ tod_sum ^ where_sum:02X}"
        gst = f"$GNGST,{tod}{gst_tail}*{gst_sum ^ tod_sum:02X}"
        day = None
        if i == 0:
            day = f"{t.day:02d}{t.month:02d}{t.year % 100:02d}"
            rmc = f"GNRMC,{tod},A,{where},0.0,,{day},,,D"
            frames: tuple[str, ...] = (gga, f"${rmc}*{_checksum(rmc):02X}", gst)
        else:
            frames = (gga, gst)
        epochs.append((tod, lat_d + lat_m, lon_d + lon_m, day, frames))
    return replace(log, epochs=tuple(epochs))


def raw_log(lat: float, lon: float, h_ell: float | None, when: datetime, *, sats: int, hdop: float,
            sigma_m: float, rng: random.Random) -> str:
    """``EPOCHS`` one-second epochs around (lat, lon), starting at ``when`` (UTC), as the receiver sends them."""
    return _log(lat, lon, h_ell, when, sats, hdop, sigma_m, rng).text()


def averaged(raw: str) -> AveragedPosition:
    """The position a live session would have saved from ``raw``."""
    pipeline = NmeaPipeline()
    averager = Averager()
    for fix in fixes(pipeline.feed(raw.encode("ascii")) + pipeline.flush()):
        averager.add(fix)
    return averager.result()


def measured(lat: float, lon: float, h_ell: float | None, when: datetime, *, sats: int, hdop: float,
             sigma_m: float, rng: random.Random) -> AveragedPosition:
    """``averaged(raw_log(...))`` for the same arguments (the same draws of ``rng``), made without
    turning the text into bytes and back: each epoch as the epoch assembler builds it from a GGA
    (DGPS), a GST and, in the first, an RMC (valid, mode D), through the real date keeper,
    acceptor and averager."""
    log = _log(lat, lon, h_ell, when, sats, hdop, sigma_m, rng)
    try:
        return _average(log)
    except BadField:  # never for a demo position; the pipeline says what becomes of such a field
        return averaged(log.text())


def _average(log: _Log) -> AveragedPosition:
    dates, acceptor, averager = DateKeeper(), Acceptor(), Averager()
    # the same text in every epoch is the same number: read once
    sats, hdop, alt, geoid = parse_count(log.sats), parse_dop(log.hdop), parse_number(log.alt), parse_number(log.geoid)
    axis, axis_alt = parse_sigma(log.axis), parse_sigma(log.axis_alt)
    for tod_text, lat, lon, day_text, frames in log.epochs:
        tod = parse_time(tod_text)
        position = parse_position(lat, "N", lon, "E")
        if position is None or tod is None:
            raise BadField(frames[0])
        day = None if day_text is None else parse_date(day_text[0:2], day_text[2:4], day_text[4:6])
        utc, flag = dates.resolve(tod, day)
        epoch = Epoch(tod=tod, utc=utc, date_flag=flag, lat=position.lat, lon=position.lon, alt_msl=alt,
                      geoid_sep=geoid, fix_type=FixType.DGPS, rmc_valid=True if day is not None else None,
                      gsa_mode=None, sats=sats, hdop=hdop, pdop=None, vdop=None, gst_sigma_lat=axis,
                      gst_sigma_lon=axis, gst_sigma_alt=axis_alt, pgrme_hpe=None, raw=frames)
        fix = acceptor.judge(epoch).fix
        if fix is not None:
            averager.add(fix)
    return averager.result()
