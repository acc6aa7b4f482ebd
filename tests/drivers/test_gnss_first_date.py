"""The very first epoch after a port opens has no epoch before it to check its date against.

A real u-blox LEA-5H log (tests/data/nmea) is played on a real pseudo-terminal, its RMC dates rewritten
as receivers get them wrong: one first date 300 days ahead (a corrupted RMC, a date not yet confirmed after
a cold start), every date 1024 weeks back (firmware from before a GPS week rollover, as the GP-320FW's
"220899" in gpsd__gp-320fw-2019-04-07-coldboot.log), and right dates on a laptop whose clock is wrong.
A first date the laptop clock contradicts is held, and said, until the next epoch goes on from it; a
rollover is corrected at once; the right dates after a wrong first one are fixes as before.
"""

from __future__ import annotations

import os
import pty
import time
import tty
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

pytest.importorskip("termios", reason="pseudo-terminals are POSIX only")

from drivers.gnss.receiver import GnssReceiver, ReceiverState, Status
from drivers.gnss.sources import SerialSource
from fieldapp.positions.dates import ROLLOVER
from fieldapp.positions.framing import nmea_checksum
from fieldapp.positions.model import DateFlag, Fix
from fieldapp.positions.replay import read_log
from fieldapp.positions.why import reasons_said

LOG = Path(__file__).resolve().parents[1] / "data" / "nmea" / "gpsd__ublox-lea-5h.log"
RECORDED = datetime(2010, 8, 21, 8, 37, 30, tzinfo=UTC)  # the day of the recording
FIRST = datetime(2010, 8, 21, 8, 37, 23, tzinfo=UTC)  # the log's first epoch


def _bursts(n: int, date_of: Callable[[int], datetime]) -> list[bytes]:
    """The log's first ``n`` epochs, the RMC of epoch k dated ``date_of(k)`` (checksum made anew)."""
    lines = read_log(LOG).splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith(b"$GPRMC")][: n + 1]
    out = []
    for k in range(n):
        burst = lines[starts[k] : starts[k + 1]]
        f = burst[0].decode("ascii").strip().split("*")[0][1:].split(",")
        f[9] = date_of(k).strftime("%d%m%y")
        body = ",".join(f)
        burst[0] = f"${body}*{nmea_checksum(body.encode()):02X}\r\n".encode()
        out.append(b"".join(burst))
    return out


def _play(bursts: list[bytes], laptop: datetime) -> tuple[list[Fix], list[ReceiverState]]:
    master, slave = pty.openpty()
    tty.setraw(slave)
    got: list[Fix] = []
    states: list[ReceiverState] = []
    rx = GnssReceiver(SerialSource(os.ttyname(slave), 9600), on_fix=got.append, on_status=states.append,
                      clock=lambda: laptop)
    try:
        with rx:
            time.sleep(0.3)
            for burst in bursts:
                os.write(master, burst)
                time.sleep(0.25)
            time.sleep(2.0)  # silence: the last second is given once no late sentence of it can come
    finally:
        os.close(master)
        os.close(slave)
    return got, states


def test_a_first_date_300_days_ahead_is_held_and_said_not_given() -> None:
    ahead = RECORDED + timedelta(days=300)
    got, states = _play(_bursts(5, lambda k: ahead if k == 0 else RECORDED), RECORDED)
    # the first epoch's position never became a fix; the right dates after it did, as before
    assert [f.time for f in got] == [FIRST + timedelta(seconds=s) for s in (1, 2, 3, 4)]
    assert all(f.date_flag is DateFlag.OK for f in got)
    held = [s for s in states if s.status is Status.NO_FIX and s.reasons]
    assert [s.reasons for s in held] == [("date not yet confirmed",)]
    # what the GNSS indicator and the averaging panel say while it is held
    assert reasons_said(held[0].reasons, "nl") == (
        "een datum die niet klopt met de klok van de laptop, aangehouden tot het volgende meetmoment hem bevestigt")
    assert reasons_said(held[0].reasons, "en") == (
        "a date that disagrees with the laptop's clock, held until the next epoch confirms it")


def test_a_laptop_clock_300_days_off_holds_only_the_first_epoch() -> None:
    # every receiver date right, the laptop clock wrong: the receiver's next epoch confirms its date,
    # and the fixes are given flagged, as the clock cannot say which of the two is wrong
    got, states = _play(_bursts(5, lambda k: RECORDED), RECORDED - timedelta(days=300))
    assert [f.time for f in got] == [FIRST + timedelta(seconds=s) for s in (1, 2, 3, 4)]
    assert all(f.date_flag is DateFlag.CLOCK_MISMATCH for f in got)
    assert [s.reasons for s in states if s.reasons] == [("date not yet confirmed",)]


def test_a_week_rollover_date_in_the_first_epoch_is_corrected_at_once() -> None:
    # firmware from before a rollover: every date 1024 weeks back; the first epoch is a fix, rightly dated
    got, states = _play(_bursts(4, lambda k: RECORDED - ROLLOVER), RECORDED)
    assert [f.time for f in got] == [FIRST + timedelta(seconds=s) for s in (0, 1, 2, 3)]
    assert all(f.date_flag is DateFlag.ROLLOVER_CORRECTED for f in got)
    assert not [s for s in states if s.reasons]
