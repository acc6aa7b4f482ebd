"""A printer on a serial port, or anything pyserial opens by URL."""

from __future__ import annotations

import serial

from drivers.printers.base import labels_sent
from fieldapp.errors import DeviceError
from fieldapp.progress import Progress

#: bytes written at a time: about a second at 9600 baud, so a printer that stops taking data is noticed
#: within the timeout, and a job's progress moves every second or so
PIECE = 1024


class SerialPrinter:
    def __init__(self, url: str, baudrate: int = 9600, *, timeout: float = 15.0) -> None:
        self.url = url
        self.baudrate = baudrate
        self.timeout = timeout  # how long the printer may stop taking data (pyserial's write timeout, per piece)

    def send(self, data: bytes, progress: Progress | None = None) -> None:
        written = 0
        try:
            port = serial.serial_for_url(
                self.url, baudrate=self.baudrate, timeout=self.timeout,
                write_timeout=self.timeout, do_not_open=True,
            )
            port.open()
            try:
                for start in range(0, len(data), PIECE):
                    written += port.write(data[start:start + PIECE]) or 0
                    if progress is not None:
                        progress(written, len(data))
                port.flush()
            finally:
                port.close()
        except (serial.SerialException, OSError, ValueError) as exc:
            raise DeviceError(
                f"Printer on {self.url} did not take the job ({labels_sent(data, written)}): {exc}.",
                hint="Check the cable, the port name and the baud rate, and that the printer has labels and "
                     "ribbon; then print the labels it did not print again.",
            ) from exc
        if written != len(data):
            raise DeviceError(f"Printer on {self.url} did not take the job ({labels_sent(data, written)}): it took "
                              f"{written} of {len(data)} bytes.")

