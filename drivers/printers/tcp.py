"""A printer listening for raw jobs on a TCP port (Zebra: 9100)."""

from __future__ import annotations

import socket

from drivers.printers.base import labels_sent
from fieldapp.errors import DeviceError
from fieldapp.progress import Progress

DRAIN_SECONDS = 2.0


def _drain(sock: socket.socket, seconds: float) -> None:
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        pass  # some printers keep the connection open; the data is already delivered


#: bytes sent at a time: the timeout is then how long the printer may stop taking data (a socket's timeout
#: holds for a whole sendall), and a job's progress moves as the printer takes it
PIECE = 64 * 1024


class TcpPrinter:
    def __init__(self, host: str, port: int = 9100, *, timeout: float = 15.0) -> None:
        self.host = host
        self.port = port
        self.timeout = timeout

    def send(self, data: bytes, progress: Progress | None = None) -> None:
        sent = 0
        try:
            with socket.create_connection((self.host, self.port), timeout=self.timeout) as sock:
                for start in range(0, len(data), PIECE):
                    piece = data[start:start + PIECE]
                    sock.sendall(piece)
                    sent += len(piece)
                    if progress is not None:
                        progress(sent, len(data))
                # Half-close so the printer sees the end of the job, then give it a moment to
                # close its side: closing at once can reset the tail away on some print servers.
                sock.shutdown(socket.SHUT_WR)
                _drain(sock, DRAIN_SECONDS)
        except OSError as exc:
            raise DeviceError(
                f"Printer {self.host}:{self.port} did not take the job ({labels_sent(data, sent)}): {exc}.",
                hint="Check that the printer is on, on the network, that the address is right and that it has "
                     "labels and ribbon; then print the labels it did not print again.",
            ) from exc
