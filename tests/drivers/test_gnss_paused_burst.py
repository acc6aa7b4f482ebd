"""A link that stalls inside a burst, on a real pseudo-terminal: RMC says 'A', a 0.3 s pause (a
Bluetooth hiccup, a busy laptop), then the GGA of that same second says 3 satellites. The receiver
said the position is not good enough: it must never reach the averaging as a fix."""

from __future__ import annotations

import itertools
import os
import pty
import time
import tty
from datetime import UTC, datetime
from pathlib import Path

import pytest

pytest.importorskip("termios", reason="pseudo-terminals are POSIX only")

from drivers.gnss.receiver import GnssReceiver, ReceiverState, Status
from drivers.gnss.sources import SerialSource
from fieldapp.positions.model import Fix
from fieldapp.positions.pipeline import fixes
from fieldapp.positions.replay import read_log, replay_bytes

LOG = Path(__file__).resolve().parents[1] / "data" / "nmea" / "gpsd__ublox-lea-5h.log"


def _with_checksum(body: str) -> bytes:
    x = 0
    for c in body.encode():
        x ^= c
    return f"${body}*{x:02X}\r\n".encode()


def _seconds(n: int) -> list[tuple[bytes, bytes]]:
    """``n`` seconds of the recording as (RMC and VTG, GGA to GLL); every other GGA says 3 satellites."""
    lines = read_log(LOG).splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith(b"$GPRMC")][: n + 1]
    out = []
    for k, (a, b) in enumerate(itertools.pairwise(starts)):
        burst = lines[a:b]
        cut = next(i for i, line in enumerate(burst) if line.startswith(b"$GPGGA"))
        if k % 2:
            f = burst[cut].decode("ascii").strip().split("*")[0][1:].split(",")
            f[7] = "03"
            burst[cut] = _with_checksum(",".join(f))
        out.append((b"".join(burst[:cut]), b"".join(burst[cut:])))
    return out


def test_an_rmc_fix_whose_gga_comes_after_a_stall_and_refuses_it_is_never_delivered() -> None:
    seconds = _seconds(6)
    expected = fixes(replay_bytes(b"".join(a + b for a, b in seconds)))
    assert len(expected) == 3 and all(f.sats == 6 for f in expected)
    master, slave = pty.openpty()
    tty.setraw(slave)
    got: list[Fix] = []
    states: list[ReceiverState] = []
    rx = GnssReceiver(SerialSource(os.ttyname(slave), 9600), on_fix=got.append, on_status=states.append,
                      clock=lambda: datetime(2010, 8, 21, 8, 37, 30, tzinfo=UTC))
    try:
        with rx:
            time.sleep(0.3)
            for rmc, rest in seconds:
                os.write(master, rmc)
                time.sleep(0.3)  # the stall: longer than the 0.15 s that ends a burst
                os.write(master, rest)
                time.sleep(0.4)
    finally:
        os.close(master)
        os.close(slave)
    # the three good seconds, whole, as a replay of the stream gives them; never one of the refused
    assert [(f.time, f.lat, f.lon, f.sats, f.raw) for f in got] == [
        (f.time, f.lat, f.lon, f.sats, f.raw) for f in expected]
    assert any(s.status is Status.NO_FIX and s.reasons == ("3 satellites",) for s in states)
