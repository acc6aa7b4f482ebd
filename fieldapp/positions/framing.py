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
        self._frame = re.compile(rb"\$[^$*\x00-\x1f\x7f-\xff]{0,%d}\*[0-9A-Fa-f]{2}" % max_body)
        # What the end of the buffer may look like while a frame is still arriving.
        self._partial = re.compile(
            rb"\$[^$*\x00-\x1f\x7f-\xff]{0,%d}(?:\*[0-9A-Fa-f]?)?\Z" % max_body
        )
        self._max = max_body
        self.stats = FramingStats()

    def feed(self, data: bytes) -> list[str]:
        buf = self._buf + data if self._buf else data
        # Frames still arriving at the end wait for the next feed.
        last = buf.rfind(b"$")
        end = last if last >= 0 and self._partial.match(buf, last) else len(buf)
        out: list[str] = []
        stats = self.stats
        pos = 0
        for m in self._frame.finditer(buf, 0, end):
            start, stop = m.span()
            if start > pos:
                if buf.find(b"$", pos, start) < 0:  # just line endings or binary
                    stats.skipped_bytes += start - pos
                else:
                    self._gap(buf, pos, start)
            if int(buf[stop - 2 : stop], 16) == nmea_checksum(buf[start + 1 : stop - 3]):
                stats.frames += 1
                out.append(buf[start:stop].decode("ascii"))
            else:
                stats.bad_checksum += 1
            pos = stop
        if end > pos:
            self._gap(buf, pos, end)
        self._buf = buf[end:]
        return out

    def _gap(self, buf: bytes, pos: int, end: int) -> None:
        """Count what lies between good frames: garbage, cut-off or runaway frames."""
        stats = self.stats
        while True:
            start = buf.find(b"$", pos, end)
            if start < 0:
                stats.skipped_bytes += end - pos
                return
            stats.skipped_bytes += start - pos
            m = _STOP.search(buf, start + 1, end)
            stop = m.start() if m else end
            if stop - start - 1 > self._max:
                stats.too_long += 1
            elif m is not None and buf[stop] == 0x2A:  # '*' without two hex digits
                stats.bad_checksum += 1
                stop += 1
            else:
                stats.no_checksum += 1
            pos = stop

    def flush(self) -> None:
        """End of stream: whatever is left is a truncated frame or garbage."""
        self._gap(self._buf, 0, len(self._buf))
        self._buf = b""
