"""Scans off a byte stream (``fieldapp intake scan``'s stdin), one a line, each as soon as its line ends.

A scanner piped in ends a code with CR, LF or CR LF: a bare CR ends a line here too (Python's text
stdin waits for an LF that such a scanner never sends, and would glue every scan of the cooler into
one). The bytes are decoded here, as UTF-8 with each byte that is no UTF-8 kept as a lone surrogate
(``surrogateescape``): the stdin Python sets up would stop the whole loop at the first such byte
under a UTF-8 locale or a Windows code page; here that one scan is refused by
:func:`fieldapp.intake.scan.check`, naming the byte. A UTF-8 byte order mark before a line is dropped.
A line that never ends is kept up to :data:`MAX_KEPT` characters and only counted beyond, so a stream
of garbage cannot fill the memory.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

CHUNK = 1 << 16
MAX_KEPT = 1 << 16  # far beyond any code (64) or manifest part (3,000): the rest of a line is only counted
_EOL = re.compile(rb"[\r\n]")
BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    length: int  # characters the line had; more than ``text`` holds when it was cut at MAX_KEPT


def lines(stream: IO[str] | IO[bytes]) -> Iterator[Line]:
    """Each line of ``stream`` (a text stream with a ``buffer``, a byte stream, or text without bytes
    underneath), without its line end, as soon as the end arrives."""
    raw = getattr(stream, "buffer", stream)
    read1 = getattr(raw, "read1", None)
    if read1 is not None:  # a buffered byte stream: whatever has arrived, without waiting for CHUNK bytes
        yield from _split(read1)
        return

    def read(n: int) -> bytes:
        got = raw.read(n)
        return got.encode("utf-8", "surrogateescape") if isinstance(got, str) else got

    yield from _split(read)


def _split(read: Callable[[int], bytes]) -> Iterator[Line]:
    kept, dropped, after_cr = bytearray(), 0, False
    while chunk := read(CHUNK):
        start = 0
        for end in (m.start() for m in _EOL.finditer(chunk)):
            if after_cr and end == start and chunk[end] == 0x0A:  # the LF of a CR LF: no line of its own
                after_cr, start = False, end + 1
                continue
            dropped = _keep(kept, dropped, chunk[start:end])
            yield _line(kept, dropped)
            kept, dropped = bytearray(), 0
            after_cr, start = chunk[end] == 0x0D, end + 1
        if start < len(chunk):
            after_cr = False
            dropped = _keep(kept, dropped, chunk[start:])
    if kept or dropped:
        yield _line(kept, dropped)


def _keep(kept: bytearray, dropped: int, piece: bytes) -> int:
    room = max(0, MAX_KEPT - len(kept))
    kept += piece[:room]
    return dropped + max(0, len(piece) - room)


def _line(kept: bytearray, dropped: int) -> Line:
    # a byte order mark before a line is no part of the scan: Notepad saves one before a file, PowerShell
    # pipes one before its output, and files run together carry one each
    text = bytes(kept).decode("utf-8", "surrogateescape").removeprefix(BOM)
    return Line(text, len(text) + dropped)
