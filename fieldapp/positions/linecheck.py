"""Is what arrives from the port NMEA at all? The wrong-baud-rate check.

A receiver set to another baud rate than the port is opened with still makes
the UART deliver bytes, but never a sentence: no ``$...*hh`` frame passes its
checksum. Without this check the sampler reads "no fix" and looks at the sky.

The check watches the bytes since the last frame that passed its checksum
(since the data began, before the first): once they have lasted
:data:`WINDOW_S` seconds and are at least :data:`MIN_BYTES`, the line is
judged not NMEA. A frame that passes its checksum clears it at once. A
healthy receiver that mixes a binary protocol (UBX, SiRF, RTCM) with NMEA
sends a valid sentence every epoch, so it never trips: the longest stretch
without one in the 26 real logs of ``tests/data/nmea`` is 3 s (a cold boot
with spliced and zero-filled lines), hence a window of 5 s.

Plain data in, plain data out: the receiver monitor (drivers/gnss) feeds it
and reports the verdict as a state; :func:`not_nmea_message` is the English
the window and ``gps listen`` say through ``resources/messages/gnss.json``.
"""

from __future__ import annotations

from dataclasses import dataclass

#: seconds of data without one valid sentence before the line is judged not NMEA
WINDOW_S = 5.0
#: bytes that must have come in that time: a few stray bytes of a floating line are no verdict.
#: A receiver at 115200 baud read at 4800 gives 4 % of what it sends (tests/drivers/uart.py): some
#: six bytes a second for the 150 of a bare GGA and RMC.
MIN_BYTES = 16
#: what receivers are commonly set to, said to the sampler as the rates to try
TRY_BAUDS = (4800, 9600, 38400, 115200)

_PRINTABLE = bytes(range(0x20, 0x7F)) + b"\r\n"


@dataclass(frozen=True, slots=True)
class NotNmea:
    """The evidence of a verdict: how long, how many bytes, how much of them printable text."""

    seconds: float
    bytes: int
    printable: float  # share of the bytes that are printable ASCII or line endings, 0..1
    failed_frames: int  # frames that failed their checksum or had none, in that time

    def evidence(self) -> str:
        return (f"{self.bytes} bytes in {self.seconds:.1f} s, {self.printable:.0%} printable, "
                f"{self.failed_frames} failed frames, no valid NMEA sentence")


class LineCheck:
    """Feed it every read (bytes and the framer's running counts) with the time it came."""

    def __init__(self, window_s: float = WINDOW_S, min_bytes: int = MIN_BYTES) -> None:
        self._window = window_s
        self._min = min_bytes
        self._frames = 0
        self._failed_at_start = 0
        self._since: float | None = None  # when the stretch without a valid sentence began
        self._bytes = 0
        self._printable = 0
        self.verdict: NotNmea | None = None

    @property
    def not_nmea(self) -> bool:
        return self.verdict is not None

    def feed(self, data: bytes, frames: int, failed: int, now: float) -> bool:
        """``frames``: valid frames so far; ``failed``: frames dropped so far (bad or no checksum, too long).

        Returns True when the verdict changed (it is new, or it cleared).
        """
        if frames > self._frames:  # a valid sentence: the line is NMEA, whatever came before
            self._frames = frames
            self._since, self._bytes, self._printable = now, 0, 0
            self._failed_at_start = failed
            if self.verdict is not None:
                self.verdict = None
                return True
            return False
        if self._since is None:
            self._since = now
            self._failed_at_start = failed
        self._bytes += len(data)
        self._printable += len(data) - len(data.translate(None, _PRINTABLE))
        seconds = now - self._since
        if self.verdict is None and seconds >= self._window and self._bytes >= self._min:
            self.verdict = NotNmea(seconds, self._bytes, self._printable / self._bytes,
                                   failed - self._failed_at_start)
            return True
        return False


def not_nmea_message(baud: int | None) -> str:
    """What to tell the sampler, in English (resources/messages/gnss.json says it in Dutch too).

    ``baud`` is the rate the port was opened with; None for a network receiver, which has none.
    """
    if baud is None:
        return "data is arriving but it is not NMEA: check that the receiver sends NMEA 0183"
    others = [b for b in TRY_BAUDS if b != baud]
    tried = f"{', '.join(map(str, others[:-1]))} or {others[-1]}"
    return f"data is arriving but it is not NMEA: check the receiver's baud rate " \
           f"(FieldApp opens the port at {baud} baud; try {tried})"
