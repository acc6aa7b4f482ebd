"""Which GNSS source the settings name: a port, auto-detection, or a recorded log.

Plain Python (no Qt): the GUI starts the chosen source through
:class:`ui.gnss_bridge.GnssBridge`. ``gnss_port`` in the settings is
``auto``, a port or pyserial URL (``/dev/ttyUSB0``, ``COM4``,
``socket://host:port``), or ``replay:PATH`` for training on a recorded log.
"""

from __future__ import annotations

from pathlib import Path

from drivers.gnss.detect import detect, list_serial_ports
from drivers.gnss.sources import GnssSource, ReplaySource, SerialSource, SiteReplay
from fieldapp.errors import GnssError, NoReceiverError
from fieldapp.runtime import resource_path
from fieldapp.settings import Settings

DEMO_LOG = resource_path("demo", "rotterdam-ublox-lea-5h.nmea")
REPLAY_PREFIX = "replay:"
#: ETRS89 latitude and longitude of the demo project's first planned borehole, RD (135 900, 455 300)
#: at the Croeselaan in Utrecht (fieldapp/demo.py lays its grid from there; a test checks the two agree)
DEMO_SITE = (52.0856357, 5.1085362)


class LoopingReplay:
    """A recorded log played again and again, for the demo and for training.

    At the end of the log the source reports the receiver as gone for a
    moment and then starts over: the monitor opens a fresh pipeline, so the
    log's times may repeat without being taken for a stuck clock.
    """

    def __init__(self, path: Path, speed: float = 1.0) -> None:
        self.name = f"{REPLAY_PREFIX}{path}"
        self._path = path
        self._speed = speed
        self._replay: ReplaySource | None = None

    def open(self) -> None:
        if self._replay is None or self._replay.finished:
            self._replay = ReplaySource(self._path, realtime=True, speed=self._speed)
        self._replay.open()

    def read(self) -> bytes:
        if self._replay is None:
            raise NoReceiverError(f"{self.name} is not open")
        data = self._replay.read()
        if not data and self._replay.finished:
            raise GnssError("end of the recorded log; playing it again")
        return data

    def close(self) -> None:
        pass


def baud(settings: Settings) -> int | None:
    """The configured baud rate, or None for auto-detection."""
    try:
        return int(settings.gnss_baud)
    except ValueError:
        return None


def source_for(settings: Settings, *, demo: bool = False) -> GnssSource | None:
    """The source the settings name, or None when the port must be detected first."""
    port = settings.gnss_port.strip()
    if demo and (not port or port == "auto"):
        # the real Rotterdam recording, moved to the demo site and to today, looping without a gap
        return SiteReplay(DEMO_LOG, DEMO_SITE)
    if port.startswith(REPLAY_PREFIX):
        return LoopingReplay(Path(port[len(REPLAY_PREFIX):]).expanduser())
    if not port or port == "auto":
        return None
    return SerialSource(port, baud(settings) or 4800)


def detect_port(wanted_baud: int | None) -> tuple[str, int] | None:
    """Find the first port that talks NMEA (slow: run it on a worker)."""
    bauds = (wanted_baud,) if wanted_baud else None
    ports = [p.device for p in list_serial_ports()]
    found = detect(ports, bauds) if bauds else detect(ports)
    for d in found:
        if d.baudrate is not None:
            return d.port, d.baudrate
    return None
