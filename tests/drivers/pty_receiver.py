"""A receiver emulated on a real pseudo-terminal pair.

The writer plays a recorded log into the master side at the log's own pace, again
and again with time moving forward (drivers.gnss.looped_log), as a receiver's does.
Like a UART, it checks the line speed the reader set on the slave side and
sends garbage when that is not the receiver's baud rate: random bytes, or with
``uart=True`` what a UART at the reader's rate makes of the log's bytes (tests/drivers/uart.py).
``baud`` may be changed while it plays, as a sampler who sets the receiver's rate. ``path`` is a
stable symlink to the current slave, like /dev/serial/by-id: unplugging
closes the pty, replugging makes a new one and moves the link; the log starts
again from its beginning, stamped after everything sent before.
"""

from __future__ import annotations

import contextlib
import os
import pty
import random
import termios
import threading
import tty
from pathlib import Path

from uart import misread

from drivers.gnss.looped_log import LoopedLog
from fieldapp.positions.replay import read_log

_SPEEDS = {getattr(termios, f"B{b}"): b for b in (4800, 9600, 19200, 38400, 57600, 115200)}


def line_speed(master: int) -> int | None:
    """The baud rate the reader set on the slave side, seen from the master (None: one no receiver uses)."""
    return _SPEEDS.get(termios.tcgetattr(master)[5])


class PtyLine:
    """A pseudo-terminal pair and the thread that writes into its master side, as a receiver on a cable:
    unplugging stops the writer and closes both ends."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._fds: tuple[int, int] | None = None

    def unplug(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._fds is not None:
            for fd in self._fds:
                os.close(fd)
            self._fds = None


class PtyReceiver(PtyLine):
    def __init__(self, link: Path, log: Path, baud: int = 4800, talking: bool = True, uart: bool = False) -> None:
        super().__init__()
        self.path = link
        self.baud = baud
        self._uart = uart
        self._log = LoopedLog(read_log(log))
        self._talking = talking
        self._rng = random.Random(0)
        self.sent_bytes = bytearray()  # what was sent at the right speed

    def plug(self, epochs: int | None = None) -> None:
        master, slave = pty.openpty()
        tty.setraw(slave)  # no echo, no line editing: a plain byte pipe
        os.set_blocking(master, False)  # a full buffer drops bytes, as a UART would
        self._fds = (master, slave)
        tmp = self.path.with_suffix(".tmp")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        tmp.symlink_to(os.ttyname(slave))
        tmp.replace(self.path)
        self._stop.clear()
        if self._talking:
            self._thread = threading.Thread(target=self._play, args=(master, epochs), daemon=True)
            self._thread.start()

    @property
    def done(self) -> bool:
        return self._thread is None or not self._thread.is_alive()

    def _play(self, master: int, epochs: int | None) -> None:
        n = 0
        while not self._stop.is_set():
            for wait, chunk in self._log.play():
                if self._stop.wait(min(wait, 0.1)):
                    return
                speed, baud = line_speed(master), self.baud
                if speed == baud:
                    data = chunk
                elif self._uart and speed is not None:
                    data = misread(chunk, baud, speed)
                else:
                    data = self._rng.randbytes(len(chunk))
                with contextlib.suppress(BlockingIOError):
                    os.write(master, data)
                    if speed == baud:
                        self.sent_bytes += data
                n += 1
                if epochs is not None and n >= epochs:
                    return
