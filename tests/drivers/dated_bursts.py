"""A real u-blox LEA-5H log (tests/data/nmea) played on a real pseudo-terminal with its RMC dates rewritten, as
receivers get them wrong, to a live receiver whose laptop clock is given. Shared by the date tests
(test_gnss_bad_date.py, test_gnss_first_date.py)."""

from __future__ import annotations

import os
import pty
import time
import tty
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from drivers.gnss.receiver import GnssReceiver, ReceiverState
from drivers.gnss.sources import SerialSource
from fieldapp.positions.framing import nmea_checksum
from fieldapp.positions.model import Fix
from fieldapp.positions.replay import read_log

LOG = Path(__file__).resolve().parents[1] / "data" / "nmea" / "gpsd__ublox-lea-5h.log"
RECORDED = datetime(2010, 8, 21, 8, 37, 30, tzinfo=UTC)  # the day of the recording
FIRST = datetime(2010, 8, 21, 8, 37, 23, tzinfo=UTC)  # the log's first epoch


def dated_bursts(n: int, date_of: Callable[[int], datetime]) -> list[bytes]:
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


def play(bursts: list[bytes], laptop: datetime) -> tuple[list[Fix], list[ReceiverState]]:
    """The fixes and states a receiver on a pty gives for ``bursts``, a quarter second apart."""
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
