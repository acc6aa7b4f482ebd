"""The raw NMEA of a session, written to a log file as evidence and for replay.

Bytes are written exactly as they came from the receiver, so that a replay of
the file takes the same code path and gives the same fixes. A header of
``#`` comment lines says where and when the log was made.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from fieldapp.errors import GnssError


def session_log_name(started: datetime, source: str) -> str:
    safe = "-".join(re.findall(r"[A-Za-z0-9]+", source))[:40] or "gnss"
    return f"nmea-{started.astimezone(UTC):%Y%m%dT%H%M%SZ}-{safe}.log"


class RawLog:
    """Append-only writer of one session's raw receiver bytes."""

    def __init__(self, directory: Path, source: str, started: datetime | None = None) -> None:
        started = started or datetime.now(UTC)
        self.path = directory / session_log_name(started, source)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._f: BinaryIO | None = self.path.open("ab")
        except OSError as exc:
            raise GnssError(f"cannot write the NMEA log {self.path}: {exc.strerror}") from None
        header = f"# FieldApp raw NMEA log\n# Source: {source}\n# Started: {started.isoformat()}\n"
        self._f.write(header.encode("utf-8"))
        self._at_line_start = True

    def write(self, data: bytes) -> None:
        if self._f is None or not data:
            return
        self._f.write(data)
        self._at_line_start = data.endswith(b"\n")

    def note(self, text: str) -> None:
        """A comment line (receiver lost, reconnected ...), kept out of the NMEA."""
        if self._f is None:
            return
        prefix = b"" if self._at_line_start else b"\n"
        self._f.write(prefix + f"# {text}\n".encode())
        self._at_line_start = True

    def flush(self) -> None:
        if self._f is not None:
            self._f.flush()

    def close(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = None

    def __enter__(self) -> RawLog:
        return self

    def __exit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
