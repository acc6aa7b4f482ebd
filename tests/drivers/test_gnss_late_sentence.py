"""A second that looked complete, then a late sentence of that same second that refuses it.

On a real pseudo-terminal, the u-blox LEA-5H log (tests/data/nmea) is played burst by burst with the
quiet between bursts that ends an epoch (0.15 s). After one complete burst (RMC, GGA, GSA, GLL: every
sentence this receiver sends that could refuse it), a GGA of the same second comes late and malformed
(satellites 'x4' under a right checksum, a well-framed lie). The receiver's last word on that second is
that it is no fix, so its position must never have been handed out: not to the averaging, not as the
current fix. Also when the late GGA follows a GSA of the burst repeated after the pause (GSA has no time).
"""

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
from fieldapp.positions.averaging import Averager, AveragingTarget
from fieldapp.positions.framing import nmea_checksum
from fieldapp.positions.model import Fix
from fieldapp.positions.replay import read_log

LOG = Path(__file__).resolve().parents[1] / "data" / "nmea" / "gpsd__ublox-lea-5h.log"
RECORDED = datetime(2010, 8, 21, 8, 37, 30, tzinfo=UTC)  # the laptop clock: the day of the recording
LATE = 3  # the second that gets a late, malformed GGA


def _bursts(n: int) -> list[bytes]:
    lines = read_log(LOG).splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith(b"$GPRMC")][: n + 1]
    return [b"".join(lines[a:b]) for a, b in itertools.pairwise(starts)]


def _late_gga(burst: bytes, after_gsa: bool) -> bytes:
    gsa = next(line for line in burst.splitlines(keepends=True) if line.startswith(b"$GPGSA"))
    gga = next(line for line in burst.splitlines() if line.startswith(b"$GPGGA"))
    f = gga[1 : gga.rindex(b"*")].decode("ascii").split(",")
    f[7] = "x4"
    body = ",".join(f).encode("ascii")
    return (gsa if after_gsa else b"") + b"$" + body + f"*{nmea_checksum(body):02X}\r\n".encode()


@pytest.mark.parametrize("after_gsa", [False, True], ids=["gga", "gsa-then-gga"])
def test_a_late_sentence_that_refuses_a_complete_second_keeps_its_fix_out_of_the_averaging(after_gsa: bool) -> None:
    bursts = _bursts(6)
    late_time = datetime(2010, 8, 21, 8, 37, 23 + LATE, tzinfo=UTC)
    master, slave = pty.openpty()
    tty.setraw(slave)
    got: list[Fix] = []
    states: list[ReceiverState] = []
    current: list[Fix | None] = []
    averager = Averager(AveragingTarget(count=None))  # what the averaging panel does with each fix

    def on_fix(fix: Fix) -> None:
        got.append(fix)
        averager.add(fix)

    rx = GnssReceiver(SerialSource(os.ttyname(slave), 9600), on_fix=on_fix, on_status=states.append,
                      clock=lambda: RECORDED)
    try:
        with rx:
            time.sleep(0.3)
            for k, burst in enumerate(bursts):
                os.write(master, burst)
                time.sleep(0.4)  # quiet: a complete burst ends its epoch
                if k == LATE:
                    current.append(rx.current_fix())  # what a photo or a one-shot position would take now
                    os.write(master, _late_gga(burst, after_gsa))
                    time.sleep(0.4)
            time.sleep(2.0)  # silence: the receiver counts as gone, and its last epoch is judged
    finally:
        os.close(master)
        os.close(slave)
    times = [f.time.second for f in got]
    assert late_time not in [f.time for f in got], times
    assert times == [23, 24, 25, 27, 28]
    result = averager.result()
    assert result.count == 5 and result.first.second == 23 and result.last.second == 28
    late_rmc = bursts[LATE].splitlines()[0].decode("ascii")
    assert late_rmc.startswith("$GPRMC") and late_rmc not in result.raw  # nor its frames kept as evidence
    assert all(f is None or f.time != late_time for f in current)
    assert any(s.status is Status.NO_FIX and s.reasons == ("malformed GGA",) for s in states)
