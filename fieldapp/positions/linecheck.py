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

A receiver whose NMEA output is turned off (a u-blox set to UBX only, a base
station sending RTCM 3) also sends bytes and never a sentence, but at the right
baud rate: its bytes are well-formed frames of that protocol, checksums right,
which garbage from a wrong rate never is. The verdict names the protocol then,
and the sampler is told to turn NMEA output on, not to try other baud rates.

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
#: the newest bytes of the stretch kept to look for binary frames in when the verdict is made (a
#: u-blox NAV-PVT is 100 bytes, MON-HW 68; a second of a UBX-only receiver fits)
SAMPLE_BYTES = 4096

_PRINTABLE = bytes(range(0x20, 0x7F)) + b"\r\n"


@dataclass(frozen=True, slots=True)
class NotNmea:
    """The evidence of a verdict: how long, how many bytes, how much of them printable text."""

    seconds: float
    bytes: int
    printable: float  # share of the bytes that are printable ASCII or line endings, 0..1
    failed_frames: int  # frames that failed their checksum or had none, in that time
    #: "UBX" or "RTCM 3" when the bytes are well-formed frames of that protocol (NMEA output is off)
    protocol: str | None = None

    def evidence(self) -> str:
        binary = f", well-formed {self.protocol} frames" if self.protocol else ""
        return (f"{self.bytes} bytes in {self.seconds:.1f} s, {self.printable:.0%} printable, "
                f"{self.failed_frames} failed frames{binary}, no valid NMEA sentence")


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
        self._sample = bytearray()  # the newest SAMPLE_BYTES of the stretch
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
            self._sample.clear()
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
        if self.verdict is None:
            self._sample += data
            del self._sample[:-SAMPLE_BYTES]
        seconds = now - self._since
        if self.verdict is None and seconds >= self._window and self._bytes >= self._min:
            self.verdict = NotNmea(seconds, self._bytes, self._printable / self._bytes,
                                   failed - self._failed_at_start, binary_protocol(bytes(self._sample)))
            self._sample.clear()
            return True
        return False


def binary_protocol(data: bytes) -> str | None:
    """"UBX" or "RTCM 3" when most of ``data`` is frames of that protocol whose checksums are right
    (two at least); None otherwise. A wrong baud rate's garbage makes no such frame: the sync bytes,
    a length that fits and a 16-bit (UBX) or 24-bit (RTCM 3) check must all hold."""
    covered = {"UBX": [0, 0], "RTCM 3": [0, 0]}  # frames, bytes
    i, n = 0, len(data)
    while i < n - 5:
        end = _ubx_end(data, i) if data[i] == 0xB5 else _rtcm3_end(data, i) if data[i] == 0xD3 else None
        if end is None:
            i += 1
            continue
        tally = covered["UBX" if data[i] == 0xB5 else "RTCM 3"]
        tally[0] += 1
        tally[1] += end - i
        i = end
    name, (frames, size) = max(covered.items(), key=lambda kv: kv[1][1])
    return name if frames >= 2 and size * 2 >= n else None


def _ubx_end(data: bytes, i: int) -> int | None:
    """The end of the u-blox UBX frame at ``i`` (0xB5 0x62, class, id, length LE, payload, Fletcher-8)."""
    if data[i + 1] != 0x62:
        return None
    end = i + 8 + (data[i + 4] | data[i + 5] << 8)
    if end > len(data):
        return None
    a = b = 0
    for x in data[i + 2 : end - 2]:
        a = (a + x) & 0xFF
        b = (b + a) & 0xFF
    return end if data[end - 2] == a and data[end - 1] == b else None


def _rtcm3_end(data: bytes, i: int) -> int | None:
    """The end of the RTCM 3 frame at ``i`` (0xD3, 6 zero bits, 10-bit length, message, CRC-24Q)."""
    if data[i + 1] & 0xFC:
        return None
    end = i + 6 + ((data[i + 1] & 0x03) << 8 | data[i + 2])
    if end > len(data):
        return None
    crc = 0
    for x in data[i : end - 3]:
        crc ^= x << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return end if crc & 0xFFFFFF == int.from_bytes(data[end - 3 : end], "big") else None


def not_nmea_message(baud: int | None, protocol: str | None = None) -> str:
    """What to tell the sampler, in English (resources/messages/gnss.json says it in Dutch too).

    ``baud`` is the rate the port was opened with; None for a network receiver, which has none.
    ``protocol``: the binary protocol the receiver sends instead (its NMEA output is off).
    """
    if protocol is not None:
        return f"data is arriving in {protocol}, not NMEA: turn on the receiver's NMEA output"
    if baud is None:
        return "data is arriving but it is not NMEA: check that the receiver sends NMEA 0183"
    others = [b for b in TRY_BAUDS if b != baud]
    tried = f"{', '.join(map(str, others[:-1]))} or {others[-1]}"
    return f"data is arriving but it is not NMEA: check the receiver's baud rate " \
           f"(FieldApp opens the port at {baud} baud; try {tried})"
