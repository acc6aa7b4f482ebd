"""The serial scanner driver over a real pseudo-terminal: every suffix style, and a runaway stream."""

from __future__ import annotations

import queue

from drivers.scanners import SerialScanner, SimulatedScanner
from drivers.scanners.serial_scanner import MAX_LINE


def test_codes_arrive_whole_whatever_the_suffix() -> None:
    got: queue.Queue[str] = queue.Queue()
    with SimulatedScanner() as sim:
        reader = SerialScanner(sim.port, got.put)
        reader.start()
        try:
            sim.scan("FA-T0001", "\r\n")
            sim.scan("FA-T0002", "\r")
            sim.scan("FA-T0003", "\n")
            assert [got.get(timeout=5) for _ in range(3)] == ["FA-T0001", "FA-T0002", "FA-T0003"]
            sim.scan("FA-T0004", "")  # no suffix: complete after a pause
            assert got.get(timeout=5) == "FA-T0004"
            sim.scan("x" * (MAX_LINE + 10), "")
            assert len(got.get(timeout=5)) == MAX_LINE  # cut, never an unbounded buffer
            assert got.get(timeout=5) == "x" * 10
            sim.scan("\xe9t\xe9", "\r")
            assert got.get(timeout=5) == "été"
        finally:
            reader.stop()
