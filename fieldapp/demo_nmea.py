"""The demo's GNSS receiver: raw NMEA for a position, averaged by the real positions code.

A demo borehole keeps evidence an inspector can re-derive (``fieldapp inspect``
replays every stored NMEA log): a few epochs of GGA and GST, with one RMC for
the date, scattered around the position as a DGPS receiver's fixes are, and
averaged through the same pipeline and averager as a live receiver. The
scatter is centred on the position, so the average lands on it to within the
NMEA's resolution (0.2 mm).
"""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta

from fieldapp.positions.averaging import AveragedPosition, Averager
from fieldapp.positions.framing import nmea_checksum
from fieldapp.positions.pipeline import NmeaPipeline, fixes

EPOCHS = 5
GEOID_M = 43.5  # the geoid above the GRS80 ellipsoid near Utrecht, what a receiver sends in GGA
_M_PER_DEG = 111_320.0
_SCATTER_M = 0.15  # a DGPS receiver standing still


def _sentence(body: str) -> str:
    return f"${body}*{nmea_checksum(body.encode()):02X}\r\n"


def _angle(value: float, width: int) -> str:
    degrees = int(abs(value))
    return f"{degrees:0{width}d}{(abs(value) - degrees) * 60:010.7f}"


def raw_log(lat: float, lon: float, h_ell: float | None, when: datetime, *, sats: int, hdop: float,
            sigma_m: float, rng: random.Random) -> str:
    """``EPOCHS`` one-second epochs around (lat, lon), starting at ``when`` (UTC)."""
    north = [rng.gauss(0, _SCATTER_M) for _ in range(EPOCHS)]
    east = [rng.gauss(0, _SCATTER_M) for _ in range(EPOCHS)]
    mean_n, mean_e = math.fsum(north) / EPOCHS, math.fsum(east) / EPOCHS
    alt = "" if h_ell is None else f"{h_ell - GEOID_M:.3f}"
    axis = sigma_m / math.sqrt(2)
    out = []
    for i in range(EPOCHS):
        t = when + timedelta(seconds=i)
        tod = f"{t:%H%M%S}.00"
        fix_lat = lat + (north[i] - mean_n) / _M_PER_DEG
        fix_lon = lon + (east[i] - mean_e) / (_M_PER_DEG * math.cos(math.radians(lat)))
        where = f"{_angle(fix_lat, 2)},N,{_angle(fix_lon, 3)},E"
        out.append(_sentence(f"GNGGA,{tod},{where},2,{sats:02d},{hdop:.1f},{alt},M,{GEOID_M:.1f},M,1.0,0001"))
        if i == 0:
            out.append(_sentence(f"GNRMC,{tod},A,{where},0.0,,{t:%d%m%y},,,D"))
        out.append(_sentence(f"GNGST,{tod},{sigma_m:.2f},{axis:.3f},{axis:.3f},0.0,{axis:.3f},{axis:.3f},"
                             f"{2 * axis:.3f}"))
    return "".join(out)


def averaged(raw: str) -> AveragedPosition:
    """The position a live session would have saved from ``raw``."""
    pipeline = NmeaPipeline()
    averager = Averager()
    for fix in fixes(pipeline.feed(raw.encode("ascii")) + pipeline.flush()):
        averager.add(fix)
    return averager.result()
