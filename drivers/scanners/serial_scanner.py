"""A barcode scanner on a serial port or any pyserial URL, read on its own thread.

Scanners end a code with CR, LF, CR LF, or nothing at all; without a
terminator a code is complete when the line stays quiet for ``pause``
seconds. A line longer than ``MAX_LINE`` bytes is one unreadable scan: its
first ``MAX_LINE`` bytes are delivered as soon as they are there (the clerk
sees at once that something wrong was read, and the receipt refuses a scan
that long), and the rest is dropped up to the line's end, so a scanner gone
mad cannot grow memory without bound and no piece of the line passes for a
code of its own (an "unexpected container" in the receipt).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

import serial

from fieldapp.errors import DeviceError

READ_TIMEOUT = 0.02  # seconds; how late a code without terminator may be noticed beyond the pause
MAX_LINE = 8192


def decode(raw: bytes) -> str:
    """Scanners send ASCII, some Latin-1; never fail on a byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


class SerialScanner:
    """Read codes from ``url`` and hand each to ``on_code`` (called on the reader thread)."""

    def __init__(self, url: str, on_code: Callable[[str], None], *, baudrate: int = 9600,
                 pause: float = 0.08, on_error: Callable[[str], None] | None = None) -> None:
        self.url = url
        self._on_code = on_code
        self._on_error = on_error
        self._baudrate = baudrate
        self._pause = pause
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._port: serial.Serial | None = None
        # the line now arriving was already delivered cut at MAX_LINE: drop bytes up to its end
        self._dropping = False

    def start(self) -> None:
        try:
            self._port = serial.serial_for_url(self.url, baudrate=self._baudrate, timeout=READ_TIMEOUT)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise DeviceError(f"Cannot open the scanner on {self.url}: {exc}.",
                              hint="Check the cable and the port name (fieldapp gps ports lists them).") from None
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"scanner {self.url}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None
        port, self._port = self._port, None
        if port is not None:
            with contextlib.suppress(serial.SerialException, OSError):
                port.close()

    def _run(self) -> None:
        port = self._port
        if port is None:
            return
        buf = bytearray()
        last = time.monotonic()
        while not self._stop.is_set():
            try:
                chunk = port.read(max(1, min(port.in_waiting, 65536)))
            except (serial.SerialException, OSError) as exc:
                if self._on_error is not None:
                    self._on_error(f"The scanner on {self.url} stopped: {exc}.")
                return
            now = time.monotonic()
            if chunk:
                buf += chunk
                last = now
                self._split(buf)
            elif (buf or self._dropping) and now - last >= self._pause:
                # the pause ends a line as a terminator does, the dropped rest of an over-long one too
                if not self._dropping:
                    self._deliver(bytes(buf))
                buf.clear()
                self._dropping = False

    def _split(self, buf: bytearray) -> None:
        while True:
            ends = [i for i in (buf.find(b"\r"), buf.find(b"\n")) if i >= 0]
            if not ends:
                break
            end = min(ends)
            line = bytes(buf[:end])
            skip = 2 if buf[end:end + 2] == b"\r\n" else 1
            del buf[:end + skip]
            if self._dropping:  # the end of an over-long line, delivered already
                self._dropping = False
            elif line:
                self._deliver(line[:MAX_LINE])  # an over-long line that came in one read: the same one scan
        if self._dropping:
            buf.clear()
        elif len(buf) >= MAX_LINE:
            self._deliver(bytes(buf[:MAX_LINE]))
            buf.clear()
            self._dropping = True

    def _deliver(self, line: bytes) -> None:
        self._on_code(decode(line))
