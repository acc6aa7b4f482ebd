"""Recorded NMEA logs: read them, and cut them into a receiver's own pace.

A log is the raw byte stream of a receiver, as FieldApp's session log or
gpsd's test files hold it; lines starting with ``#`` are comments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from fieldapp.errors import FieldAppError
from fieldapp.positions.model import Judged
from fieldapp.positions.pipeline import NmeaPipeline
from fieldapp.positions.sentences import parse_time

# Sentences whose first field is the time of day, which marks a new cycle.
_TIMED = re.compile(rb"\$[A-Z]{2}(?:GGA|RMC|GNS|GST),(\d{6}(?:\.\d+)?)")


def strip_comments(data: bytes) -> bytes:
    if b"#" not in data:
        return data
    lines = data.splitlines(keepends=True)
    return b"".join(line for line in lines if not line.startswith(b"#"))


def read_log(path: Path) -> bytes:
    try:
        return strip_comments(path.read_bytes())
    except OSError as exc:
        raise FieldAppError(f"cannot read {path}: {exc.strerror or exc}") from None


def log_lines(path: Path) -> Iterator[bytes]:
    """The lines of a log as they can be read (a growing file or a named pipe
    gives them as they come), comments left out."""
    try:
        with path.open("rb") as f:
            for line in f:
                if not line.startswith(b"#"):
                    yield line
    except OSError as exc:
        raise FieldAppError(f"cannot read {path}: {exc.strerror or exc}") from None


def replay_bytes(data: bytes, pipeline: NmeaPipeline | None = None) -> list[Judged]:
    """Run a whole recorded stream through the pipeline, as fast as possible."""
    p = pipeline or NmeaPipeline()
    return p.feed(data) + p.flush()


def paced(data: bytes) -> Iterator[tuple[float, bytes]]:
    """Cut a stream into (seconds to wait before sending, bytes) at each new epoch.

    The wait is the difference of the NMEA times of day of consecutive
    epochs, so a 10 Hz log plays at 10 Hz; jumps (log splices, midnight,
    garbage times) are capped at one second.
    """
    start = 0
    last: float | None = None
    for m in _TIMED.finditer(data):
        try:
            tod = parse_time(m.group(1).decode("ascii"))
        except ValueError:
            continue
        if tod is None:
            continue
        secs = tod.hour * 3600 + tod.minute * 60 + tod.second + tod.microsecond / 1e6
        if last is not None and secs != last:
            wait = secs - last
            yield (wait if 0 < wait <= 1.0 else 1.0), data[start : m.start()]
            start = m.start()
        if last is None or secs != last:
            last = secs
    yield 0.0, data[start:]
