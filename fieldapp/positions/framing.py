"""Cut raw receiver bytes into checksummed NMEA frames.

Real receivers send `$$` prefixes, binary protocols interleaved with NMEA,
sentences spliced into each other without a line break, truncated lines and
lower-case checksums. A frame is therefore found by its own syntax
(``$`` body ``*hh``), never by line endings, and every ``$`` restarts the
search. The result is independent of how the bytes were chunked: a decision
about a frame is only taken once every byte it depends on has arrived.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Longest body accepted between ``$`` and ``*``. NMEA 0183 allows 80
#: characters, but high-precision and proprietary sentences are longer; a
#: stream of binary that happens to contain a ``$`` must not hold the
#: framer hostage, so the cap is generous but finite.
MAX_BODY = 240

# A body ends at the checksum marker, at a new '$', or at anything that is
# not printable ASCII (line endings, binary).
_STOP = re.compile(rb"[$*\x00-\x1f\x7f-\xff]")
_HEX = b"0123456789ABCDEFabcdef"


@dataclass(slots=True)
class FramingStats:
    """Counters of what the framer kept and dropped, for the status bar and tests."""

    frames: int = 0
    bad_checksum: int = 0
    no_checksum: int = 0
    too_long: int = 0
    skipped_bytes: int = 0

    @property
    def dropped(self) -> int:
        return self.bad_checksum + self.no_checksum + self.too_long


def nmea_checksum(body: bytes) -> int:
    """XOR of all bytes of ``body`` (the text between ``$`` and ``*``)."""
    # Folding the bytes as one integer is several times faster than a
    # Python-level loop over them.
    n = len(body)
    x = int.from_bytes(body, "little")
    while n > 1:
        half = (n + 1) // 2
        x = (x >> (8 * half)) ^ (x & ((1 << (8 * half)) - 1))
        n = half
    return x


class Framer:
    """Incremental framer: feed bytes, get the frames with a valid checksum.

    Frames are returned as ASCII ``str``, ``$`` to ``*hh`` inclusive, exactly
    as received (they are the raw evidence kept with a position).
    """

    def __init__(self, max_body: int = MAX_BODY) -> None:
        self._buf = b""
        self._max = max_body
        self.stats = FramingStats()

    def feed(self, data: bytes) -> list[str]:
        buf = self._buf + data if self._buf else data
        out: list[str] = []
        stats = self.stats
        pos = 0
        end = len(buf)
        cap = self._max
        while True:
            start = buf.find(b"$", pos)
            if start < 0:
                stats.skipped_bytes += end - pos
                pos = end
                break
            stats.skipped_bytes += start - pos
            m = _STOP.search(buf, start + 1, min(end, start + 2 + cap))
            if m is None:
                if end - start - 1 > cap:
                    stats.too_long += 1
                    pos = start + 1
                    continue
                pos = start  # incomplete: wait for more bytes
                break
            stop = m.start()
            if buf[stop] != 0x2A:  # not '*': the frame was cut short
                stats.no_checksum += 1
                pos = stop
                continue
            if end < stop + 3:
                pos = start
                break
            hh = buf[stop + 1 : stop + 3]
            body = buf[start + 1 : stop]
            if hh[0] in _HEX and hh[1] in _HEX and int(hh, 16) == nmea_checksum(body):
                stats.frames += 1
                out.append(buf[start : stop + 3].decode("ascii"))
                pos = stop + 3
            else:
                stats.bad_checksum += 1
                pos = stop + 1
        self._buf = buf[pos:]
        return out

    def flush(self) -> None:
        """End of stream: whatever is left is a truncated frame or garbage."""
        if self._buf.startswith(b"$"):
            self.stats.no_checksum += 1
        else:
            self.stats.skipped_bytes += len(self._buf)
        self._buf = b""
