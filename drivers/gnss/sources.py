"""Where receiver bytes come from: a serial port (any pyserial URL) or a recorded log."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import serial

from fieldapp.errors import GnssError, NoReceiverError
from fieldapp.positions.replay import paced, read_log

#: Baud rates receivers ship with, the NMEA 0183 standard 4800 first.
COMMON_BAUDS = (4800, 9600, 19200, 38400, 57600, 115200)
READ_TIMEOUT = 0.1  # seconds; bounds how late the monitor notices silence


class GnssSource(Protocol):
    """A byte stream from a receiver. ``read`` returns b"" when nothing came in time."""

    name: str

    def open(self) -> None: ...

    def read(self) -> bytes: ...

    def close(self) -> None: ...


class SerialSource:
    """A serial port or any pyserial URL (``socket://host:port``, ``loop://``, ``rfc2217://``)."""

    def __init__(self, url: str, baudrate: int = 4800) -> None:
        self.name = url
        self.baudrate = baudrate
        self._port: serial.Serial | None = None

    def open(self) -> None:
        if self._port is not None:
            return
        try:
            self._port = serial.serial_for_url(
                self.name, baudrate=self.baudrate, timeout=READ_TIMEOUT
            )
        except (serial.SerialException, OSError, ValueError) as exc:
            raise NoReceiverError(f"cannot open {self.name}: {_why(exc)}") from None

    def read(self) -> bytes:
        port = self._port
        if port is None:
            raise NoReceiverError(f"{self.name} is not open")
        try:
            # Block for the first byte (up to the timeout), then take what is queued.
            first = port.read(1)
            if not first:
                return b""
            waiting = port.in_waiting
            return first + port.read(min(waiting, 65536)) if waiting else first
        except (serial.SerialException, OSError) as exc:
            raise GnssError(f"lost {self.name}: {_why(exc)}") from None

    def write(self, data: bytes) -> None:
        """For ``loop://`` and for sending receiver commands."""
        if self._port is None:
            raise NoReceiverError(f"{self.name} is not open")
        try:
            self._port.write(data)
        except (serial.SerialException, OSError) as exc:
            raise GnssError(f"lost {self.name}: {_why(exc)}") from None

    def close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            # Closing a port that has vanished is not an error.
            with contextlib.suppress(serial.SerialException, OSError):
                port.close()


class ReplaySource:
    """A recorded log, at the receiver's own pace (``realtime``) or as fast as possible.

    When the log is exhausted the source stays silent, like a receiver that
    went quiet; ``finished`` tells the two apart.
    """

    def __init__(self, path: Path, realtime: bool = True, speed: float = 1.0) -> None:
        self.name = str(path)
        self._path = path
        self._realtime = realtime
        self._speed = speed
        self._chunks: Iterator[tuple[float, bytes]] | None = None
        self.finished = False

    def open(self) -> None:
        if self._chunks is None:
            self._chunks = iter(paced(read_log(self._path)))

    def read(self) -> bytes:
        if self._chunks is None:
            raise NoReceiverError(f"{self.name} is not open")
        try:
            wait, chunk = next(self._chunks)
        except StopIteration:
            self.finished = True
            time.sleep(READ_TIMEOUT)
            return b""
        if self._realtime and wait > 0:
            time.sleep(wait / self._speed)
        return chunk

    def close(self) -> None:
        pass  # a replay resumes where it was, as a receiver would after a drop-out


def _why(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return text.splitlines()[0]
