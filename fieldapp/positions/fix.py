"""Acceptance: which epochs are fixes FieldApp will use as a position.

Only a real measurement counts (GPS, DGPS, RTK fixed or float; never dead
reckoning, manual entry or a simulator), and only when nothing else the
receiver said contradicts it. Every rejection names its reasons, so the
GUI and the tests can say why an epoch was not used.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from fieldapp.positions.accuracy import bro_class, estimate
from fieldapp.positions.model import REAL_FIX_TYPES, DateFlag, Epoch, Fix, Judged

MIN_SATELLITES = 4
#: how soon after a held epoch the next one, of the same contradicted date, must come to confirm it
#: (receivers send an epoch a second, some every few; a garbage date that changes jumps by days)
CONFIRM_WITHIN = timedelta(seconds=60)


class Acceptor:
    """Stateful judge: remembers the newest fix time given, so that time must advance past it.

    A date the reference clock contradicts (a receiver just after a cold start, a corrupted
    RMC) is kept apart: it never raises the bar for dates the clock agrees with, so one date
    300 days ahead cannot refuse every right one after it. Once the receiver has given a date
    the clock agrees with, a date it contradicts is the receiver's error and is refused; before
    that the clock may be the one that is wrong, but one epoch cannot say which: the first such
    epoch is held back ("date not yet confirmed", no fix), and only an epoch that goes on from it
    within :data:`CONFIRM_WITHIN` is a fix, flagged. So the first epoch after opening a port, with
    nothing before it to compare with, never makes a position of a date only the receiver gives.
    A week-rollover date needs no second word: the dates module corrects it (1024 weeks exactly).
    """

    def __init__(self, min_satellites: int = MIN_SATELLITES) -> None:
        self._min_sats = min_satellites
        self._last: datetime | None = None  # of the fixes whose date the clock does not contradict
        self._last_mismatched: datetime | None = None
        # the receiver date the clock contradicts of the newest epoch that was otherwise a fix, and
        # whether that epoch was given: the next such epoch must go on from it to be a fix
        self._unconfirmed: tuple[datetime, bool] | None = None

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
        elif mismatched and not epoch.clock_dated and not reasons and not self._confirmed(epoch.utc, epoch.amends):
            reasons.append("date not yet confirmed")
        if reasons or epoch.lat is None or epoch.lon is None or epoch.utc is None:
            return Judged(epoch, None, tuple(reasons))
        if mismatched:
            self._last_mismatched = epoch.utc
            if not epoch.clock_dated:
                self._unconfirmed = (epoch.utc, True)
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

    def _confirmed(self, utc: datetime, amends: bool) -> bool:
        """Does this receiver date, which the clock contradicts, go on from the one held or given
        before it? Either way it is the one the next must go on from."""
        before, self._unconfirmed = self._unconfirmed, (utc, False)
        if before is None:
            return False
        held, given = before
        if utc == held and amends:  # the same epoch completed after a pause keeps its verdict
            self._unconfirmed = before
            return given
        return timedelta(0) < utc - held <= CONFIRM_WITHIN
