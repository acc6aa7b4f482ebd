"""A recorded log played again and again with time moving forward, as a receiver's does.

Played as recorded, a log jumps back in time where it starts again, and a receiver that
does that is not believed: fieldapp.positions.fix takes no fix until the time passes the
last one, so whatever starts late in a play meets no fix. Each play after the first has
its times and dates moved on by the log's span, checksums anew, every other byte as recorded.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from drivers.gnss.sources import _FIELDS  # where each sentence keeps its time of day and date
from fieldapp.positions.replay import paced

# A sentence that says when: its body (talker, name, fields) and its checksum.
_STAMPED = re.compile(rb"\$(?P<body>[A-Z]{2}(?:" + "|".join(_FIELDS).encode("ascii") + rb"),[^*$\r\n]*)"
                      rb"\*(?P<sum>[0-9A-Fa-f]{2})")
_TIME_OF_DAY = re.compile(r"(\d\d)(\d\d)(\d\d)(?:\.(\d*))?")
_ANY_DAY = date(2000, 1, 1)  # to move a time of day that comes without a date


class LoopedLog:
    """The paced epochs of a log (fieldapp.positions.replay.paced), a play at a time.

    The first play is the recording byte for byte; each later one, also one begun
    after a replug, is stamped one step after the furthest time of the play before.
    """

    def __init__(self, data: bytes) -> None:
        self.chunks = list(paced(data))
        self.span = _span(self.chunks)
        self.plays = 0

    def play(self) -> Iterator[tuple[float, bytes]]:
        """The next play, as (seconds to wait, bytes)."""
        shift = self.plays * self.span
        self.plays += 1
        return ((wait, shift_times(chunk, shift)) for wait, chunk in self.chunks)


def shift_times(chunk: bytes, seconds: float) -> bytes:
    """``chunk`` with each sentence's time of day (and date) ``seconds`` later, its checksum anew.

    A sentence recorded with a wrong checksum keeps one wrong by as much: a replay is as
    clean or as damaged as the recording.
    """
    if not seconds:
        return chunk
    delta = timedelta(seconds=seconds)

    def one(m: re.Match[bytes]) -> bytes:
        fields = m["body"].decode("latin-1").split(",")
        _restamp(fields, delta)
        body = ",".join(fields).encode("latin-1")
        damage = int(m["sum"], 16) ^ _xor(m["body"])
        checksum = f"{_xor(body) ^ damage:02X}".encode("ascii")
        return b"$" + body + b"*" + (checksum.lower() if m["sum"].islower() else checksum)

    return _STAMPED.sub(one, chunk)


def _restamp(fields: list[str], delta: timedelta) -> None:
    """One sentence's time of day and date moved ``delta`` on, each at its recorded precision."""
    name = fields[0][2:]
    t, _lat, _lon, d = _FIELDS[name]
    tod = _time_of_day(fields, t)
    day = _day(fields, name, d)
    if tod is None and day is None:
        return
    moved = datetime.combine(day or _ANY_DAY, tod[0] if tod else time()) + delta
    if tod is not None and t is not None:
        digits = tod[1]
        fraction = "" if digits is None else "." + (f"{moved.microsecond:06d}" + "0" * len(digits))[:len(digits)]
        fields[t] = moved.strftime("%H%M%S") + fraction
    if day is not None and d is not None:
        fields[d] = moved.strftime("%d%m%y")
    elif day is not None:  # ZDA: day, month and year apart
        fields[2:5] = [moved.strftime("%d"), moved.strftime("%m"), moved.strftime("%Y")]


def _time_of_day(fields: list[str], t: int | None) -> tuple[time, str | None] | None:
    """The time of day and its decimals as written; None where there is none (or a leap second)."""
    m = _TIME_OF_DAY.fullmatch(fields[t]) if t is not None and len(fields) > t else None
    if m is None:
        return None
    try:
        return time(int(m[1]), int(m[2]), int(m[3]), int(((m[4] or "") + "000000")[:6])), m[4]
    except ValueError:
        return None


def _day(fields: list[str], name: str, d: int | None) -> date | None:
    try:
        if d is not None and len(fields) > d and len(fields[d]) == 6:  # RMC: ddmmyy
            yy = int(fields[d][4:6])
            return date(2000 + yy if yy < 80 else 1900 + yy, int(fields[d][2:4]), int(fields[d][0:2]))
        if name == "ZDA" and len(fields) > 4 and fields[2] and fields[3] and len(fields[4]) == 4:
            return date(int(fields[4]), int(fields[3]), int(fields[2]))
    except ValueError:
        pass  # not a date: left as recorded
    return None


def _span(chunks: list[tuple[float, bytes]]) -> float:
    """Seconds from the first time a log gives to one step past its furthest."""
    times: list[float] = []
    midnights = 0.0
    for _wait, chunk in chunks:
        for m in _STAMPED.finditer(chunk):
            fields = m["body"].decode("latin-1").split(",")
            tod = _time_of_day(fields, _FIELDS[fields[0][2:]][0])
            if tod is None:
                continue
            secs = tod[0].hour * 3600 + tod[0].minute * 60 + tod[0].second + tod[0].microsecond / 1e6
            if times and secs + midnights < times[-1] - 12 * 3600:
                midnights += 86400.0  # far below the last: the day has turned
            times.append(secs + midnights)
    if not times:
        return 0.0
    steps = [b - a for a, b in itertools.pairwise(times) if 0 < b - a <= 1.0]
    return max(times) - times[0] + (steps[-1] if steps else 1.0)


def _xor(data: bytes) -> int:
    total = 0
    for byte in data:
        total ^= byte
    return total
