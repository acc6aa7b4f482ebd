"""What a UART reading at one baud rate makes of bytes sent at another (8N1, as GNSS receivers send).

The sender drives the line: idle high, a start bit low, eight data bits least significant first, a stop
bit high, each ``1/sent`` seconds long. The reader waits for a falling edge, checks the start bit in its
middle, then samples eight data bits and the stop bit in the middle of its own, ``1/read`` seconds long,
bit times. A stop bit read low is a framing error, which a POSIX terminal without IGNPAR or PARMRK (as
pyserial opens it) delivers as a NUL byte. This is what a sampler's laptop reads when the receiver is
set to another rate than FieldApp opens the port with.
"""

from __future__ import annotations

import math


def line_bits(data: bytes) -> list[int]:
    """The line level, one entry per bit time of the sender, for ``data`` sent back to back."""
    bits = [1, 1]
    for byte in data:
        bits.append(0)
        bits.extend((byte >> k) & 1 for k in range(8))
        bits.append(1)
    return bits


def misread(data: bytes, sent: int, read: int) -> bytes:
    """The bytes a UART at ``read`` baud delivers for ``data`` sent at ``sent`` baud (the line idle around it)."""
    line = line_bits(data)
    r = sent / read  # one bit time of the reader, in bit times of the sender

    def level(t: float) -> int:
        i = math.floor(t)
        return line[i] if 0 <= i < len(line) else 1

    out = bytearray()
    t = 1.0
    while True:
        # the next falling edge at or after t
        i = math.ceil(t)
        while i < len(line) and not (line[i] == 0 and line[i - 1] == 1):
            i += 1
        if i >= len(line):
            return bytes(out)
        if level(i + r * 0.5):  # a glitch, not a start bit
            t = i + r * 0.5
            continue
        value = sum(level(i + r * (1.5 + k)) << k for k in range(8))
        stop = i + r * 9.5
        out.append(value if level(stop) else 0)  # a framing error is read as NUL
        t = stop
