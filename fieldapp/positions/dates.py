"""Give each epoch a full UTC time, and distrust receiver dates that need it.

NMEA times carry no date; the date comes from RMC or ZDA, and is carried
across epochs that have none (handling the UTC midnight crossing). Receivers
whose firmware predates a GPS week rollover report dates exactly a multiple
of 1024 weeks in the past; measured against a reference clock (the laptop)
such dates are corrected, and any other disagreement is flagged.

A receiver that sends no date at all (GGA only, as many RTK setups do) is
dated by the reference clock: its first epoch takes the day whose time of day
lies closest to the clock, and later epochs carry that day on as they would a
receiver's date. So the date of every epoch after the first is fixed by the
stream, not by how far the clock has moved since: a re-derivation whose clock
stands still at the first epoch dates a long session as the live one did.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from fieldapp.positions.model import DateFlag

ROLLOVER = timedelta(weeks=1024)
#: How far a receiver date may stray from the reference clock and still count
#: as agreeing (laptop clocks are set by hand in the field, time zones confuse).
TOLERANCE = timedelta(days=2)
#: How far the laptop clock may be from a dateless receiver's time of day for it to date the
#: epoch unflagged; up to FROM_CLOCK_LIMIT (a clock set to local time, not UTC) the day is still
#: the right one but flagged. The day is certain while the clock is less than 12 h off.
AGREES = timedelta(minutes=10)
FROM_CLOCK_LIMIT = timedelta(hours=3)

Clock = Callable[[], datetime]


class DateKeeper:
    """Stateful: remembers the last date so that epochs without one get it."""

    def __init__(self, reference_clock: Clock | None = None) -> None:
        self._clock = reference_clock
        self._last_day: date | None = None
        self._last_tod: time | None = None
        # the flag of the day the clock gave a dateless receiver, carried with that day
        self._clock_flag: DateFlag | None = None
        #: whether the last date resolved came from the clock, not the receiver (the acceptor holds a
        #: receiver's date the clock contradicts until the stream confirms it; a clock's day needs no such proof)
        self.clock_dated = False

    def resolve(self, tod: time | None, day: date | None) -> tuple[datetime | None, DateFlag]:
        if tod is None:
            return None, DateFlag.UNCHECKED
        self.clock_dated = False
        if day is not None:
            self._clock_flag = None  # the receiver's own date from now on
        elif self._last_day is not None and self._last_tod is not None:
            day = self._last_day
            # A time of day far below the last one means midnight has passed.
            if _seconds(tod) < _seconds(self._last_tod) - 12 * 3600:
                day = day + timedelta(days=1)
        if day is None:
            utc, flag = self._from_clock(tod)
            self.clock_dated = True
            if utc is not None:
                self._last_day, self._last_tod, self._clock_flag = utc.date(), tod, flag
            return utc, flag
        self._last_day, self._last_tod = day, tod
        utc = datetime.combine(day, tod, tzinfo=UTC)
        if self._clock_flag is not None:
            self.clock_dated = True
            return utc, self._clock_flag
        if self._clock is None:
            return utc, DateFlag.UNCHECKED
        return check_against_clock(utc, self._clock())

    def _from_clock(self, tod: time) -> tuple[datetime | None, DateFlag]:
        if self._clock is None:
            return None, DateFlag.UNCHECKED
        now = self._clock()
        # The candidate day closest to the clock (yesterday, today, tomorrow).
        candidates = [
            datetime.combine(now.date() + timedelta(days=d), tod, tzinfo=UTC) for d in (-1, 0, 1)
        ]
        best = min(candidates, key=lambda c: abs(c - now))
        if abs(best - now) > FROM_CLOCK_LIMIT:
            return None, DateFlag.CLOCK_MISMATCH
        return best, DateFlag.FROM_CLOCK if abs(best - now) <= AGREES else DateFlag.CLOCK_MISMATCH


def check_against_clock(utc: datetime, now: datetime) -> tuple[datetime, DateFlag]:
    """Compare a receiver time with the reference clock; correct a week rollover."""
    delta = now - utc
    if abs(delta) <= TOLERANCE:
        return utc, DateFlag.OK
    weeks = round(delta / ROLLOVER)
    if weeks != 0 and abs(delta - weeks * ROLLOVER) <= TOLERANCE:
        return utc + weeks * ROLLOVER, DateFlag.ROLLOVER_CORRECTED
    return utc, DateFlag.CLOCK_MISMATCH


def _seconds(t: time) -> float:
    return t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6
