"""Port listing, and finding which port talks NMEA at which baud rate.

A port talks NMEA when frames with a valid checksum arrive; at a wrong baud
rate a UART delivers garbage, so checksums are the test. Ports are probed in
parallel; a port that sends nothing at all is not tried at other rates.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import serial
from serial.tools import list_ports

from drivers.gnss.sources import COMMON_BAUDS
from fieldapp.positions.framing import Framer

#: Frames with a valid checksum needed to call a port NMEA.
MIN_FRAMES = 2


@dataclass(frozen=True, slots=True)
class PortInfo:
    device: str
    description: str
    hwid: str


@dataclass(frozen=True, slots=True)
class Detection:
    port: str
    baudrate: int | None  # None: no NMEA found at any rate
    frames: int
    silent: bool  # nothing at all arrived
    error: str = ""


def list_serial_ports() -> list[PortInfo]:
    return [
        PortInfo(p.device, p.description or "", p.hwid or "")
        for p in sorted(list_ports.comports(), key=lambda p: p.device)
    ]


def probe(port: str, bauds: Sequence[int] = COMMON_BAUDS, listen: float = 1.5) -> Detection:
    """Try ``port`` at each baud rate for up to ``listen`` seconds each."""
    for baud in bauds:
        try:
            s = serial.serial_for_url(port, baudrate=baud, timeout=0.1)
        except (serial.SerialException, OSError, ValueError) as exc:
            return Detection(port, None, 0, True, str(exc).splitlines()[0] if str(exc) else "")
        framer = Framer()
        received = 0
        try:
            s.reset_input_buffer()  # bytes queued at the old rate are not evidence
            deadline = time.monotonic() + listen
            while time.monotonic() < deadline and framer.stats.frames < MIN_FRAMES:
                data = s.read(max(1, s.in_waiting))
                received += len(data)
                framer.feed(data)
        except (serial.SerialException, OSError) as exc:
            return Detection(port, None, framer.stats.frames, received == 0, str(exc))
        finally:
            s.close()
        if framer.stats.frames >= MIN_FRAMES:
            return Detection(port, baud, framer.stats.frames, False)
        if received == 0:
            return Detection(port, None, 0, True)
    return Detection(port, None, 0, False)


def detect(
    ports: Iterable[str], bauds: Sequence[int] = COMMON_BAUDS, listen: float = 1.5
) -> list[Detection]:
    """Probe all ports at once; results in the order of ``ports``."""
    names = list(ports)
    results: dict[str, Detection] = {}

    def run(name: str) -> None:
        results[name] = probe(name, bauds, listen)

    threads = [threading.Thread(target=run, args=(n,), daemon=True) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [results[n] for n in names]
