"""Plain data of positions: what an epoch holds and what an accepted fix is.

These frozen dataclasses are what the GUI, the store and the command line
consume; they hold no behaviour beyond small derived values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from enum import StrEnum


class FixType(StrEnum):
    NONE = "none"
    GPS = "gps"
    DGPS = "dgps"
    RTK_FIXED = "rtk-fixed"
    RTK_FLOAT = "rtk-float"
    DEAD_RECKONING = "dead-reckoning"
    MANUAL = "manual"
    SIMULATOR = "simulator"


#: The fix types that are a measurement of where the antenna is.
REAL_FIX_TYPES = frozenset({FixType.GPS, FixType.DGPS, FixType.RTK_FIXED, FixType.RTK_FLOAT})


class DateFlag(StrEnum):
    """How far the date of an epoch can be trusted."""

    OK = "ok"  # the receiver's date agrees with the reference clock
    UNCHECKED = "unchecked"  # no reference clock (a replayed log)
    ROLLOVER_CORRECTED = "rollover-corrected"  # receiver was a multiple of 1024 weeks off
    CLOCK_MISMATCH = "clock-mismatch"  # receiver and reference clock disagree otherwise
    FROM_CLOCK = "from-clock"  # the receiver sent no date; the reference clock gave it


class SigmaSource(StrEnum):
    GST = "gst"
    PGRME = "pgrme"
    HDOP = "hdop"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Epoch:
    """Everything one receiver cycle said, merged over its sentences."""

    tod: time | None  # UTC time of day as sent
    utc: datetime | None  # full UTC time; None while no date is known
    date_flag: DateFlag
    lat: float | None
    lon: float | None
    alt_msl: float | None
    geoid_sep: float | None
    fix_type: FixType
    rmc_valid: bool | None  # None when no RMC was sent
    gsa_mode: int | None  # 1 no fix, 2 2D, 3 3D; None when no GSA was sent
    sats: int | None
    hdop: float | None
    pdop: float | None
    vdop: float | None
    gst_sigma_lat: float | None
    gst_sigma_lon: float | None
    gst_sigma_alt: float | None
    pgrme_hpe: float | None
    raw: tuple[str, ...] = field(repr=False)  # the frames, exactly as received
    defects: tuple[str, ...] = ()  # what makes the epoch unusable however good the rest looks
    amends: bool = False  # the same epoch again, completed by frames that came after a pause
    clock_dated: bool = False  # the reference clock gave the day (a receiver that sends no date)

    @property
    def alt_hae(self) -> float | None:
        """Height above the ellipsoid, when both MSL height and geoid separation were sent."""
        if self.alt_msl is None or self.geoid_sep is None:
            return None
        return self.alt_msl + self.geoid_sep


@dataclass(frozen=True, slots=True)
class Accuracy:
    """Horizontal error estimate of one fix.

    ``sigma_m`` is the horizontal root-mean-square error (DRMS,
    sqrt(σN² + σE²)), the "1σ" radius receivers quote.
    """

    sigma_m: float | None
    sigma_north: float | None
    sigma_east: float | None
    source: SigmaSource


@dataclass(frozen=True, slots=True)
class Fix:
    """An accepted position: a real fix, with its evidence."""

    time: datetime
    date_flag: DateFlag
    lat: float
    lon: float
    alt_msl: float | None
    alt_hae: float | None
    fix_type: FixType
    sats: int | None
    hdop: float | None
    accuracy: Accuracy
    bro_class: str | None  # BRO HorizontalPositioningMethod code, None if none fits
    raw: tuple[str, ...] = field(repr=False)

    def as_json(self) -> dict[str, object]:
        """The record printed by ``gps replay --json`` and ``gps listen --json``."""
        return {
            "time": self.time.isoformat().replace("+00:00", "Z"),
            "lat": round(self.lat, 10),
            "lon": round(self.lon, 10),
            "alt_msl": self.alt_msl,
            "alt_hae": None if self.alt_hae is None else round(self.alt_hae, 4),
            "fix": str(self.fix_type),
            "sats": self.sats,
            "hdop": self.hdop,
            "sigma_m": None if self.accuracy.sigma_m is None else round(self.accuracy.sigma_m, 4),
            "sigma_source": str(self.accuracy.source),
            "bro_class": self.bro_class,
            "date_flag": str(self.date_flag),
        }


@dataclass(frozen=True, slots=True)
class Judged:
    """One epoch and FieldApp's verdict on it: a fix, or the reasons it is none."""

    epoch: Epoch
    fix: Fix | None
    reasons: tuple[str, ...]
