"""Acceptance: which epochs are fixes FieldApp will use as a position.

Only a real measurement counts (GPS, DGPS, RTK fixed or float; never dead
reckoning, manual entry or a simulator), and only when nothing else the
receiver said contradicts it. Every rejection names its reasons, so the
GUI and the tests can say why an epoch was not used.
"""

from __future__ import annotations

from datetime import datetime

from fieldapp.positions.accuracy import bro_class, estimate
from fieldapp.positions.model import REAL_FIX_TYPES, DateFlag, Epoch, Fix, Judged

MIN_SATELLITES = 4


class Acceptor:
    """Stateful judge: remembers the newest fix time given, so that time must advance past it.

    A date the reference clock contradicts (a receiver just after a cold start, a corrupted
    RMC) is kept apart: it never raises the bar for dates the clock agrees with, so one date
    300 days ahead cannot refuse every right one after it. Once the receiver has given a date
    the clock agrees with, a date it contradicts is the receiver's error and is refused; before
    that the clock may be the one that is wrong, and such fixes are given, flagged.
    """

    def __init__(self, min_satellites: int = MIN_SATELLITES) -> None:
        self._min_sats = min_satellites
        self._last: datetime | None = None  # of the fixes whose date the clock does not contradict
        self._last_mismatched: datetime | None = None

    def judge(self, epoch: Epoch) -> Judged:
        reasons: list[str] = []
        if epoch.fix_type not in REAL_FIX_TYPES:
            reasons.append(f"fix type {epoch.fix_type}")
        if epoch.rmc_valid is False:
            reasons.append("RMC status void")
        if epoch.gsa_mode == 1:
            reasons.append("GSA says no fix")
        if epoch.sats is not None and epoch.sats < self._min_sats:
            reasons.append(f"{epoch.sats} satellites")
        if epoch.lat is None or epoch.lon is None:
            reasons.append("no position")
        elif epoch.lat == 0 and epoch.lon == 0:
            reasons.append("position 0/0")
        reasons.extend(epoch.defects)
        mismatched = epoch.date_flag is DateFlag.CLOCK_MISMATCH
        last = self._last_mismatched if mismatched else self._last
        if epoch.utc is None:
            reasons.append("no date")
        elif mismatched and self._last is not None:
            reasons.append("date disagrees with the clock")
        elif last is not None and (epoch.utc < last or (epoch.utc == last and not epoch.amends)):
            # past every time already given, not just the last one: after a
            # jump back (a log replayed, a receiver reset) nothing repeats; an epoch
            # completed after a pause comes again with the same time, to amend its fix
            reasons.append("time did not advance")
        if reasons or epoch.lat is None or epoch.lon is None or epoch.utc is None:
            return Judged(epoch, None, tuple(reasons))
        if mismatched:
            self._last_mismatched = epoch.utc
        else:
            self._last = epoch.utc
        accuracy = estimate(epoch, epoch.fix_type)
        fix = Fix(
            time=epoch.utc,
            date_flag=epoch.date_flag,
            lat=epoch.lat,
            lon=epoch.lon,
            alt_msl=epoch.alt_msl,
            alt_hae=epoch.alt_hae,
            fix_type=epoch.fix_type,
            sats=epoch.sats,
            hdop=epoch.hdop,
            accuracy=accuracy,
            bro_class=bro_class(epoch.fix_type, accuracy.sigma_m),
            raw=epoch.raw,
        )
        return Judged(epoch, fix, ())
