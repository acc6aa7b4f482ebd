"""A printer listening for raw jobs on a TCP port (Zebra: 9100)."""

from __future__ import annotations

import socket

from fieldapp.errors import DeviceError

DRAIN_SECONDS = 2.0


def _drain(sock: socket.socket, seconds: float) -> None:
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        pass  # some printers keep the connection open; the data is already delivered


class TcpPrinter:
    def __init__(self, host: str, port: int = 9100, *, timeout: float = 15.0) -> None:
        self.host = host
        self.port = port
        self.timeout = timeout

    def send(self, data: bytes) -> None:
        try:
            with socket.create_connection((self.host, self.port), timeout=self.timeout) as sock:
                sock.sendall(data)
                # Half-close so the printer sees the end of the job, then give it a moment to
                # close its side: closing at once can reset the tail away on some print servers.
                sock.shutdown(socket.SHUT_WR)
                _drain(sock, DRAIN_SECONDS)
        except OSError as exc:
            raise DeviceError(
                f"Printer {self.host}:{self.port} did not take the job: {exc}.",
                hint="Check that the printer is on, on the network, and that the address is right.",
            ) from exc
