"""Where receiver bytes come from: a serial port (any pyserial URL) or a recorded log."""

from __future__ import annotations

import contextlib
import itertools
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
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

    @property
    def line_baud(self) -> int | None:
        """The baud rate the line runs at; None for a network URL (``socket://``, ``loop://``), which has none."""
        return None if self.name.startswith(("socket://", "loop://")) else self.baudrate

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


# Where each sentence keeps its time of day, latitude (the hemisphere follows), longitude and date.
_FIELDS: dict[str, tuple[int | None, int | None, int | None, int | None]] = {
    "GGA": (1, 2, 4, None),
    "RMC": (1, 3, 5, 9),
    "GLL": (5, 1, 3, None),
    "GNS": (1, 2, 4, None),
    "GST": (1, None, None, None),
    "ZDA": (1, None, None, None),
}


def _degrees(text: str, hemisphere: str) -> float:
    head, minutes = divmod(float(text), 100.0)
    value = head + minutes / 60.0
    return -value if hemisphere in ("S", "W") else value


def _ddmm(value: float, lat: bool) -> tuple[str, str]:
    hemisphere = ("N" if value >= 0 else "S") if lat else ("E" if value >= 0 else "W")
    value = abs(value)
    whole = int(value)
    minutes = (value - whole) * 60.0
    if round(minutes, 5) >= 60.0:
        whole, minutes = whole + 1, 0.0
    width = 2 if lat else 3
    return f"{whole:0{width}d}{minutes:08.5f}", hemisphere


def _checksummed(body: str) -> str:
    total = 0
    for ch in body.encode("ascii"):
        total ^= ch
    return f"${body}*{total:02X}"


def move_sentence(line: str, dlat: float, dlon: float, now: datetime) -> str:
    """One NMEA sentence moved by (dlat, dlon) degrees and stamped ``now`` (UTC), checksum anew.

    Only the fields that say where and when change; everything the receiver
    measured (fix quality, satellites, DOP, heights, spreads) stays as recorded.
    """
    if not line.startswith("$") or "*" not in line:
        return line
    body = line[1:line.rindex("*")]
    fields = body.split(",")
    spec = _FIELDS.get(fields[0][2:])
    if spec is None:
        return line
    t, la, lo, d = spec
    if t is not None and len(fields) > t and fields[t]:
        fields[t] = now.strftime("%H%M%S.") + f"{now.microsecond // 10_000:02d}"
    if la is not None and lo is not None and len(fields) > lo + 1 and fields[la] and fields[lo]:
        fields[la], fields[la + 1] = _ddmm(_degrees(fields[la], fields[la + 1]) + dlat, lat=True)
        fields[lo], fields[lo + 1] = _ddmm(_degrees(fields[lo], fields[lo + 1]) + dlon, lat=False)
    if d is not None and len(fields) > d and fields[d]:
        fields[d] = now.strftime("%d%m%y")
    if fields[0][2:] == "ZDA" and len(fields) > 4:
        fields[2:5] = [now.strftime("%d"), now.strftime("%m"), now.strftime("%Y")]
    return _checksummed(",".join(fields))


def _fix_epochs(data: bytes) -> list[bytes]:
    """The epochs of a log whose GGA reports a fix (quality above 0)."""
    epochs = []
    for _wait, chunk in paced(data):
        for line in chunk.decode("ascii", "replace").splitlines():
            parts = line.split(",")
            if parts[0].endswith("GGA") and len(parts) > 6 and parts[6] not in ("", "0"):
                epochs.append(chunk)
                break
    return epochs


class SiteReplay:
    """A real recorded log moved to a site and to the present, played in a loop at one epoch a second.

    For the demo and for training: the receiver is where the project is and
    its fixes carry today's date and time, so nothing looks stale and no
    restart of the log is taken for a lost receiver. Only the epochs with a
    fix are played; each is shifted by the same offset (the recording's mean
    position to ``site``), so the scatter of the real receiver is kept.
    """

    def __init__(self, path: Path, site: tuple[float, float], speed: float = 1.0,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.name = f"replay:{path} at {site[0]:.5f} N {site[1]:.5f} E"
        self._epochs = _fix_epochs(read_log(path))
        if not self._epochs:
            raise GnssError(f"{path} has no epoch with a fix to replay")
        lats, lons = [], []
        for chunk in self._epochs:
            for line in chunk.decode("ascii", "replace").splitlines():
                parts = line.split(",")
                if parts[0].endswith("GGA"):
                    lats.append(_degrees(parts[2], parts[3]))
                    lons.append(_degrees(parts[4], parts[5]))
        self._dlat = site[0] - sum(lats) / len(lats)
        self._dlon = site[1] - sum(lons) / len(lons)
        self._speed = speed
        self._clock = clock
        self._cycle: Iterator[bytes] | None = None
        self._due = 0.0

    def open(self) -> None:
        if self._cycle is None:
            self._cycle = itertools.cycle(self._epochs)
            self._due = time.monotonic()

    def read(self) -> bytes:
        if self._cycle is None:
            raise NoReceiverError(f"{self.name} is not open")
        wait = self._due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._due = max(self._due, time.monotonic() - 1.0) + 1.0 / self._speed
        now = self._clock()
        lines = next(self._cycle).decode("ascii", "replace").splitlines()
        return "".join(move_sentence(line, self._dlat, self._dlon, now) + "\r\n" for line in lines).encode("ascii")

    def close(self) -> None:
        pass  # the loop goes on where it was, as a receiver would after a drop-out


def _why(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return text.splitlines()[0]
