"""A scripted scanner on a real pseudo-terminal, for the demo and the tests.

The intake window opens ``port`` like any serial scanner, so the code path
is the real one (pyserial on a tty), not a stub. POSIX only: a Windows demo
uses ``loop://`` with :class:`~drivers.scanners.serial_scanner.SerialScanner`.
"""

from __future__ import annotations

import os


class SimulatedScanner:
    def __init__(self) -> None:
        import pty
        import tty

        self._master, self._slave = pty.openpty()
        tty.setraw(self._slave)  # a plain byte pipe: no echo, no line editing
        self.port = os.ttyname(self._slave)

    def scan(self, code: str, suffix: str = "\r\n") -> None:
        """Send one code as the scanner would, with its suffix ('' for scanners that send none)."""
        os.write(self._master, (code + suffix).encode("utf-8"))

    def close(self) -> None:
        for fd in (self._master, self._slave):
            os.close(fd)

    def __enter__(self) -> SimulatedScanner:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
