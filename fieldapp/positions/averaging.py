"""Averaging accepted fixes into one measured position, with its evidence.

The sampler stands on the spot; fixes are collected until they stop it or a
target is met (a number of fixes, a duration, or a spread small enough).
Averaging shrinks the noise but not a receiver's systematic error, so the
accuracy of the result is the larger of the receivers' own estimate and the
observed spread; the BRO class follows from that and the weakest fix type used.
"""

from __future__ import annotations

import math
import statistics
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from fieldapp.errors import GnssError
from fieldapp.positions.accuracy import bro_class
from fieldapp.positions.model import Fix, FixType

_M_PER_DEG = 111_320.0  # metres per degree of latitude, near enough for a spread
_WEAKEST_FIRST = [FixType.GPS, FixType.DGPS, FixType.RTK_FLOAT, FixType.RTK_FIXED]


class StopReason(StrEnum):
    """Why averaging ended: the sampler is told, and may set the conditions."""

    COUNT = "count"  # the number of fixes was reached
    TIME = "time"  # the time limit passed before the number was reached
    SPREAD = "spread"  # the fixes agreed closely enough
    STOPPED = "stopped"  # the sampler stopped it (or saved with the average so far)


@dataclass(frozen=True, slots=True)
class AveragingTarget:
    count: int | None = None
    seconds: float | None = None
    spread_m: float | None = None  # stop when 2DRMS is at most this (after min_count fixes)
    min_count: int = 5
    rtk_fixed_only: bool = False


@dataclass(frozen=True, slots=True)
class AveragedPosition:
    lat: float
    lon: float
    alt_msl: float | None
    alt_hae: float | None
    sigma_north: float  # metres, sample standard deviation of the fixes
    sigma_east: float
    drms2: float  # 2DRMS of the fixes, metres
    sigma_m: float | None  # horizontal accuracy claimed for the result
    count: int
    first: datetime
    last: datetime
    fix_type: FixType  # the weakest type among the fixes used
    fix_type_counts: tuple[tuple[str, int], ...]
    bro_class: str | None
    raw: tuple[str, ...]  # the NMEA of every epoch used, in order

    @property
    def span_s(self) -> float:
        return (self.last - self.first).total_seconds()


class Averager:
    def __init__(self, target: AveragingTarget | None = None) -> None:
        self.target = target or AveragingTarget()
        self._fixes: list[Fix] = []
        self._stopped = False

    @property
    def count(self) -> int:
        return len(self._fixes)

    def add(self, fix: Fix) -> bool:
        """Offer a fix; returns whether it was used."""
        if self.target.rtk_fixed_only and fix.fix_type is not FixType.RTK_FIXED:
            return False
        if self._fixes and fix.time == self._fixes[-1].time:
            # the same epoch, completed after the receiver paused inside its burst: one second
            # is one fix, with the satellites and every frame of the whole burst
            self._fixes[-1] = fix
            return True
        if self.done:
            return False
        self._fixes.append(fix)
        return True

    @property
    def done(self) -> bool:
        return self.stop_reason is not None

    @property
    def span_s(self) -> float:
        """Seconds from the first fix taken to the last."""
        return (self._fixes[-1].time - self._fixes[0].time).total_seconds() if self._fixes else 0.0

    @property
    def stop_reason(self) -> StopReason | None:
        """Which target stopped the averaging, or None while it goes on."""
        t, n = self.target, len(self._fixes)
        if self._stopped:
            return StopReason.STOPPED
        if n == 0:
            return None
        if t.count is not None and n >= t.count:
            return StopReason.COUNT
        if t.seconds is not None and self.span_s >= t.seconds:
            return StopReason.TIME
        if t.spread_m is not None and n >= t.min_count and self.result().drms2 <= t.spread_m:
            return StopReason.SPREAD
        return None

    def stop(self) -> None:
        """End now (the sampler's decision); the fixes taken so far are kept."""
        self._stopped = True

    def result(self) -> AveragedPosition:
        fs = self._fixes
        if not fs:
            raise GnssError("no accepted fix to average", hint="Wait for a fix and try again.")
        lat = math.fsum(f.lat for f in fs) / len(fs)
        lon = math.fsum(f.lon for f in fs) / len(fs)
        north = [(f.lat - lat) * _M_PER_DEG for f in fs]
        east = [(f.lon - lon) * _M_PER_DEG * math.cos(math.radians(lat)) for f in fs]
        sn = stdev(north) if len(fs) > 1 else 0.0
        se = stdev(east) if len(fs) > 1 else 0.0
        drms = math.hypot(sn, se)
        own = [f.accuracy.sigma_m for f in fs if f.accuracy.sigma_m is not None]
        sigma = max(statistics.fmean(own), drms) if own else None
        weakest = next(t for t in _WEAKEST_FIRST if any(f.fix_type is t for f in fs))
        counts = Counter(str(f.fix_type) for f in fs)
        return AveragedPosition(
            lat=lat,
            lon=lon,
            alt_msl=_mean([f.alt_msl for f in fs]),
            alt_hae=_mean([f.alt_hae for f in fs]),
            sigma_north=sn,
            sigma_east=se,
            drms2=2 * drms,
            sigma_m=sigma,
            count=len(fs),
            first=fs[0].time,
            last=fs[-1].time,
            fix_type=weakest,
            fix_type_counts=tuple(sorted(counts.items())),
            bro_class=bro_class(weakest, sigma),
            raw=tuple(s for f in fs for s in f.raw),
        )


def stdev(values: list[float]) -> float:
    """``statistics.stdev(values)``, the same float, at a tenth of the cost (``fieldapp inspect``
    re-derives every borehole's position; statistics spends most of the averaging in Fractions).

    Like statistics it takes the sum of squared deviations exactly and rounds its square root
    once, correctly; here the floats are integers over one power of two instead of Fractions.
    """
    try:
        ratios = [v.as_integer_ratio() for v in values]
    except (OverflowError, ValueError):  # an infinity or a NaN: statistics says what follows
        return statistics.stdev(values)
    n = len(ratios)
    if n < 2:
        return statistics.stdev(values)  # its error
    scale = max(d for _, d in ratios)  # every denominator is a power of two: each divides the largest
    ints = [num * (scale // d) for num, d in ratios]
    total = sum(ints)
    # the sample variance is (n * sum(x^2) - sum(x)^2) / (n (n - 1) scale^2), exactly
    return _sqrt_of_fraction(n * sum(i * i for i in ints) - total * total, n * (n - 1) * scale * scale)


# the bits of the integer square root before its one rounding (statistics' _sqrt_bit_width)
_SQRT_BITS = 2 * sys.float_info.mant_dig + 3


def _sqrt_of_fraction(n: int, m: int) -> float:
    """The square root of n/m (n >= 0, m > 0) as a float, correctly rounded: an integer root with
    enough bits, rounded to odd, then one division (statistics' _float_sqrt_of_frac)."""
    q = (n.bit_length() - m.bit_length() - _SQRT_BITS) // 2
    if q >= 0:
        return float(_isqrt_rto(n, m << 2 * q) << q)
    return _isqrt_rto(n << -2 * q, m) / (1 << -q)


def _isqrt_rto(n: int, m: int) -> int:
    """The square root of n/m, an integer rounded to odd."""
    a = math.isqrt(n // m)
    return a | (a * a * m != n)


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return math.fsum(present) / len(present) if present else None
