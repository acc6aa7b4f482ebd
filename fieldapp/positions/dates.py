"""Give each epoch a full UTC time, and distrust receiver dates that need it.

NMEA times carry no date; the date comes from RMC or ZDA, and is carried
across epochs that have none (handling the UTC midnight crossing). Receivers
whose firmware predates a GPS week rollover report dates exactly a multiple
of 1024 weeks in the past; measured against a reference clock (the laptop)
such dates are corrected, and any other disagreement is flagged.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from fieldapp.positions.model import DateFlag

ROLLOVER = timedelta(weeks=1024)
#: How far a receiver date may stray from the reference clock and still count
#: as agreeing (laptop clocks are set by hand in the field, time zones confuse).
TOLERANCE = timedelta(days=2)

Clock = Callable[[], datetime]


class DateKeeper:
    """Stateful: remembers the last date so that epochs without one get it."""

    def __init__(self, reference_clock: Clock | None = None) -> None:
        self._clock = reference_clock
        self._last_day: date | None = None
        self._last_tod: time | None = None

    def resolve(self, tod: time | None, day: date | None) -> tuple[datetime | None, DateFlag]:
        if tod is None:
            return None, DateFlag.UNCHECKED
        if day is None and self._last_day is not None and self._last_tod is not None:
            day = self._last_day
            # A time of day far below the last one means midnight has passed.
            if _seconds(tod) < _seconds(self._last_tod) - 12 * 3600:
                day = day + timedelta(days=1)
        if day is not None:
            self._last_day, self._last_tod = day, tod
        if day is None:
            return self._from_clock(tod)
        utc = datetime.combine(day, tod, tzinfo=UTC)
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
        if abs(best - now) > timedelta(minutes=10):
            return None, DateFlag.CLOCK_MISMATCH
        return best, DateFlag.FROM_CLOCK


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
