"""A live receiver on a real pseudo-terminal sends one RMC whose date is 300 days ahead (a date not
yet confirmed after a cold start, a corrupted sentence): that epoch is refused, and every right one
after it is a fix again, without reopening the port."""

from __future__ import annotations

import os
import pty
import time
import tty
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

pytest.importorskip("termios", reason="pseudo-terminals are POSIX only")

from drivers.gnss.receiver import GnssReceiver, ReceiverState, Status
from drivers.gnss.sources import SerialSource
from fieldapp import error_text
from fieldapp.positions.framing import nmea_checksum
from fieldapp.positions.model import DateFlag, Fix
from fieldapp.positions.replay import read_log

LOG = Path(__file__).resolve().parents[1] / "data" / "nmea" / "gpsd__ublox-lea-5h.log"
RECORDED = datetime(2010, 8, 21, 8, 37, 30, tzinfo=UTC)  # the laptop clock: the day of the recording


def _bursts(n: int, wrong: int) -> list[bytes]:
    lines = read_log(LOG).splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith(b"$GPRMC")][: n + 1]
    out = []
    for k in range(n):
        burst = lines[starts[k] : starts[k + 1]]
        if k == wrong:
            f = burst[0].decode("ascii").strip().split("*")[0][1:].split(",")
            f[9] = (RECORDED + timedelta(days=300)).strftime("%d%m%y")
            body = ",".join(f)
            burst[0] = f"${body}*{nmea_checksum(body.encode()):02X}\r\n".encode()
        out.append(b"".join(burst))
    return out


def test_one_rmc_date_300_days_ahead_does_not_lock_the_receiver_out() -> None:
    master, slave = pty.openpty()
    tty.setraw(slave)
    got: list[Fix] = []
    states: list[ReceiverState] = []
    rx = GnssReceiver(SerialSource(os.ttyname(slave), 9600), on_fix=got.append, on_status=states.append,
                      clock=lambda: RECORDED)
    try:
        with rx:
            time.sleep(0.3)
            for burst in _bursts(8, wrong=3):
                os.write(master, burst)
                time.sleep(0.25)
            time.sleep(2.0)  # silence: the last second is given once no late sentence of it can come
    finally:
        os.close(master)
        os.close(slave)
    assert [f.time.second for f in got] == [23, 24, 25, 27, 28, 29, 30]  # 08:37:26 is the one refused
    assert all(f.date_flag is DateFlag.OK for f in got)
    refused = [s for s in states if s.status is Status.NO_FIX and s.reasons]
    assert [s.reasons for s in refused] == [("date disagrees with the clock",)]
    assert error_text.said(refused[0].reasons[0], "nl") == (
        "een datum die niet klopt met de klok van de laptop, na datums die wel klopten")
