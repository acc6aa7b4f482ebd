"""A receiver whose NMEA output is turned off, on a real pseudo-terminal pair: it sends only the u-blox
UBX frames of a real recording (gpsd__ublox8-uniqid-monhw.log, a u-blox 8 mixing NAV-PVT, NAV-SAT, MON-HW
and more with its NMEA), with the NMEA left out, again and again, at the pace its baud rate allows (64
bytes at a time, each after the time the one before takes on the line).

Like tests/drivers/pty_receiver.py it checks the speed the reader set on the slave side; at another rate
than its own it sends what a UART at the reader's rate makes of the frames (tests/drivers/uart.py).
"""

from __future__ import annotations

import contextlib
import os
import pty
import threading
import tty
from pathlib import Path

from pty_receiver import PtyLine, line_speed
from uart import misread

MONHW = Path(__file__).resolve().parents[1] / "data" / "nmea" / "gpsd__ublox8-uniqid-monhw.log"


def ubx_frames(data: bytes) -> list[bytes]:
    """The UBX frames of ``data`` whose Fletcher checksum is right, in order (read here on their own,
    not with fieldapp's code that judges them)."""
    out, i = [], 0
    while (i := data.find(b"\xb5\x62", i)) >= 0 and i + 8 <= len(data):
        end = i + 8 + int.from_bytes(data[i + 4 : i + 6], "little")
        a = b = 0
        for x in data[i + 2 : end - 2]:
            a, b = (a + x) % 256, (b + a + x) % 256
        if end <= len(data) and data[end - 2 : end] == bytes((a, b)):
            out.append(data[i:end])
            i = end
        else:
            i += 1
    return out


class UbxOnlyReceiver(PtyLine):
    def __init__(self, baud: int = 9600) -> None:
        super().__init__()
        self.baud = baud
        stream = b"".join(ubx_frames(MONHW.read_bytes()))
        self._chunks = [stream[k : k + 64] for k in range(0, len(stream), 64)]
        self.path = ""

    def plug(self) -> None:
        master, slave = pty.openpty()
        tty.setraw(slave)
        os.set_blocking(master, False)  # a full buffer drops bytes, as a UART would
        self._fds = (master, slave)
        self.path = os.ttyname(slave)
        self._thread = threading.Thread(target=self._play, args=(master,), daemon=True)
        self._thread.start()

    def _play(self, master: int) -> None:
        wait = 0.0
        while True:
            for chunk in self._chunks:
                if self._stop.wait(wait):
                    return
                wait = len(chunk) * 10 / self.baud  # 10 bits a byte: start, 8 data, stop
                speed = line_speed(master)
                data = chunk if speed == self.baud else misread(chunk, self.baud, speed or 4800)
                with contextlib.suppress(BlockingIOError):
                    os.write(master, data)
