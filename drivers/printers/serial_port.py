"""A printer on a serial port, or anything pyserial opens by URL."""

from __future__ import annotations

import serial

from fieldapp.errors import DeviceError


class SerialPrinter:
    def __init__(self, url: str, baudrate: int = 9600, *, timeout: float = 15.0) -> None:
        self.url = url
        self.baudrate = baudrate
        self.timeout = timeout

    def send(self, data: bytes) -> None:
        try:
            port = serial.serial_for_url(
                self.url, baudrate=self.baudrate, timeout=self.timeout,
                write_timeout=self.timeout, do_not_open=True,
            )
            port.open()
            try:
                written = port.write(data)
                port.flush()
            finally:
                port.close()
        except (serial.SerialException, OSError, ValueError) as exc:
            raise DeviceError(
                f"Printer on {self.url} did not take the job: {exc}.",
                hint="Check the cable, the port name and the baud rate.",
            ) from exc
        if written != len(data):
            raise DeviceError(f"Printer on {self.url} took {written} of {len(data)} bytes.")
