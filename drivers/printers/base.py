"""The one interface every raw label printer offers."""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path
from typing import Protocol, runtime_checkable

from fieldapp.errors import DeviceError
from fieldapp.messages import Count
from fieldapp.progress import Progress


@runtime_checkable
class LabelPrinter(Protocol):
    """Something that takes one print job of raw bytes."""

    def send(self, data: bytes, progress: Progress | None = None) -> None:
        """Deliver ``data`` whole, or raise :class:`DeviceError`; ``progress(bytes delivered, bytes in the
        job)`` hears of each piece taken.

        A job of thousands of labels takes minutes on a serial line (9600 baud: about 1 kB a second), so a
        printer's timeout is how long it may stop taking data, never how long the whole job may take."""
        ...


def in_labels(data: bytes, progress: Progress) -> Progress:
    """A printer's ``progress`` in bytes told as labels: those whose ^XZ has gone (what a sampler counts)."""
    ends = [found.end() for found in re.finditer(rb"\^XZ", data)]

    def told(sent: int, _size: int) -> None:
        progress(bisect_right(ends, sent), len(ends))

    return told


def labels_sent(data: bytes, sent: int) -> str:
    """How much of a job reached the printer, as a refusal says it: the labels (each ends with ^XZ) whose end
    went, so the sampler knows which to print again."""
    return f"{data.count(b'^XZ', 0, sent)} of {Count(data.count(b'^XZ'), 'label')} sent"


def print_zpl(printer: LabelPrinter, zpl: str) -> None:
    # ^CI28 in our ZPL declares UTF-8, so the bytes must be UTF-8 too.
    printer.send(zpl.encode("utf-8"))


def open_printer(spec: str) -> LabelPrinter:
    """A printer from a command-line spec.

    ``tcp:HOST[:PORT]`` (port 9100 by default), ``serial:URL`` with a device
    or any pyserial URL (``serial:/dev/ttyUSB0``, ``serial:COM3``,
    ``serial:socket://host:port``; ``@BAUD`` at the end sets the baud rate),
    or ``folder:PATH`` for the simulated printer that writes files.
    """
    kind, _sep, rest = spec.partition(":")
    if not rest:
        raise DeviceError(f"Printer {spec!r} is not understood.",
                          hint="Use tcp:HOST[:PORT], serial:PORT[@BAUD] or folder:PATH.")
    if kind == "tcp":
        from drivers.printers.tcp import TcpPrinter

        host, _sep, port = rest.rpartition(":") if rest.count(":") == 1 else (rest, "", "")
        try:
            return TcpPrinter(host or rest, int(port) if port else 9100)
        except ValueError:
            raise DeviceError(f"Printer port {port!r} is not a number.") from None
    if kind == "serial":
        from drivers.printers.serial_port import SerialPrinter

        url, _sep, baud = rest.rpartition("@") if "@" in rest else (rest, "", "")
        try:
            return SerialPrinter(url, int(baud) if baud else 9600)
        except ValueError:
            raise DeviceError(f"Baud rate {baud!r} is not a number.") from None
    if kind == "folder":
        from drivers.printers.folder import FolderPrinter

        return FolderPrinter(Path(rest))
    raise DeviceError(f"Printer kind {kind!r} is not known.",
                      hint="Use tcp:HOST[:PORT], serial:PORT[@BAUD] or folder:PATH.")
